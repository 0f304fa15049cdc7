"""用地强度's 盘活 form under AppTest with an editor signed in: the change is on record as the signed-in
editor's, in the status log and in the change log; the form offers no name to type (修改人 shows the
identity, read-only), and a name written into the note stays a note."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from geo.land import renewal
from geo.storage import audit
from geo.storage.accounts import hash_password
from geo.storage.base import USER_GPKG_ENV
from tests.fixtures import APP


def test_a_change_typed_as_lisi_by_zhangsan_signed_in_is_zhangsans(tmp_path, monkeypatch):
    store = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(USER_GPKG_ENV, str(store))
    at = AppTest.from_file(str(APP), default_timeout=180)
    at.secrets["atlas"] = {"accounts": {"zhangsan": hash_password("correct horse")}}
    at.session_state["_atlas_account"] = "zhangsan"  # signed in (the form: tests/app/test_data.py)
    at.run()
    at.switch_page("pages/intensity.py").run()
    at.session_state["parcel_tab"] = "盘活跟踪"
    at.run()
    assert not at.exception, at.exception
    pid = at.selectbox(key="parcel_edit_id").value
    at.selectbox(key="parcel_edit_status").set_value("处置中")
    at.selectbox(key="parcel_edit_method").set_value("技改提升")
    who = at.text_input(key="parcel_edit_who")
    assert who.value == "zhangsan" and who.disabled  # the identity, not a box to type another name in
    at.text_input(key="parcel_edit_note").input("李四经办")
    at.button(key="parcel_edit_save").click().run()
    assert not at.exception, at.exception
    log = renewal.load_log(path=store)
    assert log[["parcel_id", "status", "changed_by", "note"]].values.tolist() == [
        [pid, "处置中", "zhangsan", "李四经办"]
    ]
    assert not log["typed_by"].fillna("").astype(str).str.strip().any()
    entry = audit.audit_log(store=store).iloc[0]
    assert (entry["action"], entry["user_name"]) == ("status_changed", "zhangsan")
    shown = next(df.value for df in at.dataframe if "修改人" in df.value.columns)
    assert shown["修改人"].tolist() == ["zhangsan"]
