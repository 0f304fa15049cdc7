"""``python -m geo.cli evaluate`` writes its tables in the command's language, Chinese by default as
every other command (``export --lang`` too): the page's Chinese headers, each number rounded to its
measure, 是/否 not True (issue 23, walk12: ``-o ev2`` without ``--lang`` came out in English with
``7.095890410958904`` and ``True``); in English its notes, the surcharges file's headers and land
policy, and "1 enterprise" (walks 16 and 17), the user's own park names kept as written (walk 17 b2)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.cli import main
from geo.exports.run_files import points_not_scored
from geo.messages import message
from geo.place_names import own_place_name, place_name
from tests.fixtures.cli import evaluate_printed
from tests.fixtures.evaluation import USER_PARKS, enterprises, evaluation_files


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return evaluation_files(tmp_path, "eval_enterprises.gpkg")


def _read(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / name, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_evaluate_writes_chinese_tables_by_default(files, tmp_path, monkeypatch):
    monkeypatch.delenv("ATLAS_LANG", raising=False)
    out = tmp_path / "ev"
    assert main(["evaluate", *map(str, files), "-o", str(out)]) == 0
    metrics = _read(out, "zone_metrics.csv")
    assert "区域" in metrics.columns and "zone" not in metrics.columns
    classes = _read(out, "enterprise_classes.csv")
    assert "亩均税收（万元/亩）" in classes.columns
    assert set(classes["是否参评"]) <= {"是", "否"}
    # every number as shown: 亩均税收 to two decimals, never 7.095890410958904
    per_mu = [v for v in classes["亩均税收（万元/亩）"] if v]
    assert per_mu and all(len(v.split(".")[-1]) == 2 for v in per_mu if "." in v)
    assert all(len(v.split(".")[-1]) <= 2 for v in metrics["亩均税收（万元/亩）"] if "." in v)


def test_evaluate_follows_the_command_language(files, tmp_path, monkeypatch):
    monkeypatch.delenv("ATLAS_LANG", raising=False)
    out = tmp_path / "en"
    assert main(["--lang", "en", "evaluate", *map(str, files), "-o", str(out)]) == 0
    assert "Zone" in _read(out, "zone_metrics.csv").columns
    out_zh = tmp_path / "zh"
    assert main(["--lang", "en", "evaluate", *map(str, files), "-o", str(out_zh), "--lang", "zh"]) == 0
    assert "区域" in _read(out_zh, "zone_metrics.csv").columns
    scores = _read(out_zh, "zone_metrics.csv")["亩均税收（万元/亩）"]
    assert [v for v in scores if v] and all(len(v.split(".")[-1]) == 2 for v in scores if "." in v)


def test_evaluate_in_english_names_its_groups_in_english(files, tmp_path, capsys, monkeypatch):
    """Walk 12 (issue 23): ``evaluate … --lang en`` printed ``Evaluation group “规上”: … (…, T 0)``."""
    monkeypatch.delenv("ATLAS_LANG", raising=False)
    assert main(["evaluate", *map(str, files), "-o", str(tmp_path / "en"), "--lang", "en"]) == 0
    groups = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Evaluation group")]
    assert groups and not any("\u4e00" <= ch <= "\u9fff" for line in groups for ch in line), groups
    assert any("above designated size" in line.lower() for line in groups), groups
    assert all(", class T: " in line for line in groups), groups
    assert main(["evaluate", *map(str, files), "-o", str(tmp_path / "zh")]) == 0
    groups = [line for line in capsys.readouterr().out.splitlines() if line.startswith("评价组")]
    assert any("「规上」" in line for line in groups), groups


def test_the_zone_scores_in_english_cite_the_table_in_english(files, tmp_path, monkeypatch):
    """Walk 12 (issue 23): ``--zones-out zones.csv --lang en`` cited its source as
    ``企业表 x.gpkg（SHA-256 …）``."""
    monkeypatch.delenv("ATLAS_LANG", raising=False)
    zones_out = tmp_path / "zones.csv"
    args = ["evaluate", *map(str, files), "-o", str(tmp_path / "en"), "--zones-out", str(zones_out)]
    assert main([*args, "--lang", "en"]) == 0
    source = set(_read(tmp_path, "zones.csv")["Data source"])
    assert source == {f"Enterprise table {files[1].name} (SHA-256 {next(iter(source))[-13:-1]})"}, source
    assert main(args) == 0
    source = set(_read(tmp_path, "zones.csv")["数据来源"])
    assert len(source) == 1 and next(iter(source)).startswith(f"企业表 {files[1].name}（SHA-256 "), source


def test_the_zone_scores_may_go_into_the_folder_the_command_creates(files, tmp_path, capsys):
    """Walk 12: ``-o ev --zones-out ev/zones.csv`` was refused (its folder ev does not exist) although
    the command creates ev for its tables; a folder nothing creates is still refused."""
    out = tmp_path / "ev"
    assert main(["evaluate", *map(str, files), "-o", str(out), "--zones-out", str(out / "zones.csv")]) == 0
    assert (out / "zones.csv").is_file() and (out / "zone_metrics.csv").is_file()
    typo = tmp_path / "evv" / "zones.csv"
    assert main(["evaluate", *map(str, files), "-o", str(tmp_path / "ev2"), "--zones-out", str(typo)]) == 2
    assert "evv" in capsys.readouterr().err and not (tmp_path / "ev2").exists()


def test_evaluate_in_english_writes_the_pages_english_tables(files, tmp_path, monkeypatch):
    """Walk 12 (issue 23): ``evaluate --lang en`` wrote field names, ``7.095890410958904``, ``True``
    and 规下 / 调整转型 / 参评 in Chinese; its ``--zones-out *.xlsx`` was Chinese."""
    monkeypatch.delenv("ATLAS_LANG", raising=False)
    out, book = tmp_path / "en", tmp_path / "zones.xlsx"
    assert main(["evaluate", *map(str, files), "-o", str(out), "--lang", "en", "--zones-out", str(book)]) == 0
    classes = _read(out, "enterprise_classes.csv")
    assert {"Tax per mu (10k yuan/mu)", "Size", "Group", "Class meaning", "Status", "Scored"} <= set(
        classes.columns
    )
    assert "tax_per_mu_wan_yuan" not in classes.columns
    assert set(classes["Scored"]) <= {"Yes", "No"}
    assert set(classes["Status"]) >= {"Scored"}
    per_mu = [v for v in classes["Tax per mu (10k yuan/mu)"] if v]
    assert per_mu and all(len(v.split(".")[-1]) == 2 for v in per_mu if "." in v)
    # walk19: a class-T row said "Ranked enterprises 0" beside its blank rank: blank as its rank
    unscored, scored = classes[classes["Scored"] == "No"], classes[classes["Scored"] == "Yes"]
    assert len(unscored) and set(unscored["Ranked enterprises"]) == {""} == set(unscored["Rank"])
    assert all(v.isdigit() and int(v) > 0 for v in scored["Ranked enterprises"])
    cells = classes.drop(columns=["Name", "Stated town", "Town/park"])  # the fixture's own names
    text = "".join(cells.astype(str).to_numpy().ravel())
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in text), sorted(
        {c for c in text if "\u4e00" <= c <= "\u9fff"}
    )
    assert "Zone" in _read(out, "zone_metrics.csv").columns
    sheets = pd.read_excel(book, sheet_name=None)
    assert "Zones" in sheets and "Town/park" in sheets["Zones"].columns


def test_evaluate_raw_keeps_the_atlas_field_names_for_programs(files, tmp_path, monkeypatch):
    monkeypatch.delenv("ATLAS_LANG", raising=False)
    out = tmp_path / "raw"
    assert main(["evaluate", *map(str, files), "-o", str(out), "--raw"]) == 0
    classes = _read(out, "enterprise_classes.csv")
    assert {"tax_per_mu_wan_yuan", "scored", "status"} <= set(classes.columns)
    assert set(classes["scored"]) <= {"True", "False"}


def test_one_is_said_in_the_singular_in_english(files, tmp_path, capsys, monkeypatch):
    """Walk 12 (issue 23): "1 enterprises have no location", "…, < 3 mu”: 1 enterprises"."""
    monkeypatch.delenv("ATLAS_LANG", raising=False)
    assert main(["--lang", "en", "evaluate", *map(str, files), "-o", str(tmp_path / "en")]) == 0
    printed = capsys.readouterr().out
    assert "1 enterprises" not in printed, printed
    assert "Note: 1 enterprise has no location: counted as outside every zone" in printed
    assert "< 3 mu”: 1 enterprise, 0 scored" in printed
    assert "3 zones, 10 enterprises" in printed


def test_a_persons_tables_leave_out_empty_columns_and_unscored_points(tmp_path, monkeypatch):
    """Walk 13 item 5: enterprise_classes.csv had 9 of 39 columns empty on every row, and a dropped
    indicator's points read 0.00 ("scored zero"). A person's table leaves out the columns no row
    fills and leaves a not-scored indicator's points blank; ``--raw`` keeps every column."""
    monkeypatch.delenv("ATLAS_LANG", raising=False)
    firms = enterprises().drop(columns=["energy_tce", "value_added_wan_yuan"])
    firms["industry"] = None  # no row has an industry
    zones_path, ents = evaluation_files(tmp_path, "e.gpkg", firms)
    out = tmp_path / "en"
    assert main(["evaluate", str(zones_path), str(ents), "-o", str(out), "--lang", "en"]) == 0
    for name in ("enterprise_classes.csv", "zone_metrics.csv", "outside_enterprises.csv"):
        table = _read(out, name)
        empty = [c for c in table.columns if not table[c].astype(bool).any()]
        assert not empty, (name, empty)
    classes = _read(out, "enterprise_classes.csv")
    assert "Industry" not in classes.columns and "Tax per tce (10k yuan/tce)" not in classes.columns
    points = [c for c in classes.columns if c.endswith(" points")]
    assert points and "Tax per tce points" not in points
    raw = tmp_path / "raw"
    assert main(["evaluate", str(zones_path), str(ents), "-o", str(raw), "--raw"]) == 0
    assert {"industry", "tax_per_tce_wan_yuan"} <= set(_read(raw, "enterprise_classes.csv").columns)


def test_points_are_blank_only_in_the_group_not_scored_on_them():
    frame = pd.DataFrame(
        {
            "size_class": pd.Categorical(["规上", "规下", "规上"], categories=["规上", "规下"]),
            "pts_a": [10.0, 0.0, 5.0],
            "pts_b": [0.0, 4.0, 0.0],
        }
    )
    weights = pd.DataFrame({"a": [60.0, 0.0], "b": [0.0, 40.0]}, index=["规上", "规下"])
    shown = points_not_scored(frame, weights)
    assert shown["pts_a"].tolist()[::2] == [10.0, 5.0] and pd.isna(shown["pts_a"][1])
    assert shown["pts_b"].isna().tolist() == [True, False, True]
    assert frame["pts_b"].tolist() == [0.0, 4.0, 0.0]  # the evaluation's own frame untouched


def test_evaluate_in_english_prints_its_notes_in_english(named, tmp_path, capsys):
    zones_path, table = named
    assert main(["--lang", "en", "evaluate", str(zones_path), str(table), "-o", str(tmp_path / "en")]) == 0
    out = capsys.readouterr().out
    assert "the table has no consumption column" in out, out
    assert "企业表没有用量字段" not in out and "配置中未设定费率" not in out, out
    assert main(["--lang", "zh", "evaluate", str(zones_path), str(table), "-o", str(tmp_path / "zh")]) == 0
    assert "企业表没有用量字段" in capsys.readouterr().out


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)


def test_the_users_park_names_are_kept_as_written_in_every_english_file(user_parks, tmp_path, capsys):
    assert place_name(USER_PARKS[0], "en") != USER_PARKS[0]  # the atlas has an English name for it
    out = tmp_path / "en"
    evaluate_printed(user_parks, out, "en", capsys)
    said = {
        "zone_metrics.csv": "Zone",
        "zone_scores.csv": "Town/park",
        "land_renewal_by_zone.csv": "Town/park",
        "enterprise_classes.csv": "Town/park",
        "class_surcharges.csv": "Town/park",
    }
    for name, column in said.items():
        values = set(_csv(out / name)[column]) - {"—"}
        # the parks as written; the empty 七都镇 (where listed) in English, as a fixed 区镇
        assert set(USER_PARKS[:2]) <= values <= {*USER_PARKS[:2], "Qidu Town"}, (name, values)


def test_own_place_name_translates_the_fixed_places_only():
    assert own_place_name("盛泽镇新材料产业园", "en") == "盛泽镇新材料产业园"
    assert own_place_name("七都镇", "en") == "Qidu Town"
    assert own_place_name("吴江区", "en") == "Wujiang District"
    assert own_place_name("盛泽镇新材料产业园", "zh") == "盛泽镇新材料产业园"
    assert own_place_name(None, "en") == ""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_surcharges_file_is_headed_and_worded_as_the_page(user_parks, tmp_path, lang, capsys):
    out = tmp_path / lang
    evaluate_printed(user_parks, out, lang, capsys)
    pay = _csv(out / "class_surcharges.csv")
    headers = {
        "zh": ["差别电价计费用量（千瓦时）", "差别电价加价（元/千瓦时）", "差别电价（万元）", "用地政策"],
        "en": [
            "Power surcharge: quantity billed (kWh)",  # capitalised as every header (walk18 c7)
            "Power surcharge rate (yuan/kWh)",
            "Power surcharge (10k yuan)",
            "Land policy",
        ],
    }[lang]
    assert set(headers) <= set(pay.columns), list(pay.columns)
    assert not {c for c in pay.columns if "_" in c}, list(pay.columns)  # no field name
    policy = {"zh": "支持零增地技改，不新增用地", "en": "may upgrade without new land"}[lang]
    assert policy in set(pay[headers[-1]])
    if lang == "en":
        assert not pay[headers[-1]].str.contains(r"[\u4e00-\u9fff]").any()


def test_one_enterprise_outside_the_zones_is_said_in_the_singular():
    for key, params in (("eff.outside_zones", {"zones": "测试园区"}), ("eff.outside", {})):
        text = message(key, "en", n=1, ids="企业E09 (E09)", **params)
        assert text.startswith("1 enterprise lies ") and " are " not in text, text
        assert message(key, "en", n=2, ids="…", **params).startswith("2 enterprises lie ")
