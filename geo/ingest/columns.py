"""Standard columns of zones and enterprises: suggested mapping, unit factors, typed values."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import yaml

from geo.catalogue import (
    CATALOGUE,
    ENTERPRISE_NUMERIC,
    FIELD_ZH,
    SHARED_LAND_COLUMNS,
    above_scale_min_sales_wan_yuan,
    header_unit_factor,
    labels,
    norm_header,
    required,
    suggest_columns,
)
from geo.errors import DataValidationError
from geo.ingest.base import Kind
from geo.ingest.checks import CHECKS_YAML, credit_code_column, looks_like_credit_codes
from geo.ingest.report import RowReport, row_numbers
from geo.ingest.values import to_bool, to_numbers, to_texts
from geo.messages.formats import yuan_amount
from geo.messages.names import data_firm_name, data_industry_name
from geo.messages.notes import Both, Listing, note
from geo.place_names import data_place_name
from geo.storage.schema import ENTERPRISES


def field_name(key: str) -> Both:
    """A standard column's label with its unit in both languages (``str``: the Chinese one)."""
    return Both(FIELD_ZH[key], _FIELD_EN.get(key, FIELD_ZH[key]))


_FIELD_EN = {**labels("zones", "en"), **labels("enterprises", "en")}


# Standard columns per kind (drawn from the column catalogue, geo/catalogue.py).
ZONE_COLUMNS = ("zone_id", "name", "area_km2", "area_mu")


ENTERPRISE_REQUIRED = required("enterprises", "import")


# The id column of each kind: proposed only when its values can serve as ids (checks.yaml).
ID_FIELDS = {"enterprises": "ent_id", "zones": "zone_id"}
ID_PREFIXES = {"enterprises": "U", "zones": "Z"}


def _id_rules() -> tuple[float, float]:
    rules = yaml.safe_load(CHECKS_YAML.read_text(encoding="utf-8"))
    return float(rules["id_min_filled_share"]), float(rules["id_min_distinct_share"])


def id_shares(values: pd.Series, years: pd.Series | None = None) -> tuple[float, float]:
    """How well a column serves as ids: the share of rows filled, and the share of distinct values
    among the filled ones (id and year together when ``years`` is given); 0 for no rows.

    Parameters
    ----------
    values
        The column as read.
    years
        The table's year column, for a table of several years (ids repeat across years).

    Returns
    -------
    tuple of float
        ``(filled_share, distinct_share)``, each from 0 to 1.
    """
    texts = to_texts(values)
    filled = texts.notna()
    if not len(texts) or not filled.any():
        return 0.0, 0.0
    keys = texts[filled]
    if years is not None:
        keys = keys + "|" + years[filled].astype(str)
    return float(filled.mean()), float(keys.nunique() / len(keys))


def suggest_mapping(
    columns: Sequence[str],
    kind: Kind,
    *,
    frame: pd.DataFrame | None = None,
    notes: list | None = None,
) -> dict[str, str]:
    """Map the atlas's standard column names onto a table's columns by name (target -> source):
    exact official headers (with their units) first, then the catalogue's alias fragments.

    With ``frame`` (the table itself), the id column (企业编号, 分区编号) is proposed only when its
    values can serve as ids (filled and distinct enough, ``geo/ingest/checks.yaml``): an empty,
    mostly empty or repeating column gives way to the next column named like an id, else to none
    (the rows are then numbered 1…n in file order). Why a column was passed over is appended to
    ``notes``.
    """
    headers = [str(c) for c in columns]
    mapping = suggest_columns(headers, kind)
    key = ID_FIELDS.get(kind)
    if frame is None or key not in mapping:
        return mapping
    min_filled, min_distinct = _id_rules()
    taken = {v for k, v in mapping.items() if k != key}
    year = mapping.get("year")
    years = to_numbers(frame[year]) if year in frame.columns else None
    passed: list[str] = []
    candidate: str | None = mapping.pop(key)
    while candidate is not None:
        filled, distinct = id_shares(frame[candidate], years) if candidate in frame.columns else (1.0, 1.0)
        if filled >= min_filled and distinct >= min_distinct:
            mapping[key] = candidate
            break
        passed.append(candidate)
        if notes is not None:
            n = len(frame)
            notes.append(
                note(
                    "ingest.note.id_not_proposed",
                    column=candidate,
                    field=field_name(key),
                    filled=round(filled * n),
                    rows=n,
                    distinct=round(distinct * filled * n),
                )
            )
        rest = [h for h in headers if h not in taken and h not in passed]
        candidate = suggest_columns(rest, kind).get(key)
    return {k: mapping[k] for k in labels(kind) if k in mapping}  # in the catalogue's order


def _unique_ids(
    values: pd.Series | None,
    kind: Kind,
    fatal: pd.Series,
    rownum: pd.Series,
    report: RowReport,
    source: str | None,
    notes: list[str],
) -> tuple[pd.Series, pd.Series]:
    """IDs as text, and a mask of rows whose ID repeats an earlier surviving row. When no id column
    was mapped or the mapped one is empty, the rows kept are numbered 1…n in file order
    (``U00001``…, said once); else a row left blank is numbered after its row (``<prefix><row>``),
    said on that row (its value as given: empty)."""
    index = fatal.index
    ids = (
        to_texts(values) if values is not None else pd.Series([None] * len(index), index=index, dtype=object)
    )
    blank = ids.isna()
    prefix = ID_PREFIXES[kind]
    kept = blank & ~fatal
    whole = kept.any() and (source is None or kept.sum() == (~fatal).sum())
    # the whole table numbered: 1…n in file order (a user counts from 1, not from the header's row)
    order = np.cumsum(~fatal.to_numpy()) if whole else rownum.loc[index].to_numpy()
    numbered = pd.Series([f"{prefix}{n:05d}" for n in order], index=index, dtype=object)
    ids = ids.where(~blank, numbered)  # (text even with no rows left: not str + int64)
    if whole:
        field = field_name(ID_FIELDS[kind])
        first, last = numbered[kept].iloc[0], numbered[kept].iloc[-1]
        if source is None:
            notes.append(note("ingest.note.ids_numbered", field=field, first=first, last=last))
        else:
            notes.append(
                note("ingest.note.id_column_empty", column=source, field=field, first=first, last=last)
            )
    elif source is not None:
        for row, given_id in zip(row_numbers(rownum, kept), ids[kept], strict=True):
            report.add([row], "warning", source, note("ingest.row.blank_id", id=given_id))
    duplicate = pd.Series(False, index=index)
    duplicate[~fatal] = ids[~fatal].duplicated(keep="first")
    return ids, duplicate


def apply_mapping(
    gdf: gpd.GeoDataFrame,
    kind: Kind,
    mapping: Mapping[str, str] | None,
    rownum: pd.Series,
    report: RowReport,
    notes: list[str],
    optional: Sequence[str] = (),
    own_columns: Sequence[object] | None = None,
) -> gpd.GeoDataFrame:
    """``optional`` names required columns the caller can do without (e.g. land when parcels
    give it); absent, they come back empty. ``own_columns``: the file's own columns, the ones a
    mapping that names an absent column lists (not the atlas's measured ``area_km2``/``area_mu``);
    None: every column of ``gdf`` but its geometry."""
    if kind == "other":
        return gdf
    mapping = (
        dict(mapping)
        if mapping is not None
        else suggest_mapping([c for c in gdf.columns if c != gdf.geometry.name], kind, frame=gdf, notes=notes)
    )
    mapping = {k: v for k, v in mapping.items() if v}
    field_zh, field_en = labels(kind), labels(kind, "en")
    unknown = [t for t in mapping if t not in field_zh]
    if unknown:
        raise DataValidationError.of(
            "ingest.unknown_mapped_fields",
            fields=Listing(unknown),
            choices=Listing(f"{k}（{v}）" for k, v in field_zh.items()),
        )
    absent = {t: s for t, s in mapping.items() if s not in gdf.columns}
    if absent:
        raise DataValidationError.of(
            "ingest.mapped_columns_absent",
            pairs=Listing(
                Both(f"{field_zh[t]}→「{s}」", f"{field_en[t]} → “{s}”") for t, s in absent.items()
            ),
            columns=Listing(
                str(c)
                for c in (own_columns if own_columns is not None else gdf.columns)
                if c != gdf.geometry.name
            ),
        )
    missing = [t for t in required(kind, "import") if t not in mapping and t not in optional]
    if missing:
        raise DataValidationError.of(
            "ingest.required_fields_missing",
            fields=Listing(Both(field_zh[t], field_en[t]) for t in missing),
            field=missing[0],
        )
    out = gdf.copy()
    renamed = {}
    for target, source in mapping.items():
        renamed[target] = out[source]
    extras = [
        c for c in out.columns if c not in mapping.values() and c != out.geometry.name and c not in renamed
    ]
    result = pd.DataFrame(renamed, index=out.index)
    if kind == "enterprises":
        fatal = pd.Series(False, index=result.index)
        for target in ENTERPRISE_NUMERIC:
            if target not in result:
                result[target] = np.nan
                continue
            raw = result[target]
            values = to_numbers(raw)
            bad = values.isna() & raw.notna()
            report.add(
                row_numbers(rownum, bad),
                "error",
                mapping[target],
                note("ingest.row.not_a_number", field=field_name(target)),
                raw[bad],
            )
            negative = values < 0
            report.add(
                row_numbers(rownum, negative),
                "error",
                mapping[target],
                note("ingest.row.negative", field=field_name(target)),
                raw[negative],
            )
            fatal |= bad | negative
            empty = raw.isna() & ~fatal & (target in required("enterprises", "metrics"))
            report.add(
                row_numbers(rownum, empty),
                "warning",
                mapping[target],
                note("ingest.row.empty_value", field=field_name(target)),
            )
            factor = header_unit_factor(mapping[target], target)
            if factor != 1.0:
                notes.append(
                    note(
                        "ingest.note.unit_converted",
                        column=mapping[target],
                        field=field_name(target),
                        factor=factor,
                    )
                )
            result[target] = (values * factor).where(~(bad | negative))
        no_land = (result["land_mu"] == 0) & ~fatal
        report.add(
            row_numbers(rownum, no_land),
            "warning",
            mapping.get("land_mu", "land_mu"),
            note("ingest.row.zero_land"),
            result["land_mu"][no_land],
        )
        empty_name = result["name"].isna() | (result["name"].astype(str).str.strip() == "")
        report.add(row_numbers(rownum, empty_name), "error", mapping["name"], note("ingest.row.blank_name"))
        fatal |= empty_name
        derived_at = None
        if "above_scale" in result:
            raw = result["above_scale"]
            flags = raw.map(to_bool)
            unknown = flags.map(lambda v: v is None).astype(bool)
            report.add(
                row_numbers(rownum, unknown),
                "warning",
                mapping["above_scale"],
                note("ingest.row.above_scale_unknown"),
                raw[unknown],
            )
            result["above_scale"] = pd.array(
                [pd.NA if v is None or v is pd.NA else bool(v) for v in flags], dtype="boolean"
            )
        else:
            result["above_scale"] = _derived_above_scale(result["sales_wan_yuan"])
            derived_at = len(notes)  # said once the rows kept are known (walk17: 16 规上 of 15 kept)
        for col in ("industry", "town"):
            if col not in result:
                result[col] = pd.NA
        for col in ("name", "industry", "town"):
            result[col] = to_texts(result[col])  # verbatim: normalised only where matched
        # a file the English page wrote names the plan's industries and the places in English, and
        # marks a synthetic demo firm "(synthetic)"
        result["name"] = result["name"].map(data_firm_name)
        result["industry"] = result["industry"].map(data_industry_name)
        result["town"] = result["town"].map(data_place_name)
        if "year" in result:  # one table, several years: a row per enterprise and year
            raw = result["year"]
            years = to_numbers(raw)
            bad = years.isna() | (years != years.round()) | (years < 1900) | (years > 2100)
            report.add(
                row_numbers(rownum, bad), "error", mapping["year"], note("ingest.row.bad_year"), raw[bad]
            )
            fatal |= bad
            result["year"] = years.where(~bad).astype("Int64")
        result["ent_id"], duplicate = _unique_ids(
            result.get("ent_id"), kind, fatal, rownum, report, mapping.get("ent_id"), notes
        )
        key = result["ent_id"].astype(str)
        if "year" in result:  # ids repeat across years, never within one
            key = key + "|" + result["year"].astype(str)
            duplicate = pd.Series(False, index=result.index)
            duplicate[~fatal] = key[~fatal].duplicated(keep="first")
        written_ids = out[mapping["ent_id"]] if "ent_id" in mapping else result["ent_id"]
        shared_id = _shared_ids(result, written_ids, key, fatal, duplicate, rownum, report, mapping, notes)
        duplicate &= ~shared_id  # the same name again: one enterprise entered twice
        report.add(
            row_numbers(rownum, duplicate),
            "error",
            mapping.get("ent_id", "ent_id"),
            note("ingest.row.repeated_id"),
            result["ent_id"][duplicate],
        )
        fatal |= duplicate
        if shared_id.any() and mapping["ent_id"] not in result.columns:  # the codes as written, kept
            extras.append(mapping["ent_id"])
            out[mapping["ent_id"]] = to_texts(out[mapping["ent_id"]])
        if derived_at is not None:
            notes.insert(derived_at, _above_scale_note(result["above_scale"][~fatal], mapping))
        shared = [c for c in SHARED_LAND_COLUMNS if c in mapping]  # tenants and compounds
        if "land_host" in shared:
            result["land_host"] = pd.array(
                [pd.NA if v is None or v is pd.NA else bool(v) for v in result["land_host"].map(to_bool)],
                dtype="boolean",
            )
        if "compound_id" in shared:
            result["compound_id"] = to_texts(result["compound_id"])
        result = result[[*ENTERPRISES.columns, *(["year"] if "year" in result else []), *shared]]
    else:  # zones
        result["name"] = to_texts(result["name"])
        fatal = result["name"].isna()
        report.add(row_numbers(rownum, fatal), "error", mapping["name"], note("ingest.row.blank_name"))
        ids, duplicate = _unique_ids(
            result.get("zone_id"), kind, fatal, rownum, report, mapping.get("zone_id"), notes
        )
        renamed_ids = ids.where(~duplicate, ids + "-" + rownum.loc[ids.index].astype(str))
        report.add(
            row_numbers(rownum, duplicate),
            "warning",
            mapping.get("zone_id", "zone_id"),
            note("ingest.row.repeated_zone_id"),
            renamed_ids[duplicate],
        )
        result["zone_id"] = renamed_ids
        result = result[["zone_id", "name"]]
    for col in extras:
        if col not in result.columns:
            result[col] = out[col]
    result = gpd.GeoDataFrame(result, geometry=out.geometry, crs=out.crs)
    return result.loc[~fatal.to_numpy()]


def _shared_ids(
    result: pd.DataFrame,
    written_ids: pd.Series,
    key: pd.Series,
    fatal: pd.Series,
    duplicate: pd.Series,
    rownum: pd.Series,
    report: RowReport,
    mapping: Mapping[str, str],
    notes: list,
) -> pd.Series:
    """The repeated ids of rows whose enterprise name differs from the first holder's (two firms
    under one 统一社会信用代码: a code copied wrong, not one firm entered twice). Such a row is kept,
    its id made unique by a short hash of its name (:func:`name_suffix`, ``913205…-3F2A9C``), said in
    a note; the column as written is kept beside it), and both rows are flagged (by
    :func:`~geo.ingest.checks.check_credit_codes` when the id column holds credit codes). Returns the
    mask of those rows."""
    shared = pd.Series(False, index=result.index)
    if not duplicate.any():
        return shared
    alive = ~fatal
    holder = (
        pd.Series(result.index, index=result.index)[alive].groupby(key[alive], sort=False).transform("first")
    )
    names = result["name"]
    pairs = [(idx, holder[idx]) for idx in result.index[duplicate.to_numpy()]]  # rare: row by row
    for idx, first in pairs:
        shared[idx] = norm_header(names[idx]) != norm_header(names[first])
    if not shared.any():
        return shared
    source = mapping["ent_id"]
    written = result["ent_id"].copy()
    # the firm's name, not its row, tells it apart: the same id in next year's file and after a
    # re-import (walk19 (b)8: ``…029W-20`` in one file, ``…-19`` in the corrected one)
    suffixes = {n: name_suffix(n) for n in dict.fromkeys(names[shared])}
    result.loc[shared, "ent_id"] = written[shared] + "-" + names[shared].map(suffixes)
    clash = result["ent_id"].duplicated(keep=False) & shared & alive  # two names, one hash: very rare
    result.loc[clash, "ent_id"] += "-" + rownum.loc[clash.index[clash]].astype(str)
    notes.append(
        note(
            "ingest.note.ids_shared",
            n=int(shared.sum()),
            column=source,
            examples=Listing(result.loc[shared, "ent_id"].head(3)),
        )
    )
    if credit_code_column(source) or looks_like_credit_codes(written_ids[alive]):
        return shared  # the credit-code checks flag both rows, as for a code kept beside the id
    for idx, first in pairs:
        if not shared[idx]:
            continue
        for row, other in ((idx, first), (first, idx)):
            said = note("ingest.row.id_shared", column=source, first=int(rownum[other]), other=names[other])
            report.add([rownum[row]], "warning", source, said, [written[row]])
    return shared


def name_suffix(name: object) -> str:
    """What sets apart the id of a firm sharing its 统一社会信用代码 with another of another name: a short
    hash of its normalized name (six characters), the same in every file and every re-import."""
    return hashlib.sha1(norm_header(name).encode("utf-8")).hexdigest()[:6].upper()


def _derived_above_scale(sales_wan_yuan: pd.Series) -> pd.Series:
    """规上 from the statistical definition (主营业务收入 ≥ the threshold in geo/catalogue.yaml) for a
    table without a 规上 column; unknown where the sales figure is missing."""
    threshold = above_scale_min_sales_wan_yuan()
    flags = pd.array([pd.NA if pd.isna(v) else bool(v >= threshold) for v in sales_wan_yuan], dtype="boolean")
    return pd.Series(flags, index=sales_wan_yuan.index)


def _above_scale_note(kept: pd.Series, mapping: Mapping[str, str]):
    """How :func:`_derived_above_scale` decided, with the counts of the rows kept (those the summary
    says passed: a dropped row is not counted)."""
    threshold = above_scale_min_sales_wan_yuan()
    return note(
        "ingest.note.above_scale_derived",
        source=mapping.get("sales_wan_yuan", "sales_wan_yuan"),
        threshold=Both(yuan_amount(threshold, "zh"), yuan_amount(threshold, "en")),
        n_above=int(kept.sum()),
        n_below=int((~kept).sum()),
    )


def mapping_fields(given: Mapping[str, str], kind: str) -> dict[str, str]:
    """``--map`` pairs with each field as its key: a standard field's key, or its label in either
    language, with or without its unit (``名称=园区`` is ``name=园区``: the label an error message
    names the field by, walk20 item 4), where only one field of ``kind`` has that label; any other
    word stays as given, for the error that lists the fields."""
    columns = CATALOGUE.get(kind, ())
    by_label: dict[str, set[str]] = {}
    for column in columns:
        for text in (column.label("zh"), column.label("en"), column.label_zh, column.label_en):
            by_label.setdefault(norm_header(text), set()).add(column.key)
    keys = {column.key for column in columns}
    out = {}
    for word, header in given.items():
        found = by_label.get(norm_header(word), set())
        out[word if word in keys or len(found) != 1 else next(iter(found))] = header
    return out


def merge_mapping(suggested: Mapping[str, str], given: Mapping[str, str], kind: str) -> dict[str, str]:
    """The suggested mapping with the user's choices (``--map field=column``, a field named by its
    key or its label: :func:`mapping_fields`) laid over it: a column the user gave to one field is
    taken from any other field it was suggested for."""
    given = mapping_fields(given, kind)
    taken = set(given.values())
    merged = {k: v for k, v in suggested.items() if k not in given and v not in taken}
    merged.update(given)
    return merged
