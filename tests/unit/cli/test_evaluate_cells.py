"""What ``evaluate``'s files write in a cell, as the page's files do: "—" for the place of a firm outside
every zone (walk 14 item 6), 「无（各项均不低于同组中位数）」 in 主要失分指标 for a scored firm with no
shortfall (walk 14 item 7), class T (不参评) for a firm it cannot score (walk 16 item 2); ``--raw``
as computed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.cli import main
from geo.evaluation import CLASS_COL, EVALUATION_LABELS, EVALUATION_LABELS_EN
from tests.fixtures.evaluation import evaluation_files


def _classes(out: Path) -> pd.DataFrame:
    path = out / "enterprise_classes.csv"
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_evaluate_files_write_a_dash_for_a_place_not_known(tmp_path, capsys):
    zones_path, table = evaluation_files(tmp_path, "企业.gpkg")
    command = ["evaluate", str(zones_path), str(table), "--year", "2024", "-o"]
    headers = {"zh": ("区镇/园区", "填报区镇"), "en": ("Town/park", "Stated town")}
    for lang, (zone, town) in headers.items():
        assert main([*command, str(tmp_path / lang), "--lang", lang]) == 0
        written = _classes(tmp_path / lang)
        rows = written.set_index(written.columns[0])
        assert rows.loc["E09", zone] == "—" and rows.loc["E10", zone] == "—", rows[[zone]]
        assert rows.loc["E10", town] == "—" and rows.loc["E01", zone] != "—"
    assert main([*command, str(tmp_path / "raw"), "--raw"]) == 0  # for programs: blank stays blank
    written = _classes(tmp_path / "raw")
    assert "—" not in set(written["zone"]) and written.set_index("ent_id").loc["E09", "zone"] == ""


def test_evaluate_files_say_when_a_scored_firm_has_no_shortfall(tmp_path, capsys):
    """As the page and its files (walk 14 item 7): a scored firm with no indicator below its group's
    median reads 「无（各项均不低于同组中位数）」 in 主要失分指标, never a blank (which the page's caption
    calls "cannot compute"); a firm not scored stays blank, and ``--raw`` stays as computed."""
    zones_path, table = evaluation_files(tmp_path, "企业.gpkg")
    command = ["evaluate", str(zones_path), str(table), "--year", "2024", "-o"]
    assert main([*command, str(tmp_path / "raw"), "--raw"]) == 0
    raw = _classes(tmp_path / "raw").set_index("ent_id")
    scored, said = raw["score"].str.strip().ne(""), raw["reasons"].str.strip().ne("")
    none = raw.index[scored & ~said]
    assert len(none) >= 1  # the group's best has no shortfall
    words = {
        "zh": ("主要失分指标", "无（各项均不低于同组中位数）"),
        "en": ("Main shortfalls", "None (no indicator below the group median)"),
    }
    for lang, (header, word) in words.items():
        assert main([*command, str(tmp_path / lang), "--lang", lang]) == 0
        written = _classes(tmp_path / lang)
        rows = written.set_index(written.columns[0])
        assert set(rows.index[rows[header] == word]) == set(none), (lang, rows[header])
        unscored = raw.index[raw["score"].astype(str).str.strip().eq("")]
        assert not (rows.loc[unscored, header] == word).any()


def _classes_by_id(folder: Path) -> pd.DataFrame:
    frame = pd.read_csv(folder / "enterprise_classes.csv", dtype=str, encoding="utf-8-sig")
    return frame.set_index(frame.columns[0])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_evaluate_writes_the_firms_it_cannot_score_as_class_t(named, tmp_path, lang, capsys):
    zones_path, table = named
    out = tmp_path / lang
    assert main(["evaluate", str(zones_path), str(table), "-o", str(out), "--lang", lang]) == 0
    labels = EVALUATION_LABELS if lang == "zh" else EVALUATION_LABELS_EN
    classes = _classes_by_id(out)
    meaning = {"zh": "不参评", "en": "not scored"}[lang]
    for ent_id in ("E03", "E05"):  # no land, land missing: not scored
        assert classes.loc[ent_id, labels[CLASS_COL]] == "T", classes.loc[ent_id]
        assert classes.loc[ent_id, labels["eval_class_label"]] == meaning, classes.loc[ent_id]
    assert classes.loc["E01", labels[CLASS_COL]] in ("A", "B", "C", "D")
    raw = tmp_path / f"{lang}_raw"
    assert main(["evaluate", str(zones_path), str(table), "-o", str(raw), "--raw"]) == 0
    assert pd.isna(_classes_by_id(raw).loc["E03", CLASS_COL])  # --raw: as computed
