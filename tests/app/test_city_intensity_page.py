"""用地强度 on the whole-city layer at a small city (1,500 enterprises): the page in an AppTest
session (its tables by district and zone, nothing of any enterprise for an anonymous visitor), the
cells checked against a count made by hand from the built layer, the parcels the view endpoint
styles, and the zoom hint when a view holds more than a request carries."""

from __future__ import annotations

import json
import re
import time
from urllib.parse import quote

import numpy as np
import pandas as pd
import pytest
import shapely
import streamlit as st
from streamlit.testing.v1 import AppTest

from data.city_build import PARCEL_INDUSTRY, load_city
from geo.messages import t
from tests.fixtures import APP
from tests.fixtures.asgi import run_call

N = 1_500
# The control minimums of geo/land/land_control.yaml per city industry, written out by hand (the
# build gives each city industry the nearest Wujiang one: data/city_build.PARCEL_INDUSTRY).
FAR_MIN = {
    "新一代电子信息": 1.0,  # 新一代信息技术 → 通信设备、计算机… (40)
    "软件和集成电路": 1.0,
    "高端装备制造": 0.7,  # 高端装备 → 通用设备制造业 (35)
    "新能源和节能环保": 0.7,
    "新材料": 0.6,  # 化学原料及化学制品制造业 (26)
    "医疗器械和生物医药": 0.7,  # 医药制造业 (27)
    "其他制造业": 0.7,  # 金属制品业 (34)
}
COVERAGE_MIN_PCT = 30.0
BOX = (120.55, 31.25, 120.75, 31.40)
FIRM = re.compile(r"有限公司|\bSZ\d{6}\b")


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    folder = tmp_path_factory.mktemp("city_int")
    mp.setenv("ATLAS_CITY_CACHE", str(folder / "cache"))
    mp.setenv("ATLAS_CITY_N", str(N))
    mp.setenv("ATLAS_USER_GPKG", str(folder / "user" / "atlas_user.gpkg"))
    from data.city_build import city_gpkg
    from pages.city.data import city_data

    # The file in this module's cache even when another test module of this process has loaded the
    # same (deterministic) data set from its own cache: the process keeps one city_data per data set.
    city_gpkg(n_enterprises=N)
    yield city_data(n_enterprises=N)
    mp.undo()


def _hand_flags() -> pd.DataFrame:
    """The built layer's parcels, each at its centre, below a minimum or not: worked out here."""
    parcels = load_city("city_parcels", n_enterprises=N)
    years = load_city("city_enterprise_years", n_enterprises=N)
    industry = years.drop_duplicates("ent_id").set_index("ent_id")["industry"]
    far_min = parcels["ent_id"].map(industry).map(FAR_MIN).astype("float64")
    built = ~parcels["idle"]
    below = built & ((parcels["far"] < far_min) | (parcels["coverage_pct"] < COVERAGE_MIN_PCT))
    centre = shapely.centroid(parcels.geometry.to_numpy())
    return pd.DataFrame(
        {
            "parcel_id": parcels["parcel_id"],
            "lon": shapely.get_x(centre),
            "lat": shapely.get_y(centre),
            "built": built.to_numpy(),
            "below": below.to_numpy(),
        }
    )


def test_a_cell_counts_the_parcels_below_their_minimum_as_worked_by_hand(city):
    from pages.city.data import CELL_DEG
    from pages.city.intensity import checked_parcels, scope_view

    cells, _ = scope_view(city.key, "苏州市", checked_parcels(city.key, city))
    hand = _hand_flags()
    assert int(cells["n"].sum()) == len(hand) and int(cells["n_below"].sum()) == int(hand["below"].sum())
    top = cells.sort_values("n_below").iloc[-1]  # the cell with the most parcels below
    inside = (np.floor(hand["lon"] / CELL_DEG) * CELL_DEG).round(6).eq(top["west"]) & (
        np.floor(hand["lat"] / CELL_DEG) * CELL_DEG
    ).round(6).eq(top["south"])
    assert int(top["n_below"]) == int((hand["below"] & inside).sum()) >= 3
    assert int(top["n"]) == int(inside.sum())
    assert top["below_pct"] == pytest.approx(100 * top["n_below"] / (hand["built"] & inside).sum())
    kunshan, _ = scope_view(city.key, "昆山市", checked_parcels(city.key, city))
    assert 0 < int(kunshan["n"].sum()) < len(hand)


def _token(role: str) -> str:
    from geo.ingest import user_store
    from geo.storage.accounts import session_secret, sign_token
    from pages.city.data import TOKEN_PURPOSE

    secret = session_secret({}, folder=user_store().parent)
    return sign_token(role, secret=secret, purpose=TOKEN_PURPOSE, expires_at=time.time() + 60)


def _get(query: str, token: str) -> tuple[int, dict | bytes]:
    from serve import CityView

    async def inner_app(scope, receive, send):
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b"inner"})

    scope = {
        "type": "http",
        "method": "GET",
        "path": "/_atlas/city/view",
        "query_string": query.encode(),
        "headers": [(b"x-atlas-token", token.encode())],
    }
    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    run_call(CityView(inner_app)(scope, receive, send))
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return sent[0]["status"], (json.loads(body) if sent[0]["status"] == 200 else body)


def test_the_endpoint_styles_the_parcels_of_the_intensity_view(city):
    from layers.parcels import IDLE_COLOR
    from pages.city.intensity import checked_parcels, scope_view

    scope_view(city.key, "苏州市", checked_parcels(city.key, city))  # what the page does first
    bbox = ",".join(map(str, BOX))
    query = f"kind=parcels&bbox={bbox}&data={city.key}&style=intensity&scope={quote('苏州市')}"
    status, answer = _get(query, _token("firms"))
    assert status == 200 and answer["more"] is False
    ids = {c["label"]: c["v"] for c in answer["cols"]}["宗地编号"]
    hand = _hand_flags().set_index("parcel_id")
    assert len(ids) > 20 and answer["below"] == [int(hand.loc[i, "below"]) for i in ids]
    idle = [not hand.loc[i, "built"] for i in ids]
    assert [f == IDLE_COLOR for f in answer["fill"]] == idle
    status, plain = _get(f"kind=parcels&bbox={bbox}&data={city.key}", _token("firms"))
    assert status == 200 and "fill" not in plain and "below" not in plain  # the other pages' parcels


def test_a_view_holding_more_than_a_request_carries_gets_a_count_and_a_hint(city, monkeypatch):
    from layers.city_intensity import city_intensity_layer
    from layers.city_view import city_view_layer
    from pages.city import data as city_module

    west, south, east, north = BOX
    inside = (city.lon >= west) & (city.lon <= east) & (city.lat >= south) & (city.lat <= north)
    monkeypatch.setattr(city_module, "POINTS_MOST", int(inside.sum()) - 1)
    status, answer = _get(f"kind=points&bbox={west},{south},{east},{north}&data={city.key}", _token("firms"))
    assert status == 200 and answer["more"] is True and answer["x"] == []  # none rather than a part
    assert answer["n"] == int(inside.sum())
    monkeypatch.setattr(city_module, "POINTS_MOST", int(inside.sum()))
    _, answer = _get(f"kind=points&bbox={west},{south},{east},{north}&data={city.key}", _token("firms"))
    assert answer["more"] is False and len(answer["x"]) == answer["n"] == int(inside.sum())
    from layers.base import Provenance
    from layers.mapview import MapLayer, render_map
    from pages.city.intensity import checked_parcels, scope_view
    from pages.common.cache import render_parts

    cells, _ = scope_view(city.key, "苏州市", checked_parcels(city.key, city))
    prov = Provenance.from_metadata(city.metadata, "city_parcels")
    for layer, frame in (
        (city_view_layer(data_key=city.key, cell_deg=0.02), city.cells),
        (
            city_intensity_layer(
                data_key=city.key, cell_deg=0.02, scope="苏州市", measure="far_mean", classes=None
            ),
            cells,
        ),
    ):
        zh, en = (
            render_parts(render_map([MapLayer(layer, frame, prov)], lang=lang), key="k").script
            for lang in ("zh", "en")
        )
        assert "放大以显示企业点位（视图内 {n} 家）" in zh and "放大以显示宗地（视图内 {n} 宗）" in zh
        assert "Zoom in to show the enterprises ({n} in view)" in en


def _session(monkeypatch, user: str | None) -> AppTest:
    import pages.common.frame as frame

    monkeypatch.setattr(frame, "stop_page", st.stop)  # AppTest runs the page outside app.py's handler
    at = AppTest.from_file(str(APP), default_timeout=300)
    at.secrets["atlas"] = {"roles": {"lisi": "查看企业"}, "accounts": {"lisi": "scrypt$x"}}
    if user:
        at.session_state["_atlas_account"] = user
    at.session_state["_atlas_data_kept"] = "city"
    at.run()
    at.switch_page("pages/intensity.py").run()
    assert not at.exception, at.exception
    return at


def test_the_page_shows_the_tables_and_no_enterprise_to_a_visitor(city, monkeypatch):
    at = _session(monkeypatch, None)
    assert [x.value for x in at.title] == [t("city.int.header", "zh")]
    heads = [h.value for h in at.subheader]
    assert heads == [t("city.int.by_district", "zh"), t("city.int.by_zone", "zh")]
    districts = at.dataframe[0].value.set_index(t("city.col.district", "zh"))
    hand = _hand_flags().assign(district=load_city("city_parcels", n_enterprises=N)["district"])
    for name, below in hand.groupby("district")["below"].sum().items():
        assert int(districts.loc[name, t("city.int.col.below", "zh")]) == int(below)
    texts = [str(e.value) for e in (*at.markdown, *at.caption, *at.info)]
    texts += [d.value.to_csv() for d in at.dataframe]
    assert not any(FIRM.search(x) for x in texts)
    assert t("city.int.hidden", "zh") in [i.value.split(" ", 1)[-1] for i in at.info]


def test_the_parcels_places_are_kept_beside_the_city_for_the_next_process(city):
    from data.city_build import city_path, derived_frame
    from pages.city.intensity import parcel_places

    calls = []

    def make():
        calls.append(1)
        return parcel_places(city)

    first = derived_frame("places-test", make, n_enterprises=N)
    again = derived_frame("places-test", make, n_enterprises=N)  # as a new process would: from disk
    assert calls == [1]
    pd.testing.assert_frame_equal(first, again)
    (kept,) = city_path(n_enterprises=N).parent.glob("*.places-test.*.parquet")
    parcels = load_city("city_parcels", n_enterprises=N)
    years = load_city("city_enterprise_years", n_enterprises=N).drop_duplicates("ent_id")
    hand = parcels["ent_id"].map(years.set_index("ent_id")["industry"]).map(PARCEL_INDUSTRY)
    assert len(first) == city.n_parcels == len(hand)
    assert first["industry"].fillna("").tolist() == hand.fillna("").tolist()
    assert first["dev_zone"].notna().sum() > 0  # parcels inside a development zone are named by it
    kept.write_bytes(b"not parquet")  # a damaged file is computed anew, not an error
    pd.testing.assert_frame_equal(derived_frame("places-test", make, n_enterprises=N), first)
    assert calls == [1, 1]
