"""``python -m geo.cli --lang en <command> [<sub>] --help`` is in English (issue 23): every help,
description and metavar text comes from the catalogue in the parser's language; the Chinese help is
the same text as before."""

from __future__ import annotations

import argparse
import re

import pytest

from geo.cli import build_parser
from geo.land import renewal

# Chinese data an English help may quote as it is: examples of column headers and of values (a town,
# the yes/no of a Chinese table, a layer's file name), and the renewal statuses and methods, typed in
# Chinese as the choices say.
EXAMPLES = ("经度", "纬度", "年份", "区镇", "实缴税金", "入库税款（元）", "用户名称", "社会信用代码")
VALUES = ("是", "否", "昆山市", "县级行政区")
ALLOWED = (
    *EXAMPLES,
    *VALUES,
    *renewal.STATUSES,
    *(m for method in renewal.METHODS for m in method.split("/")),
)
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


def _all_helps(lang: str) -> dict[str, str]:
    return {" ".join(path): p.format_help() for path, p in _parsers(build_parser(lang=lang))}


def test_every_command_help_is_english(monkeypatch):
    """Issue 23: ``--lang en <command> [<sub>] --help`` printed most options in Chinese."""
    monkeypatch.setenv("COLUMNS", "100")
    helps = _all_helps("en")
    assert len(helps) > 25 and "versions publish" in helps and "config save" in helps
    chinese = {
        cmd: found
        for cmd, text in helps.items()
        if (found := [w for w in CJK.findall(text) if w not in ALLOWED])
    }
    assert not chinese, chinese


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    "expected",
    [
        "以企业名录（统一社会信用代码）为准，把税务、统计、供电、自然资源、生态环境各部门的数据"
        "按统一社会信用代码 → 组织机构代码 → 唯一名称依次匹配、换算单位、按企业汇总，写出企业表"
        "（evaluate 可直接读取）和匹配报告；每个数值都记录来自哪个部门、哪个文件（含 SHA-256）的哪几行。",
        "企业名录（.csv/.xlsx）：统一社会信用代码、企业名称，可含区镇、行业代码、经纬度",
        "--source 部门=文件",
        "部门文件，可重复：tax=税务.csv stats=统计.xlsx power=供电.csv land=自然资源.xlsx env=生态环境.csv",
        "--map 部门.字段=表头",
        "表头不同时指定，如 tax.tax_wan_yuan=入库税款（元）、power.name=用户名称、register.code=社会信用代码",
        "归集结果 .csv（另写 .provenance.csv）或 .xlsx",
        "匹配报告 .xlsx（每个部门一页 + 汇总）或 .csv",
    ],
)
def test_the_chinese_help_is_unchanged(monkeypatch, expected):
    """The Chinese help of ``collect`` says what it said before the texts moved to the catalogue."""
    monkeypatch.setenv("COLUMNS", "100")
    assert _flat(expected) in _flat(_all_helps("zh")["collect"])
