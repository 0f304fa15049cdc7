"""Row checks a land official needs, which no GIS makes: placeholders, misplaced and repeated rows.

* many rows on one identical coordinate (a placeholder, or everything put on a town centre);
* coordinates on round numbers (120.0, 31.0);
* a point in another district or 区镇 than its address (or 区镇 column) names, or in none of them
  and away from the one named, by the bundled boundaries (districts real, 区镇 schematic);
* the same name at the same address more than once;
* a 统一社会信用代码 of the wrong length or characters, failing its check character (GB 32100,
  :mod:`geo.collect.codes`), repeated, or one enterprise name with two different codes.

Each finding is a warning on its row; thresholds are in ``geo/ingest/checks.yaml``.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import yaml

from geo.catalogue import ENTERPRISE_BY_KEY, norm_header
from geo.collect.codes import check_failures, code_kinds, normalize_codes, per_value
from geo.ingest.places import Places, bundled, located_in, named_in
from geo.ingest.report import RowReport
from geo.messages.notes import Both, note
from geo.place_names import place_name
from geo.spatial.crs import ANALYSIS_CRS, STORAGE_CRS

CHECKS_YAML = Path(__file__).with_name("checks.yaml")


def _settings() -> dict:
    return yaml.safe_load(CHECKS_YAML.read_text(encoding="utf-8"))


def check_rows(
    gdf: gpd.GeoDataFrame,
    rownum: pd.Series,
    report: RowReport,
    *,
    lonlat: tuple[pd.Series, pd.Series] | None = None,
    address: pd.Series | None = None,
    town: pd.Series | None = None,
    name: pd.Series | None = None,
) -> None:
    """Add the row warnings for a WGS-84 point layer ``gdf`` (indexed like ``rownum``).

    ``lonlat`` are the coordinates as the source wrote them (a table's columns, aligned on the
    frame's index); by default the points' own. ``address``/``town`` are texts naming a place,
    ``name`` the rows' names (for duplicates at one address).
    """
    settings = _settings()
    rows = rownum.loc[gdf.index]
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    present = ~shapely.is_missing(geoms)
    points = present & (shapely.get_type_id(np.where(present, geoms, None)) == 0)
    if lonlat is not None:
        lon = pd.to_numeric(lonlat[0].reindex(gdf.index), errors="coerce").to_numpy(dtype=float)
        lat = pd.to_numeric(lonlat[1].reindex(gdf.index), errors="coerce").to_numpy(dtype=float)
    else:
        lon = np.where(points, shapely.get_x(np.where(points, geoms, None)), np.nan)
        lat = np.where(points, shapely.get_y(np.where(points, geoms, None)), np.nan)
    known = points & np.isfinite(lon) & np.isfinite(lat)
    # the file's own coordinate columns (经度/纬度), else the features' geometry (坐标 in the report)
    where = (
        "/".join(str(c.name) for c in lonlat) if lonlat is not None and all(c.name for c in lonlat) else ""
    )
    where = where or "geometry"
    _same_point(rows, lon, lat, known, settings["same_point_min_rows"], report, where)
    _round_numbers(rows, lon, lat, known, settings["round_max_decimals"], report, where)
    if address is not None or town is not None:
        places = bundled()
        for texts, field in ((address, "address"), (town, "town")):
            if texts is None:
                continue
            texts = texts.reindex(gdf.index)
            header = str(texts.name or field)
            shown = column_named(header, field)
            for kind in (places.districts, places.towns):
                _misplaced(rows, geoms, present, texts, kind, header, shown, report)
                _outside_named(
                    rows, geoms, present, texts, kind, header, shown, settings["named_outside_km"], report
                )
    if address is not None and name is not None:
        _duplicates(rows, name.reindex(gdf.index), address.reindex(gdf.index), settings, report)


def _same_point(rows, lon, lat, known, min_rows: int, report: RowReport, where: str) -> None:
    keys = pd.Series(
        [f"{x:.7f},{y:.7f}" if ok else None for x, y, ok in zip(lon, lat, known, strict=True)],
        index=rows.index,
    )
    sizes = keys.map(keys.value_counts())
    flagged = keys.notna() & (sizes >= min_rows)
    for idx in keys.index[flagged.to_numpy()]:
        report.add(
            [rows[idx]],
            "warning",
            where,
            note("ingest.row.same_point", n=int(sizes[idx]) - 1),
            [keys[idx]],
        )


def _round_numbers(rows, lon, lat, known, decimals: int, report: RowReport, where: str) -> None:
    scale = 10.0**decimals
    with np.errstate(invalid="ignore"):
        round_lon = np.isclose(lon * scale, np.round(lon * scale), rtol=0, atol=1e-6)
        round_lat = np.isclose(lat * scale, np.round(lat * scale), rtol=0, atol=1e-6)
    flagged = known & round_lon & round_lat
    report.add(
        rows[flagged],
        "warning",
        where,
        note("ingest.row.round_numbers", decimals=decimals),
        [f"{x:g},{y:g}" for x, y in zip(lon[flagged], lat[flagged], strict=True)],
    )


def column_named(header: str, key: str) -> Both:
    """A place column as a note names it: by the catalogue's label in the note's language
    (所在区镇 / Town, 地址 / Address), the file's own header after it in quotes when it reads
    otherwise (walk10: the English note quoted 「所在镇（区）」 alone).

    Parameters
    ----------
    header
        The column's header in the file.
    key
        ``"town"`` or ``"address"``.
    """
    if key not in ("town", "address"):
        raise ValueError(f"key must be 'town' or 'address', got {key!r}")
    column = ENTERPRISE_BY_KEY.get(key)
    zh, en = (column.label("zh"), column.label("en")) if column is not None else ("地址", "Address")
    if norm_header(header) in {norm_header(zh), norm_header(en), key}:
        return Both(zh, en)
    return Both(f"{zh}「{header}」", f"{en} (“{header}”)")


def _misplaced(
    rows, geoms, present, texts: pd.Series, places: Places, field: str, shown: Both, report: RowReport
) -> None:
    named = named_in(texts, places)
    at = located_in(np.where(present, geoms, None), places)
    differs = present & (named >= 0) & (at >= 0) & (named != at)
    schematic = note("ingest.row.towns_schematic") if places.what == "区镇" else ""
    for k in np.flatnonzero(differs):
        report.add(
            [rows.iloc[k]],
            "warning",
            field,
            note(
                "ingest.row.misplaced",
                field=shown,
                named=Both(places.names[named[k]], place_name(places.names[named[k]], "en")),
                at=Both(places.names[at[k]], place_name(places.names[at[k]], "en")),
                schematic=schematic,
            ),
            [texts.iloc[k]],
        )


def _outside_named(
    rows,
    geoms,
    present,
    texts: pd.Series,
    places: Places,
    field: str,
    shown: Both,
    tolerance_km: float,
    report: RowReport,
) -> None:
    """Flag a point in none of ``places`` that lies more than ``tolerance_km`` from the one its text
    names (a place the atlas knows; a point in another place is :func:`_misplaced`'s)."""
    named = named_in(texts, places)
    at = located_in(np.where(present, geoms, None), places)
    candidates = np.flatnonzero(present & (named >= 0) & (at < 0))
    if not len(candidates):
        return
    points = gpd.GeoSeries(geoms[candidates], crs=STORAGE_CRS).to_crs(ANALYSIS_CRS).to_numpy()
    shapes = gpd.GeoSeries(places.polygons[named[candidates]], crs=STORAGE_CRS).to_crs(ANALYSIS_CRS)
    km = shapely.distance(shapes.to_numpy(), points) / 1000.0
    schematic = note("ingest.row.towns_schematic") if places.what == "区镇" else ""
    for k, dist in zip(candidates, km, strict=True):
        if not np.isfinite(dist) or dist <= tolerance_km:
            continue
        place = places.names[named[k]]
        report.add(
            [rows.iloc[k]],
            "warning",
            field,
            note(
                "ingest.row.outside_named",
                field=shown,
                named=Both(place, place_name(place, "en")),
                km=f"{dist:.1f}",
                schematic=schematic,
            ),
            [texts.iloc[k]],
        )


def _duplicates(rows, names: pd.Series, addresses: pd.Series, settings: dict, report: RowReport) -> None:
    keys = pd.Series(
        [
            None if not isinstance(n, str) or not isinstance(a, str) else (norm_header(n), norm_header(a))
            for n, a in zip(names, addresses, strict=True)
        ],
        index=names.index,
        dtype=object,
    )
    first: dict[tuple, int] = {}
    counts = keys.dropna().map(lambda k: k).value_counts()
    for idx, key in keys.items():
        if key is None or counts[key] < settings["duplicate_min_rows"]:
            continue
        if key in first:
            report.add(
                [rows[idx]],
                "warning",
                "name",
                note("ingest.row.duplicate", first=first[key]),
                [f"{names[idx]} / {addresses[idx]}"],
            )
        else:
            first[key] = int(rows[idx])


def credit_code_column(header: object) -> bool:
    """Whether a column's header names the 统一社会信用代码 (``credit_code_headers`` in checks.yaml:
    统一社会信用代码, 信用代码, USCC …)."""
    text = norm_header(header)
    return any(norm_header(h) in text for h in _settings()["credit_code_headers"])


def looks_like_credit_codes(values: pd.Series) -> bool:
    """Whether at least ``credit_code_min_share`` of the filled values are 18 code characters (an
    id column named 编号 that holds credit codes)."""
    codes = normalize_codes(values)
    filled = codes != ""
    if not filled.any():
        return False
    share = float((code_kinds(codes[filled]) == "credit").mean())
    return share >= float(_settings()["credit_code_min_share"])


def check_credit_codes(
    codes: pd.Series,
    rownum: pd.Series,
    report: RowReport,
    *,
    field: str,
    names: pd.Series | None = None,
    years: pd.Series | None = None,
) -> None:
    """Warn on the rows whose 统一社会信用代码 is malformed (not 18 characters of the code alphabet),
    fails its check character, repeats an earlier row's (in the same year), or differs from the
    code of another row with the same name (in the same year). Blank codes are left alone.

    Parameters
    ----------
    codes
        The codes as written (indexed like ``rownum``'s rows kept).
    rownum
        Source row numbers.
    report
        Where the warnings go, under ``field`` (the file's header).
    names, years
        The rows' names and years (aligned on ``codes``), when the table has them.
    """
    rows = rownum.loc[codes.index]
    normal = normalize_codes(codes)
    filled = (normal != "").to_numpy()
    kinds = code_kinds(normal)
    malformed = filled & (kinds != "credit").to_numpy()
    for k in np.flatnonzero(malformed):
        report.add(
            [rows.iloc[k]],
            "warning",
            field,
            note("ingest.row.credit_malformed", n=len(normal.iloc[k])),
            [codes.iloc[k]],
        )
    failures = check_failures(normal, kinds=kinds).to_numpy(dtype=object)
    credit = filled & (kinds == "credit").to_numpy()
    for failed, key in (("credit", "ingest.row.credit_check"), ("org", "ingest.row.credit_org_check")):
        failing = credit & (failures == failed)
        report.add(rows[failing], "warning", field, note(key), codes[failing])
    year_key = (
        years.reindex(codes.index).astype(str) if years is not None else pd.Series("", index=codes.index)
    )
    table = pd.DataFrame({"code": normal, "year": year_key, "row": rows}, index=codes.index)[filled]
    _repeated_codes(table, codes, names.reindex(table.index) if names is not None else None, field, report)
    if names is not None:
        named = names.reindex(table.index)
        table["name"] = per_value(named, lambda v: norm_header(v) if isinstance(v, str) else "")
        _same_name_other_code(table[table["name"] != ""], codes, field, report)


def _repeated_codes(
    table: pd.DataFrame, codes: pd.Series, names: pd.Series | None, field: str, report: RowReport
) -> None:
    """Each row whose code (in its year) an earlier row has: flagged with the first such row; and,
    when the two names differ (two firms under one code: walk18 (b)1), the first row too, with the
    other's row and name. ``table``: code, year, row."""
    repeated = table[table.duplicated(["code", "year"], keep=False).to_numpy()]  # rare: row by row
    members: dict[tuple, list] = {}
    for idx, key in zip(repeated.index, zip(repeated["code"], repeated["year"], strict=True), strict=True):
        members.setdefault(key, []).append(idx)

    def name(idx) -> str:
        value = names[idx] if names is not None else None
        return value if isinstance(value, str) and value.strip() else ""

    def differ(a, b) -> bool:
        return bool(name(a) and name(b)) and norm_header(name(a)) != norm_header(name(b))

    for group in members.values():
        head = group[0]
        for idx in group:
            other = head if idx != head else next((j for j in group[1:] if differ(head, j)), None)
            if other is None:
                continue  # the first of one firm's rows: the later rows say so
            if differ(idx, other):
                said = note("ingest.row.credit_shared", first=int(table.at[other, "row"]), other=name(other))
            else:
                said = note("ingest.row.credit_repeated", first=int(table.at[other, "row"]))
            report.add([table.at[idx, "row"]], "warning", field, said, [codes[idx]])


def _same_name_other_code(table: pd.DataFrame, codes: pd.Series, field: str, report: RowReport) -> None:
    """Each row whose name (in its year) another row has with a different code: flagged with the
    first such row (two firms rarely share a registered name). ``table``: code, year, row, name."""
    groups = table.groupby(["name", "year"], sort=False)["code"]
    shared = table[(groups.transform("nunique") > 1).to_numpy()]  # rare: row by row below
    normal, rows = shared["code"].tolist(), shared["row"].tolist()
    written = codes.loc[shared.index].tolist()
    members: dict[tuple, list[int]] = {}
    for k, key in enumerate(zip(shared["name"], shared["year"], strict=True)):
        members.setdefault(key, []).append(k)
    for group in members.values():
        for k in group:
            other = next(j for j in group if normal[j] != normal[k])
            said = note("ingest.row.credit_same_name", first=int(rows[other]), other=str(written[other]))
            report.add([rows[k]], "warning", field, said, [written[k]])
