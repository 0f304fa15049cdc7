"""The objection register names the atlas's reserved actor in the file's language (issue 23, the
walk: "单用户模式" on English pages and files): recorded in single-user mode and decided by 张三, the
English register says "single-user mode" and 张三 (a person's name is never translated); the
Chinese one 单用户模式 as stored."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from geo.publication import objections, versions
from geo.storage.changelog import SINGLE_USER_ACTOR
from tests.fixtures.publication import EDITOR, IN_WINDOW, WINDOW, save_year


def test_the_register_names_single_user_mode_in_english_and_a_person_as_stored(tmp_path):
    store = str(tmp_path / "atlas_user.gpkg")
    save_year(store)
    versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    recorded = objections.record_objection(
        "V1",
        ent_id="E2",
        indicator="tax_wan_yuan",
        value_claimed=30,
        evidence_name="完税证明.pdf",
        evidence=b"%PDF-1.4",
        department="tax",
        actor=SINGLE_USER_ACTOR,
        today=IN_WINDOW,
        store=store,
    )
    objections.decide_objection(
        recorded.objection_id, decision="accepted", answer="属实", actor="张三", store=store
    )
    frame = objections.objections_frame(store=store)
    assert frame["recorded_by"].tolist() == ["单用户模式"]  # stored as is
    version = versions.get_version("V1", store=store)
    rows = {}
    for lang in ("zh", "en"):
        ws = load_workbook(
            io.BytesIO(objections.register_xlsx_bytes(frame, version=version, lang=lang))
        ).active
        rows[lang] = dict(zip([c.value for c in ws[2]], [c.value for c in ws[3]], strict=True))
    assert (rows["en"]["Recorded by"], rows["en"]["Decided by"]) == ("single-user mode", "张三")
    assert (rows["zh"]["登记人"], rows["zh"]["决定人"]) == ("单用户模式", "张三")
