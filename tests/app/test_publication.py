"""The 公示与异议 page under Streamlit's AppTest: the main path of an editor (single-user mode) — save an
imported year (the hand-worked fixture of tests/fixtures/publication.py) as a draft, publish it,
record an objection with its evidence, decide it, evaluate again, compare, finalize — and a viewer's
page (accounts configured, nobody signed in): the published and final versions with their state and
class counts, no enterprise rows, no actions."""

from __future__ import annotations

import re
from datetime import timedelta

import geopandas as gpd
import pytest
from streamlit.testing.v1 import AppTest

from geo import ingest
from geo.evaluation.named import save_named_config
from geo.messages.formats import beijing_today
from geo.publication import objections, versions
from geo.storage import audit
from geo.storage.accounts import hash_password
from geo.yearly.notice_words import short_status_en, size_name, status_name
from pages.publication.objection_tab import answer_key, department_key, value_key
from pages.publication.screen import short_group_en
from tests.fixtures import APP
from tests.fixtures.app import open_page, record_downloads
from tests.fixtures.publication import add_objection, enterprises, rules, save_year

PAGE = "pages/publication.py"


@pytest.fixture
def user_store(user_gpkg):
    """The test's own empty user store (tests/conftest.py)."""
    return str(user_gpkg)


def _button(at, key: str):
    return next(b for b in at.button if b.key == key)


def _imported_year(store: str) -> None:
    """The hand-worked fixture (tests/fixtures/publication.py) imported as a user enterprise table with
    one zone around it, and its rules saved as a named configuration."""
    ents = enterprises().to_crs(4326)
    result = ingest.read_upload(ents.to_json().encode("utf-8"), "ents.geojson", kind="enterprises")
    ingest.save_import(
        result, name="ents", title="企业 2024", source="测试", path=store, actor="张三", year=2024
    )
    zone = gpd.GeoDataFrame({"name": ["北区"]}, geometry=[ents.union_all().envelope.buffer(0.01)], crs=4326)
    result = ingest.read_upload(zone.to_json().encode("utf-8"), "zone.geojson", kind="zones")
    ingest.save_import(result, name="zone", title="北区", source="测试", path=store, actor="张三")
    save_named_config("手算规则", rules(), actor="张三", store=store)


def test_editor_runs_the_cycle_on_the_page(user_store):
    _imported_year(user_store)
    at = open_page(PAGE, timeout=120)
    assert at.title[0].value == "评价公示、异议与定案"
    assert any("还没有版本" in i.value for i in at.info)

    # Save the imported year as a draft with the hand-worked rules.
    at.selectbox(key="pub_save_ents").set_value("user_ents").run()
    at.selectbox(key="pub_save_zones").set_value("user_zone")
    at.selectbox(key="pub_save_config").set_value("named:手算规则")
    assert at.selectbox(key="pub_save_year").value == 2024
    at.text_input(key="pub_save_title_score_user_ents_2024").set_value("2024 年度亩均评价")
    _button(at, "pub_save_button").click().run()
    assert not at.exception, at.exception
    assert any("已保存为 V1" in s.value for s in at.success)
    at.run()  # a rerun of the page's own (nothing chosen anew) keeps the message where it was
    assert any("已保存为 V1" in s.value for s in at.success)
    v1 = versions.get_version("V1", store=user_store)
    assert (v1.year, v1.state, v1.n_results, v1.config) == (2024, "draft", 6, rules())
    assert v1.inputs["enterprises"]["rows"] == 6 and len(v1.inputs["zones"]["sha256"]) == 64
    published = versions.version_results(v1, store=user_store)
    assert published["score"].round(2).tolist()[:5] == [166.67, 133.33, 100.0, 66.67, 33.33]  # list order

    # The window's end is proposed from the configured period: the 5th working day from today.
    today = beijing_today()  # the page proposes days in Suzhou
    working = [d for d in (today + timedelta(days=n) for n in range(14)) if d.weekday() < 5]
    assert at.date_input(key="pub_publish_end").value == working[4]
    assert "5 个工作日" in at.date_input(key="pub_publish_end").help
    # Publish for a window that holds today.
    at.date_input(key="pub_publish_start").set_value(today - timedelta(days=1))
    at.date_input(key="pub_publish_end").set_value(today + timedelta(days=5))
    _button(at, "pub_publish_button").click().run()
    assert any("已公示" in s.value for s in at.success)
    assert not any("已保存为 V1" in s.value for s in at.success)  # the next action's result replaces it
    assert versions.get_version("V1", store=user_store).state == "published"

    # An objection with its evidence file and the department's first answer, then its decision.
    assert at.selectbox(key="pub_obj_ent").value == "E5"  # the list's first row (best score)
    at.selectbox(key="pub_obj_ent").set_value("E1")
    indicator_options = at.selectbox(key="pub_obj_indicator").options
    assert "emission_equiv" not in indicator_options and "排放当量（当量）" in indicator_options
    # the department follows the indicator (the one that supplied it); the value starts empty
    at.selectbox(key="pub_obj_indicator").set_value("land_mu").run()
    assert at.selectbox(key=department_key(0, "land_mu")).value == "land"
    assert at.selectbox(key=department_key(0, "land_mu")).format_func("land") == "自然资源和规划局"
    assert at.number_input(key=value_key(0, "E1", "land_mu")).value is None
    assert any(c.value == "该版本中的数值：10.00" for c in at.caption)  # E1's land, as land is shown
    at.selectbox(key="pub_obj_indicator").set_value("tax_wan_yuan").run()
    assert at.selectbox(key=department_key(0, "tax_wan_yuan")).value == "tax"
    at.selectbox(key="pub_obj_ent").set_value("E2").run()
    assert any(c.value == "该版本中的数值：20.00" for c in at.caption)  # E2's tax, not E1's kept
    at.selectbox(key="pub_obj_ent").set_value("E1").run()
    at.number_input(key=value_key(0, "E1", "tax_wan_yuan")).set_value(25.0)
    at.file_uploader(key="pub_obj_evidence_0").set_value(
        ("完税证明.pdf", b"%PDF-1.4 proof", "application/pdf")
    )
    at.text_input(key=answer_key(0)).set_value("税务局：实缴 25 万元属实")
    _button(at, "pub_obj_button").click().run()
    assert not at.exception, at.exception
    assert any("已登记异议 O1" in s.value for s in at.success)
    # The form starts empty again: the value is the version's, no answer, no file; a second click
    # records nothing more.
    assert at.number_input(key=value_key(1, "E1", "tax_wan_yuan")).value is None
    assert at.text_input(key=answer_key(1)).value == ""  # the next round's box, empty
    assert at.file_uploader(key="pub_obj_evidence_1").value is None
    _button(at, "pub_obj_button").click().run()
    assert len(objections.objections_frame(store=user_store)) == 1
    assert at.selectbox(key="pub_obj_evidence_of").options == ["O1 · 完税证明.pdf"]
    assert [b.label for b in at.get("download_button") if "证据" in b.label] == ["下载证据文件"]
    # The answer recorded with the objection is shown, not asked again; the decision has its reason.
    assert any("税务局的答复：税务局：实缴 25 万元属实" in c.value for c in at.text)
    assert not [a for a in at.text_area if a.key == "pub_obj_final_answer"]
    at.radio(key="pub_obj_decision").set_value("accepted")
    at.text_area(key="pub_obj_reason").set_value("以完税证明为准")
    _button(at, "pub_obj_decide_button").click().run()
    assert any("采纳" in s.value for s in at.success)
    register = objections.objections_frame(store=user_store)
    assert register[["ent_id", "value_claimed", "decision", "decided_by", "department"]].values.tolist() == [
        ["E1", "25.0", "accepted", "单用户模式", "tax"]
    ]
    both = register[["department_answer", "decision_note"]].values.tolist()
    assert both == [["税务局：实缴 25 万元属实", "以完税证明为准"]]  # both kept, neither overwritten

    # Evaluate again (V2 replaces V1): the page says why every score moved — the benchmark moved.
    _button(at, "pub_re_button").click().run()
    done = [s.value for s in at.success if "已存为 V2" in s.value]
    assert done and "替换 V1" in done[0]
    # hand-worked (tests/fixtures/publication.py): benchmark 150/50 = 3 → 165/50 = 3.3; all five
    # scored enterprises move, only E1 changes class (D → C); in the benchmark's decimals as the
    # page and the workbook show it (3.00, not 3: walk18 b7)
    assert "基准值随之变化：亩均税收基准 3.00 → 3.30；5 家企业得分变动，1 家类别变动。" in done[0]
    # V1 is still 公示 in the list; the objections tab says why it takes no more objections.
    assert any("V1 已公示，但已按异议重新评价为 V2（草稿）" in i.value for i in at.info)
    summary = [c.value for c in at.caption if "家企业有变化" in c.value]
    assert summary, "the comparison of V1 and V2 is shown"
    assert summary[0].startswith("5 家企业有变化，其中 1 家类别改变")
    assert any(c.value.startswith("基准值随之变化：亩均税收基准 3.00 → 3.30") for c in at.caption)
    at.checkbox(key="pub_fin_confirm").check().run()
    at.selectbox(key="pub_fin_version").set_value("V2")
    _button(at, "pub_fin_button").click().run()
    assert any("V2" in s.value and "已定案" in s.value for s in at.success)
    v2 = versions.get_version("V2", store=user_store)
    assert v2.locked
    final = versions.version_results(v2, store=user_store)
    assert final["score"].round(2).tolist()[:5] == [
        151.52,
        121.21,
        90.91,
        75.76,
        60.61,
    ]  # hand-worked, list order
    assert final["eval_class"].tolist() == ["A", "A", "B", "C", "C", ""]
    # The page shows the lock; the change log has every step for the single-user identity.
    at.selectbox(key="pub_version").set_value("V2").run()
    assert any("已定案" in w.value and "不能再修改" in w.value for w in at.warning)
    actions = audit.audit_log(store=user_store)["action"].tolist()[::-1]
    assert actions[3:] == [
        "results_saved",
        "version_saved",
        "version_published",
        "evidence_saved",
        "objection_recorded",
        "objection_decided",  # (the answer came with the objection: no step of its own)
        "results_saved",
        "version_saved",
        "version_finalized",
    ]


def test_viewer_sees_published_versions_without_rows(user_store):
    save_year(user_store)  # V1 draft: not for viewers
    save_year(user_store)  # V2, published
    versions.publish_version("V2", start="2025-07-13", end="2025-07-19", actor="张三", store=user_store)
    add_objection(user_store, "V2", "E1", 25)
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.secrets["atlas"] = {"accounts": {"zhangsan": hash_password("correct horse")}}
    at.session_state["lang"] = "en"
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Publication, objections and the final result"
    assert any("viewer" in i.value for i in at.info)
    table = at.dataframe[0].value
    assert table["Version"].tolist() == ["V2"]
    assert table["State"].tolist() == ["published"]
    counts = at.dataframe[1].value
    assert counts.set_index("Class")["Enterprises"].to_dict() == {
        "A": "2",
        "B": "1",
        "C": "1",
        "D": "1",
        "T": "1",
    }
    assert len(at.dataframe) == 2  # no enterprise rows
    assert not at.tabs  # no editor actions
    assert not [b for b in at.button if b.key and b.key.startswith("pub_")]


def test_land_list_first_then_the_scores_on_it(user_store):
    _imported_year(user_store)
    at = open_page(PAGE, timeout=120)
    at.radio(key="pub_save_kind").set_value("land").run()
    at.selectbox(key="pub_save_ents").set_value("user_ents").run()
    assert at.selectbox(key="pub_save_parcels").value == ""  # no parcel layer imported: the table's land
    _button(at, "pub_save_button").click().run()
    assert not at.exception, at.exception
    land = versions.get_version("V1", store=user_store)
    assert (land.kind, land.n_results, land.title) == ("land", 6, "2024 年度用地清单")
    rows = versions.version_results(land, store=user_store)
    assert [i["land_mu"] for i in rows["inputs"]] == [10.0, 10.0, 10.0, 10.0, 10.0, 2.0]
    versions.publish_version("V1", start="2025-05-20", end="2025-05-26", actor="张三", store=user_store)
    at.run()
    at.radio(key="pub_save_kind").set_value("score").run()
    at.selectbox(key="pub_save_zones").set_value("user_zone")
    at.selectbox(key="pub_save_config").set_value("named:手算规则")
    at.selectbox(key="pub_save_land").set_value("V1")
    _button(at, "pub_save_button").click().run()
    assert not at.exception, at.exception
    scored = versions.get_version("V2", store=user_store)
    assert (scored.kind, scored.land_version) == ("score", "V1")
    used = versions.version_results(scored, store=user_store)
    assert used["provenance"].iloc[0] == {"land_mu": "用地清单 V1"}
    assert used["score"].round(2).tolist()[:5] == [166.67, 133.33, 100.0, 66.67, 33.33]  # list order


def test_staff_who_see_firms_get_the_rows_but_no_actions(user_store):
    """查看企业 (lisi) sees the published version's enterprise rows; only 编辑 may act on them."""
    save_year(user_store)
    versions.publish_version("V1", start="2025-07-13", end="2025-07-19", actor="张三", store=user_store)
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.secrets["atlas"] = {
        "roles": {"lisi": "查看企业"},
        "accounts": {"lisi": hash_password("correct horse")},
    }
    at.session_state["_atlas_account"] = "lisi"
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert len(at.dataframe) == 3  # the versions, the class counts, and the enterprise rows
    assert sorted(at.dataframe[2].value.iloc[:, 0].astype(str))[:2] == ["E1", "E2"]
    assert not at.tabs
    assert not [b for b in at.button if b.key and b.key.startswith("pub_")]


def test_the_results_workbook_is_made_when_asked_not_on_every_run(user_store, monkeypatch):
    """The page of a saved version draws at once; its results workbook (seconds at 17,000 rows) is made
    when its button is clicked, and then holds the version's rows group by group."""
    import io

    import openpyxl

    from geo.publication import exports

    buttons = record_downloads(monkeypatch)
    made: list[int] = []
    real = exports.results_xlsx_bytes

    def counted(table, **kwargs):
        made.append(len(table))
        return real(table, **kwargs)

    monkeypatch.setattr(exports, "results_xlsx_bytes", counted)
    _imported_year(user_store)
    at = open_page(PAGE, timeout=120)
    at.selectbox(key="pub_save_ents").set_value("user_ents").run()
    at.selectbox(key="pub_save_zones").set_value("user_zone")
    at.selectbox(key="pub_save_config").set_value("named:手算规则")
    at.text_input(key="pub_save_title_score_user_ents_2024").set_value("2024 年度亩均评价")
    _button(at, "pub_save_button").click().run()
    at.run()  # the page again, with V1 shown
    assert not at.exception, at.exception
    assert made == []  # two runs of the page, no workbook made
    cells = [str(v) for d in at.dataframe for v in d.value.to_numpy().ravel()]
    # who saved it and when, the zone in the header (walk 13: the cell was cut at 1280)
    assert any(re.fullmatch(r"单用户模式 · \d{4}-\d\d-\d\d \d\d:\d\d", c) for c in cells)
    data = buttons.raw("下载结果（XLSX）")
    assert callable(data)
    book = openpyxl.load_workbook(io.BytesIO(data()), read_only=True)  # the click
    assert made == [6]  # the six enterprises of the hand-worked year
    assert book.sheetnames[0] == "V1" and len(book.sheetnames) >= 2  # all, then one sheet per group
    # walk13 item 5: no value changed since the file (no objection yet): no 数值来源 column blank
    # from top to bottom, on screen or in the workbook
    header = [str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert "数值来源" not in header
    assert not any("数值来源" in d.value.columns for d in at.dataframe)
    register = buttons.raw("下载异议登记表（XLSX）")
    assert callable(register) and register()[:2] == b"PK"


def test_the_corrected_version_in_english_and_in_chinese(user_store, monkeypatch):
    """After an accepted objection and the evaluation again, V2 reads in the page's language: its
    title, inputs, groups, statuses, class T, where its values came from (also in the workbook), the
    class counts with separators; its register download carries V1's objection, in Beijing time."""
    import io

    import openpyxl

    from geo.publication import results

    buttons = record_downloads(monkeypatch)
    save_year(user_store)
    versions.publish_version("V1", start="2025-07-13", end="2025-07-19", actor="张三", store=user_store)
    add_objection(user_store, "V1", "E1", 25)
    objections.decide_objection(
        "O1",
        decision="accepted",
        answer="税务局核实属实",
        reason="以完税证明为准",
        actor="李四",
        store=user_store,
    )
    v2 = results.reevaluate("V1", actor="张三", lang="en", store=user_store)
    # its own title, the correction's words in the language of the page that made it (walk7 8)
    assert v2.title == "2024 年度亩均评价 (corrected after objections, V2)"

    at = open_page(PAGE, timeout=120, lang="en")
    assert at.selectbox(key="pub_version").value == "V2"
    detail = [x.value for x in at.text if x.value.startswith("V2")]
    assert detail == ["V2 · 2024 · Evaluation · draft: 2024 年度亩均评价 (corrected after objections, V2)"]
    assert any(c.value.startswith("Inputs: enterprises: user_ents_2024 (6, sha256 ") for c in at.caption)
    counts = at.dataframe[1].value
    assert counts.set_index("Class")["Enterprises"].to_dict() == {
        "A": "2",
        "B": "1",
        "C": "2",
        "D": "0",
        "T": "1",
    }
    rows = at.dataframe[2].value.set_index("Enterprise ID")
    groups = rows["Group"].to_dict()
    # on screen in short, the project's term abbreviated (its help and the workbook in full)
    assert groups["E1"] == short_group_en(size_name("规上", "en")) == "Above des. size"
    assert groups["E6"] == short_group_en(size_name("规下（不足 3 亩）", "en")) == "Below des. size, < 3 mu"
    assert not any("规" in g for g in groups.values())
    assert rows.loc["E1", "Status"] == "Scored"
    # on screen in short, read whole at 1280 (walk 16 item 5); the workbook in full
    assert rows.loc["E6", "Status"] == short_status_en(status_name("不参评：规下且用地不足 3 亩", "en"))
    assert rows.loc["E6", "Status"] == "Land < 3 mu"
    assert rows.loc["E6", "Class"] == "T"
    assert (rows.loc["E6", "Score"], rows.loc["E6", "Rank"]) == ("—", "—")  # not "None"
    assert (rows.loc["E1", "Score"], rows.loc["E1", "Rank"]) == ("75.76", "4")
    assert rows.loc["E1", "Where values came from"] == "Tax (10k yuan): objection O1"
    assert rows.loc["E2", "Where values came from"] == "as reported"  # as filed, said so (walk13 item 5)
    assert not any("异议" in str(v) for v in rows.to_numpy().ravel())
    book = openpyxl.load_workbook(io.BytesIO(buttons.raw("Download the results (XLSX)")()), read_only=True)
    cells = [str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert "Tax (10k yuan): objection O1" in cells and not any("异议" in c for c in cells)
    register = openpyxl.load_workbook(io.BytesIO(buttons.raw("Download the objection register (XLSX)")()))
    table = list(register.worksheets[0].iter_rows(values_only=True))
    header, first = table[1], table[2]
    got = dict(zip(header, first, strict=True))
    assert (got["Objection"], got["Version"], got["Department's answer"]) == ("O1", "V1", "税务局核实属实")
    assert got["Reason for the decision"] == "以完税证明为准"
    assert got["Recorded at"].endswith(" Beijing time") and "T" not in got["Recorded at"]

    zh = open_page(PAGE, timeout=120)
    assert any(
        c.value.startswith("输入：企业表：user_ents_2024（6")
        or c.value.startswith("输入：企业表：user_ents_2024 (6")
        for c in zh.caption
    )
    detail = [x.value for x in zh.text if x.value.startswith("V2")]
    # the typed title as typed, the correction's words in the page's language (walk10 4)
    assert detail == ["V2 · 2024 · 评价结果 · 草稿：2024 年度亩均评价（异议更正，V2）"]
