"""``python -m geo.cli renewal|config`` in processes of their own, on both stores: what one command
writes the next one (another process, as from another machine) reads, recorded for ``--user``; bad
input exits 2 with a Chinese message and writes nothing (run in this process: a process of its own
proves nothing more there, and cost seconds of imports each)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from geo.cli import main
from geo.evaluation import default_config
from geo.evaluation import named as eval_configs
from geo.land import renewal
from geo.storage import audit
from geo.storage.base import DATABASE_URL_ENV, USER_GPKG_ENV
from tests.fixtures import ROOT
from tests.fixtures.postgis import postgis_schema


@pytest.fixture(params=["gpkg", "postgis"])
def target(request, tmp_path, monkeypatch) -> str:
    monkeypatch.setenv(USER_GPKG_ENV, str(tmp_path / "legacy" / "atlas_user.gpkg"))
    if request.param == "gpkg":
        yield str(tmp_path / "user" / "atlas_user.gpkg")
        return
    with postgis_schema() as scoped:
        yield scoped


def _cli(target: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ATLAS_USER": "命令行用户"}
    env.pop(DATABASE_URL_ENV, None)
    return subprocess.run(
        [sys.executable, "-m", "geo.cli", *args, "--store", target],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _ok(target: str, *args: str) -> str:
    done = _cli(target, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_status_changes_and_configurations_from_separate_processes(target, tmp_path):
    assert "王五" in _ok(
        target,
        "renewal",
        "set",
        "P9",
        "处置中",
        "--method",
        "兼并重组",
        "--date",
        "2026-04-01",
        "--user",
        "王五",
    )
    _ok(target, "renewal", "set", "P9", "已盘活", "--method", "兼并重组", "--date", "2026-08-01")
    log = _ok(target, "renewal", "log", "--parcel", "P9")
    assert "共 2 条盘活状态变更" in log and "命令行用户" in log
    assert renewal.load_log(path=target)[["old_status", "status", "changed_by"]].values.tolist() == [
        ["已认定", "处置中", "王五"],
        ["处置中", "已盘活", "命令行用户"],
    ]
    raw = dict(default_config().to_dict())
    raw["benchmark"] = {**raw["benchmark"], "multiple": 3.0}
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    _ok(target, "config", "save", "2026 公示版", "--file", str(cfg), "--official", "--user", "张三")
    _ok(target, "config", "save", "试算", "--file", str(cfg))
    assert _ok(target, "config", "list").splitlines()[1:] == [
        f"正式 2026 公示版\t{eval_configs.list_named_configs(store=target)[0].saved}\t张三",
        f"命名 试算\t{eval_configs.list_named_configs(store=target)[1].saved}\t命令行用户",
    ]
    printed = _ok(target, "config", "show", "--official")
    assert yaml.safe_load(printed)["benchmark"]["multiple"] == 3.0
    (tmp_path / "shown.yaml").write_text(printed, encoding="utf-8")
    assert "已删除评价配置「试算」" in _ok(target, "config", "delete", "试算", "--user", "张三")
    assert [c.name for c in eval_configs.list_named_configs(store=target)] == ["2026 公示版"]
    assert audit.audit_log(store=target)["user_name"].tolist()[::-1] == [
        "王五",
        "命令行用户",
        "张三",
        "命令行用户",
        "张三",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("renewal", "set", "P1", "处置中", "--date", "2026-01-01"), "状态为「处置中」时须填写处置方式"),
        (("renewal", "set", "P1", "已认定", "--date", "2026/13/01"), "日期「2026/13/01」无法识别"),
        (("config", "save", "x", "--file", "{bad}"), "不是有效的 YAML"),
        (("config", "save", "x", "--file", "{list}"), "应是一个映射"),
        (("config", "save", "x", "--file", "{negative}"), "评价配置有误"),
        (("config", "show", "没有的"), "user.gpkg 不存在：没有可读的数据"),  # the store is not there yet
        (("config", "delete", "--official"), "正式评价配置"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_writes_nothing(args, message, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ATLAS_USER", "命令行用户")
    target = str(tmp_path / "user.gpkg")
    files = {"bad": tmp_path / "bad.yaml", "list": tmp_path / "list.yaml", "negative": tmp_path / "neg.yaml"}
    files["bad"].write_text("benchmark: [unclosed\n", encoding="utf-8")
    files["list"].write_text("- 1\n- 2\n", encoding="utf-8")
    files["negative"].write_text("benchmark:\n  multiple: -1\n", encoding="utf-8")
    try:  # an exception other than the CLI's own exit fails the test here (a traceback)
        status = main([*(a.format(**{k: str(v) for k, v in files.items()}) for a in args), "--store", target])
    except SystemExit as exc:  # argparse's refusals
        status = exc.code
    stderr = capsys.readouterr().err
    assert status == 2 and message in stderr and "Traceback" not in stderr
    assert len(audit.audit_log(store=target)) == 0
