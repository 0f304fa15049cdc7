"""The command line's output read by a reader that leaves early (``geo.cli … | head``): it stops
quietly with a pipe's status, never a BrokenPipeError traceback."""

from __future__ import annotations

import io

from geo.cli import main


class _ClosedPipe(io.TextIOBase):
    """A standard output whose reader has gone: every write fails as a closed pipe's does."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_output_to_a_closed_pipe_stops_quietly(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr("sys.stdout", _ClosedPipe())
    assert main(["export", "districts", "--format", "csv", "--out", str(tmp_path / "d.csv")]) == 141
    assert capsys.readouterr().err == ""
