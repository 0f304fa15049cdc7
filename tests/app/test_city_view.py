"""The city map by zoom: the bounds index (geo/city_view.py), the view endpoint (serve.py CityView)
answering only roles that may see enterprise rows, and the city map's size (layers/city_view.py),
at a small city (1,500 enterprises)."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest

from geo.city_view import build_bounds_index, grid_counts, in_bounds
from geo.errors import DataValidationError
from tests.fixtures.asgi import run_call

N_SMALL = 1_500


# ---- the index ------------------------------------------------------------------------------------
def test_in_bounds_returns_exactly_the_points_in_the_box():
    lon = np.array([120.50, 120.505, 120.52, 120.60, 120.515, 120.70])
    lat = np.array([31.20, 31.205, 31.21, 31.30, 31.20, 31.20])
    index = build_bounds_index(lon, lat, cell_deg=0.01)
    rows, more = in_bounds(index, west=120.50, south=31.20, east=120.52, north=31.21)
    assert rows.tolist() == [0, 1, 2, 4]  # edges included, row order, 120.60 and 120.70 outside
    assert more is False
    rows, more = in_bounds(index, west=120.50, south=31.20, east=120.52, north=31.21, limit=2)
    assert rows.tolist() == [0, 1] and more is True
    rows, _ = in_bounds(index, west=121.0, south=32.0, east=121.1, north=32.1)  # beyond every point
    assert rows.size == 0


def test_in_bounds_matches_a_full_scan_on_random_points():
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(120.0, 121.2, 20_000), rng.uniform(30.7, 32.0, 20_000)
    index = build_bounds_index(lon, lat)
    for west, south, east, north in (
        (120.5, 31.2, 120.56, 31.25),
        (119.0, 30.0, 122.0, 33.0),
        (120.9, 31.9, 121.0, 32.0),
    ):
        rows, _ = in_bounds(index, west=west, south=south, east=east, north=north)
        full = np.flatnonzero((lon >= west) & (lon <= east) & (lat >= south) & (lat <= north))
        assert rows.tolist() == full.tolist()


@pytest.mark.parametrize(
    "box",
    [
        {"west": 121.0, "south": 31.0, "east": 120.0, "north": 32.0},  # west beyond east
        {"west": 120.0, "south": 31.0, "east": float("nan"), "north": 32.0},
    ],
)
def test_a_bad_box_is_refused_in_chinese(box):
    index = build_bounds_index(np.array([120.5]), np.array([31.2]))
    with pytest.raises(DataValidationError, match="视图范围无效"):
        in_bounds(index, **box)


def test_bad_coordinates_are_refused():
    with pytest.raises(DataValidationError, match="个数不一致"):
        build_bounds_index(np.array([120.5, 120.6]), np.array([31.2]))
    with pytest.raises(DataValidationError, match="空值"):
        build_bounds_index(np.array([120.5, np.nan]), np.array([31.2, 31.3]))


def test_grid_counts_by_hand():
    lon = np.array([120.001, 120.019, 120.021, 120.039, 120.001])
    lat = np.array([31.001, 31.019, 31.001, 31.001, 31.021])
    cells = grid_counts(
        lon, lat, cell_deg=0.02, groups=np.array(["A", "D", "A", "T", "A"]), group_names=("A", "D")
    )
    by_cell = {(round(w, 2), round(s, 2)): (n, a, d) for w, s, n, a, d in cells.itertuples(index=False)}
    assert by_cell == {(120.0, 31.0): (2, 1, 1), (120.02, 31.0): (2, 1, 0), (120.0, 31.02): (1, 1, 0)}
    assert int(cells["n"].sum()) == 5


# ---- the endpoint, at a small city ------------------------------------------------------------------
@pytest.fixture(scope="module")
def small_city(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    folder = tmp_path_factory.mktemp("city")
    mp.setenv("ATLAS_CITY_CACHE", str(folder / "cache"))
    mp.setenv("ATLAS_USER_GPKG", str(folder / "user" / "atlas_user.gpkg"))
    from pages.city.data import city_data

    data = city_data(n_enterprises=N_SMALL)
    yield data
    mp.undo()


def _token(role: str) -> str:
    from geo.ingest import user_store
    from geo.storage.accounts import session_secret, sign_token
    from pages.city.data import TOKEN_PURPOSE

    return sign_token(
        role,
        secret=session_secret({}, folder=user_store().parent),
        purpose=TOKEN_PURPOSE,
        expires_at=time.time() + 60,
    )


def _get(query: str, token: str | None = None) -> tuple[int, bytes]:
    from serve import CityView

    async def inner_app(scope, receive, send):  # everything else: what Streamlit would answer
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b"inner"})

    headers = [(b"x-atlas-token", token.encode())] if token else []
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/_atlas/city/view",
        "query_string": query.encode(),
        "headers": headers,
    }
    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    run_call(CityView(inner_app)(scope, receive, send))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def _tampered(token: str) -> str:
    return token[:-1] + ("0" if token[-1] != "0" else "1")  # its signature no longer holds


BOX = (120.55, 31.25, 120.75, 31.40)  # the city centre, SIP and the old town


def test_the_endpoint_returns_only_the_points_in_bounds(small_city):
    west, south, east, north = BOX
    status, body = _get(
        f"kind=points&bbox={west},{south},{east},{north}&data={small_city.key}", _token("firms")
    )
    assert status == 200
    answer = json.loads(body)
    x, y = np.array(answer["x"]), np.array(answer["y"])
    inside = (
        (small_city.lon >= west)
        & (small_city.lon <= east)
        & (small_city.lat >= south)
        & (small_city.lat <= north)
    )
    assert len(x) == int(inside.sum()) > 10  # every one of them, and only them
    assert ((x >= west) & (x <= east) & (y >= south) & (y <= north)).all()
    names = {c["label"]: c["v"] for c in answer["cols"]}["企业名称"]
    assert sorted(names) == sorted(small_city.enterprises.loc[inside, "name"].tolist())


def test_the_english_tooltips_name_industries_and_districts_in_english(small_city):
    from geo.messages.names import INDUSTRY_EN
    from geo.place_names import PLACE_EN

    box = ",".join(map(str, BOX))
    status, body = _get(f"kind=points&bbox={box}&data={small_city.key}&lang=en", _token("firms"))
    assert status == 200
    cols = {c["label"]: c["v"] for c in json.loads(body)["cols"]}
    assert set(cols["Industry"]) <= set(INDUSTRY_EN.values()) and "High-end equipment manufacturing" in set(
        cols["Industry"]
    )
    assert set(cols["District"]) <= set(PLACE_EN.values()) and "Wuzhong District" in set(cols["District"])
    names = cols["Enterprise"]  # walk 12: "…有限公司（合成）" on the English map
    assert names and all(n.endswith(" (synthetic)") and "合成" not in n for n in names)
    status, body = _get(f"kind=points&bbox={box}&data={small_city.key}", _token("firms"))
    zh = {c["label"]: c["v"] for c in json.loads(body)["cols"]}
    assert "高端装备制造" in zh["行业"] and "吴中区" in zh["县级市（区）"]


def test_the_endpoint_gives_an_anonymous_session_nothing(small_city):
    query = f"kind=points&bbox={','.join(map(str, BOX))}&data={small_city.key}"
    for token in (None, _token("summary"), _tampered(_token("firms")), "garbage"):
        status, body = _get(query, token)
        assert (status, body) == (403, b"forbidden")
    status, _ = _get(query, _token("edit"))
    assert status == 200


def test_the_endpoint_parcels_and_bad_requests(small_city):
    token = _token("firms")
    west, south, east, north = BOX
    status, body = _get(f"kind=parcels&bbox={west},{south},{east},{north}&data={small_city.key}", token)
    assert status == 200
    rings = json.loads(body)["rings"]
    assert rings and all(len(r) >= 8 and r[:2] == r[-2:] for r in rings)  # closed rings, lon/lat pairs
    assert _get(f"kind=points&bbox=1,2,3&data={small_city.key}", token)[0] == 400
    assert _get(f"kind=people&bbox={west},{south},{east},{north}&data={small_city.key}", token)[0] == 400
    assert _get(f"kind=points&bbox={west},{south},{east},{north}&data=city-999999-1", token)[0] == 404


def test_the_city_map_is_small_and_carries_no_enterprise(small_city):
    from layers.base import Provenance
    from layers.city_view import city_view_layer
    from layers.mapview import MapLayer, render_map
    from pages.city.data import CELL_DEG
    from pages.common.cache import render_parts

    layer = city_view_layer(data_key=small_city.key, cell_deg=CELL_DEG)
    prov = Provenance.from_metadata(small_city.metadata, "city_enterprise_years")
    parts = render_parts(render_map([MapLayer(layer, small_city.cells, prov)]), key="k")
    assert int(small_city.cells["n"].sum()) == N_SMALL
    assert parts.size < 500_000  # cells, not enterprises: 120,000 would still be a few thousand cells
    first = small_city.enterprises["name"].iloc[0]
    assert first not in parts.script and first not in parts.html
