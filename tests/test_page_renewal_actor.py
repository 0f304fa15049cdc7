"""用地强度's 盘活 form under AppTest with an editor signed in: a change typed as someone else is on
record as the signed-in editor's, in the status log and in the change log; the typed name is a note."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from geo import audit, renewal
from geo.accounts import hash_password
from geo.stores import USER_GPKG_ENV

APP = Path(__file__).resolve().parent.parent / "app.py"


def test_a_change_typed_as_lisi_by_zhangsan_signed_in_is_zhangsans(tmp_path, monkeypatch):
    store = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(USER_GPKG_ENV, str(store))
    at = AppTest.from_file(str(APP), default_timeout=180)
    at.secrets["atlas"] = {"accounts": {"zhangsan": hash_password("correct horse")}}
    at.session_state["_atlas_account"] = "zhangsan"  # signed in (the form: tests/test_app_data.py)
    at.run()
    at.switch_page("pages/intensity.py").run()
    at.session_state["parcel_tab"] = "盘活跟踪"
    at.run()
    assert not at.exception, at.exception
    pid = at.selectbox(key="parcel_edit_id").value
    at.selectbox(key="parcel_edit_status").set_value("处置中")
    at.selectbox(key="parcel_edit_method").set_value("技改提升")
    assert at.text_input(key="parcel_edit_who").value == "zhangsan"  # filled in with the identity
    at.text_input(key="parcel_edit_who").input("李四")
    at.button(key="parcel_edit_save").click().run()
    assert not at.exception, at.exception
    log = renewal.load_log(path=store)
    assert log[["parcel_id", "status", "changed_by", "typed_by"]].values.tolist() == [
        [pid, "处置中", "zhangsan", "李四"]
    ]
    entry = audit.audit_log(store=store).iloc[0]
    assert (entry["action"], entry["user_name"]) == ("status_changed", "zhangsan")
    assert entry["detail"].endswith("；填写的修改人：李四")
    shown = next(df.value for df in at.dataframe if "修改人" in df.value.columns)
    assert shown[["修改人", "填写的修改人（备注）"]].values.tolist() == [["zhangsan", "李四"]]
