"""The year's enterprise table assembled from the register and the departments' files.

:func:`collect` checks the inputs (each department once, every file readable and keyed), matches
each department's rows (:mod:`geo.collect.matching`), converts units, sums long tables (or finds
conflicts where one value per enterprise is expected) and keeps, per enterprise and column,
which department, file (name and sha256) and rows each value came from. Nothing is silently
zero: an enterprise no department row reached keeps an empty value, counted in the summary.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from geo.catalogue import (
    ENTERPRISE_COLUMNS,
    ENTERPRISE_NUMERIC,
    SHARED_LAND_COLUMNS,
    header_unit_factor,
    suggest_columns,
)
from geo.collect.departments import (
    KEY_KINDS,
    Department,
    Located,
    fitting_departments,
    load_departments,
    locate_columns,
)
from geo.collect.industries import classify_codes, load_crosswalk
from geo.collect.matching import (
    Register,
    SuggestionIndex,
    build_register,
    match_rows,
    suggestion_index,
    suggestions,
)
from geo.collect.provenance import provenance_columns, provenance_table, text_column
from geo.collect.reading import SourceFile, parse_numbers, read_source, stated_year
from geo.errors import DataValidationError
from geo.messages.notes import Both, Listing, note

# progress(fraction_done, step, department)
Progress = Callable[[float, str, str], None]


def _no_progress(fraction: float, step: str, department: str) -> None:
    return None


@dataclass(frozen=True)
class SourceInput:
    """One uploaded file: its department (``register`` for the register), name, bytes and the
    user's column mapping (field -> header; see :func:`geo.collect.departments.locate_columns`)."""

    department: str
    filename: str
    data: bytes
    mapping: Mapping[str, str] = field(default_factory=dict)


@dataclass
class DepartmentResult:
    """One department's file matched: every row with its match, and what could not be used."""

    department: Department
    source: SourceFile
    located: Located
    rows: pd.DataFrame  # row, code, name, unit_key, pos, method, reason, check, suggestion, values
    conflicts: pd.DataFrame  # ent_id, name, column, values, rows
    bad_values: pd.DataFrame  # row, column, value
    twice: pd.DataFrame  # unit_key, ent_ids, rows: one 户号/宗地编号 matched to several enterprises
    unreached: int  # register entries no row of this file reached

    def count(self, method: str) -> int:
        """Rows matched by ``method`` (``code``, ``org_code``, ``name``)."""
        return int((self.rows["method"] == method).sum())

    def unmatched(self) -> pd.DataFrame:
        """Rows that matched no one."""
        return self.rows[self.rows["pos"] < 0]


@dataclass
class Collection:
    """The assembled table, its provenance and each department's matching."""

    assembled: pd.DataFrame
    provenance: pd.DataFrame  # ent_id, name, column, department, file, sha256, rows, n_rows, methods, units
    departments: dict[str, DepartmentResult]
    register_source: SourceFile
    register_checks: pd.DataFrame  # row, ent_id, name, check: register codes failing their check
    industry_problems: pd.DataFrame  # row, ent_id, name, industry_code, problem
    value_columns: tuple[str, ...]  # the value columns some department supplied
    notes: list[str] = field(default_factory=list)
    # department -> why its file was left out (only when collected with ``keep_going``)
    failed: dict[str, DataValidationError] = field(default_factory=dict)

    def stated_years(self) -> dict[str, int]:
        """File name -> the year its title rows state (``2024年度…``); files stating none left out."""
        sources = [self.register_source, *(r.source for r in self.departments.values())]
        years = {s.filename: stated_year(s.title) for s in sources}
        return {name: year for name, year in years.items() if year is not None}

    def missing_counts(self) -> dict[str, int]:
        """Value column -> register entries left without a value (empty, never zero)."""
        return {c: int(self.assembled[c].isna().sum()) for c in self.value_columns}


# --------------------------------------------------------------------------- reading


def _key_headers(dept: Department) -> tuple[str, ...]:
    return tuple(h for kind in KEY_KINDS for h in dept.keys.get(kind, ())) + dept.unit_key


def _read_all(
    register: SourceInput,
    sources: Sequence[SourceInput],
    register_spec: Department,
    specs: dict[str, Department],
    progress: Progress,
    failed: dict[str, DataValidationError] | None,
) -> tuple[SourceFile, list[SourceFile]]:
    """The register and each department's file read; a department file that cannot be read is
    kept in ``failed`` when given (raised otherwise)."""
    seen: dict[str, str] = {}
    for src in sources:
        if src.department == "register":
            raise DataValidationError.of("collect.register_first")
        if src.department not in specs:
            options = Listing(Both(f"{k}（{d.label_zh}）", f"{k} ({d.label_en})") for k, d in specs.items())
            raise DataValidationError.of(
                "collect.unknown_department", department=src.department, options=options
            )
        if src.department in seen:
            raise DataValidationError.of(
                "collect.department_twice",
                label=specs[src.department].names,
                first=seen[src.department],
                second=src.filename,
            )
        seen[src.department] = src.filename
    progress(0.0, "read", "register")
    reg = read_source(
        register.data,
        register.filename,
        department="register",
        known_headers=_key_headers(register_spec),
        what="企业名录",
        what_en="enterprise register",
    )
    files = []
    for i, s in enumerate(sources):
        progress(0.4 * (i + 1) / (len(sources) + 1), "read", s.department)
        try:
            files.append(
                read_source(
                    s.data,
                    s.filename,
                    department=s.department,
                    known_headers=_key_headers(specs[s.department]),
                    what=specs[s.department].label_zh,
                    what_en=specs[s.department].label_en,
                )
            )
        except DataValidationError as exc:
            if failed is None:
                raise
            failed[s.department] = exc
    return reg, files


# --------------------------------------------------------------------------- per department


@dataclass(frozen=True)
class _Groups:
    """Rows grouped by register position: ``uniq`` positions, ``order`` the rows sorted by position,
    group ``i`` is ``order[starts[i]:ends[i]]``."""

    uniq: np.ndarray
    order: np.ndarray
    starts: np.ndarray
    ends: np.ndarray

    def rows(self, i: int) -> np.ndarray:
        return self.order[self.starts[i] : self.ends[i]]


def _groups(pos: np.ndarray, rows: np.ndarray) -> _Groups:
    """The rows ``rows`` (with register positions ``pos``) grouped by position."""
    order = np.argsort(pos, kind="stable")
    uniq, starts = np.unique(pos[order], return_index=True)
    ends = np.append(starts[1:], len(pos)).astype(np.int64) if len(pos) else np.zeros(0, np.int64)
    return _Groups(uniq, rows[order], starts.astype(np.int64), ends)


def _rows_text(rows: np.ndarray) -> str:
    return ",".join(map(str, rows.tolist()))


def _joined(texts: np.ndarray, groups: _Groups, *, distinct: bool = False) -> np.ndarray:
    """Per group, its rows' texts joined with commas (empty texts left out; ``distinct``: each
    text once, in order of first appearance). One string for all groups, cut at each group's
    offsets: no Python work per row."""
    n_groups = len(groups.uniq)
    out = np.full(n_groups, "", dtype=object)
    ordered = np.asarray(texts, dtype=object)[groups.order]
    gid = np.repeat(np.arange(n_groups), groups.ends - groups.starts)
    keep = ordered != ""
    ordered, gid = ordered[keep], gid[keep]
    if distinct and len(ordered):
        first = ~pd.DataFrame({"g": gid, "t": ordered}).duplicated().to_numpy()
        ordered, gid = ordered[first], gid[first]
    if not len(ordered):
        return out
    last = np.append(gid[1:] != gid[:-1], True)  # the last text of its group: no comma after it
    seps = np.where(last, "", ",").astype(object)
    pieces = np.empty(2 * len(ordered), dtype=object)
    pieces[0::2], pieces[1::2] = ordered, seps
    whole = "".join(pieces.tolist())
    commas = (~last).astype(np.int64)
    lengths = np.fromiter(map(len, ordered.tolist()), dtype=np.int64, count=len(ordered)) + commas
    ends = np.cumsum(lengths)
    starts = ends - lengths
    present = gid[last]
    first_of = np.append(True, last[:-1])
    cut = zip(starts[first_of].tolist(), ends[last].tolist(), strict=True)
    out[present] = [whole[i:j] for i, j in cut]
    return out


def _group_texts(
    groups: _Groups, row_text: np.ndarray, methods: np.ndarray, units: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per group of rows: their spreadsheet rows, how they were matched, their 户号/宗地编号."""
    rows = _joined(row_text, groups)
    how = _joined(methods, groups, distinct=True)
    keys = _joined(units, groups) if units is not None else np.full(len(groups.uniq), "", dtype=object)
    return rows, how, keys


def _match_department(
    register: Register,
    source: SourceFile,
    dept: Department,
    mapping: Mapping[str, str],
    index: Callable[[], SuggestionIndex],
    others: Mapping[str, Department],
) -> tuple[DepartmentResult, dict[str, np.ndarray], list[dict[str, object]]]:
    table = source.table
    headers = [str(c) for c in table.columns]
    located = locate_columns(headers, dept, mapping)
    if not located.keys or not located.values:
        field = next(iter(dept.values), "")
        missing = "no_match_columns" if not located.keys else "no_value_columns"
        wanted = (
            Listing(dict.fromkeys(h for kind in KEY_KINDS for h in dept.keys.get(kind, ())))
            if not located.keys
            else Listing(h for spec in dept.values.values() for h in spec.headers[:2])
        )
        params = {"dept": dept.names, "file": source.filename, "wanted": wanted, "key": dept.key}
        like = [d for d in fitting_departments(headers, others) if d.key != dept.key]
        if like:
            raise DataValidationError.of(
                f"collect.{missing}_other", **params, other=like[0].names, other_key=like[0].key
            )
        raise DataValidationError.of(f"collect.{missing}", **params, field=field)
    col = located.keys.get
    matched = match_rows(
        register,
        table[col("code")] if col("code") else None,
        table[col("org_code")] if col("org_code") else None,
        table[col("name")] if col("name") else None,
    )
    names = table[col("name")] if col("name") else None
    rownum = source.rownum.to_numpy()
    pos = matched["pos"].to_numpy()
    n = len(register.codes)
    values: dict[str, np.ndarray] = {}
    provenance: list[dict[str, object]] = []
    conflicts, bad_values = [], []
    unit_keys = table[located.unit_key].astype("string") if located.unit_key else None
    row_text = rownum.astype(str).astype(object)
    method_arr = matched["method"].to_numpy(dtype=object)
    unit_arr = None if unit_keys is None else unit_keys.fillna("").to_numpy(dtype=object)
    texts: dict[bytes, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for column in located.values:
        raw = table[column.header]
        number = parse_numbers(raw) * column.factor
        bad = (number.isna() & raw.notna()) | (number < 0)
        for r, v in zip(rownum[bad.to_numpy()], raw[bad], strict=True):
            bad_values.append({"row": int(r), "column": column.header, "value": v})
        number = number.where(~bad)
        ok = (pos >= 0) & number.notna().to_numpy()
        vals = number.to_numpy()
        out = np.full(n, np.nan)
        groups = _groups(pos[ok], np.flatnonzero(ok))
        uniq = groups.uniq
        if dept.aggregate == "sum":
            sums = np.bincount(pos[ok], weights=vals[ok], minlength=n)
            out[uniq] = sums[uniq]
        elif len(uniq):  # one value per enterprise: the same value twice is fine, two differ: a conflict
            low = np.minimum.reduceat(vals[groups.order], groups.starts)
            high = np.maximum.reduceat(vals[groups.order], groups.starts)
            same = low == high
            out[uniq[same]] = low[same]
            for i in np.flatnonzero(~same):
                idx = groups.rows(i)
                conflicts.append(
                    {
                        "ent_id": register.codes.iat[uniq[i]],
                        "name": register.names.iat[uniq[i]],
                        "column": column.key,
                        "values": "；".join(f"{v:g}" for v in pd.unique(vals[idx])),
                        "rows": _rows_text(rownum[idx]),
                    }
                )
        values[column.key] = out
        key = ok.tobytes()
        if key not in texts:  # columns filled in the same rows share their provenance texts
            texts[key] = _group_texts(groups, row_text, method_arr, unit_arr)
        rows_txt, methods_txt, units_txt = texts[key]
        keep = ~np.isnan(out[uniq])
        provenance.append(
            {
                "pos": uniq[keep],
                "column": column.key,
                "department": dept.key,
                "file": source.filename,
                "sha256": source.sha256,
                "rows": rows_txt[keep],
                "n_rows": (groups.ends - groups.starts)[keep],
                "methods": methods_txt[keep],
                "units": units_txt[keep],
                "unit": column.unit,
            }
        )
    twice = _twice(register, unit_keys, pos, rownum)
    index = index() if (pos < 0).any() else None
    rows = pd.DataFrame(
        {
            "row": rownum,
            "code": table[col("code")] if col("code") else pd.NA,
            "org_code_given": table[col("org_code")] if col("org_code") else pd.NA,
            "name": names if names is not None else pd.NA,
            "unit_key": unit_keys if unit_keys is not None else pd.NA,
            "pos": pos,
            "ent_id": text_column(
                np.where(pos >= 0, pos, n), np.append(register.codes.to_numpy(dtype=object), None)
            ),
            "method": matched["method"],
            "reason": matched["reason"],
            "check": matched["check"],
            "suggestion": suggestions(register, matched, names, index),
            **{c.header: table[c.header] for c in located.values},
        }
    )
    reached = np.zeros(n, dtype=bool)
    reached[pos[pos >= 0]] = True
    result = DepartmentResult(
        department=dept,
        source=source,
        located=located,
        rows=rows,
        conflicts=pd.DataFrame(conflicts, columns=["ent_id", "name", "column", "values", "rows"]),
        bad_values=pd.DataFrame(bad_values, columns=["row", "column", "value"]),
        twice=twice,
        unreached=int((~reached).sum()),
    )
    return result, values, provenance


def _index(register: Register, built: list[SuggestionIndex]) -> SuggestionIndex:
    if not built:
        built.append(suggestion_index(register))
    return built[0]


def _twice(
    register: Register, unit_keys: pd.Series | None, pos: np.ndarray, rownum: np.ndarray
) -> pd.DataFrame:
    """One 户号/宗地编号 matched to several enterprises."""
    columns = ["unit_key", "ent_ids", "rows"]
    if unit_keys is None:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame({"key": unit_keys.to_numpy(), "pos": pos, "row": rownum})
    frame = frame[(frame["pos"] >= 0) & frame["key"].notna()]
    spread = frame.groupby("key")["pos"].nunique()
    keys = spread.index[spread > 1]
    out = [
        {
            "unit_key": k,
            "ent_ids": "；".join(register.codes.iloc[sorted(set(part["pos"]))]),
            "rows": _rows_text(part["row"].to_numpy()),
        }
        for k, part in frame[frame["key"].isin(keys)].groupby("key")
    ]
    return pd.DataFrame(out, columns=columns)


# --------------------------------------------------------------------------- the register


_PASSTHROUGH = ("town", "industry", "above_scale", "year")


def _register_frame(
    register: Register, source: SourceFile, located: Located, supplied: set[str]
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The register's own columns for the assembled table: ent_id, name, 区镇/行业/规上/年份 under
    their standard names, its amounts (converted) unless a department supplies them, the rest as is."""
    table = source.table
    used = {located.keys.get("code"), located.keys.get("name"), *located.codes.values()}
    rest = [c for c in table.columns if c not in used]
    suggested = suggest_columns(rest, "enterprises")
    out = pd.DataFrame({"ent_id": register.codes.to_numpy(), "name": register.names.to_numpy()})
    from_register: dict[str, str] = {}
    renamed = set()
    for key, header in suggested.items():
        if key in _PASSTHROUGH:
            out[key] = table[header].to_numpy()
        elif key in ENTERPRISE_NUMERIC and key not in supplied:
            out[key] = (parse_numbers(table[header]) * header_unit_factor(header, key)).to_numpy()
            from_register[key] = header
        else:
            continue
        renamed.add(header)
    for c in rest:
        if c not in renamed and c not in out.columns:
            out[c] = table[c].to_numpy()
    return out, from_register


# --------------------------------------------------------------------------- collect


def collect(
    register: SourceInput,
    sources: Sequence[SourceInput],
    *,
    departments_path: Path | None = None,
    crosswalk_path: Path | None = None,
    progress: Progress | None = None,
    keep_going: bool = False,
) -> Collection:
    """Assemble the year's enterprise table from the register and the departments' files.

    Parameters
    ----------
    register
        The enterprise register (统一社会信用代码, 企业名称; optionally 区镇, 行业代码, 规上,
        coordinates): one row per enterprise, which is one row of the result.
    sources
        One file per department (``tax``, ``stats``, ``power``, ``land``, ``env``).
    departments_path, crosswalk_path
        Other configurations than ``geo/collect/departments.yaml`` and ``industries.yaml``.
    progress
        Called as ``progress(fraction_done, step, department)`` before each step (``read``,
        ``match``, ``assemble``), e.g. to move a progress bar; from the calling thread.
    keep_going
        A department file that cannot be read or matched is left out, its error kept in
        :attr:`Collection.failed`, and the others are collected (for a page that reports every
        department at once); by default its error is raised.

    Raises
    ------
    DataValidationError
        For a department given twice or unknown, an empty or unreadable file, a register without
        codes or with duplicate codes, a department file without any key or value column (with
        ``keep_going``: only when no department file could be used).
    """
    register_spec, specs = load_departments(departments_path)
    if not sources:
        raise DataValidationError.of("collect.no_sources")
    progress = progress or _no_progress
    unread: dict[str, DataValidationError] | None = {} if keep_going else None
    reg_source, files = _read_all(register, sources, register_spec, specs, progress, unread)
    order = [s.department for s in sources]
    if not files and unread:
        raise _all_failed(unread, order)
    try:
        collection = assemble(
            reg_source,
            files,
            mappings={s.department: dict(s.mapping) for s in sources} | {"register": dict(register.mapping)},
            departments_path=departments_path,
            crosswalk_path=crosswalk_path,
            progress=progress,
            keep_going=keep_going,
            unread=unread,
        )
    except NothingCollected as exc:  # each department's reason in the order the files were given
        raise _all_failed(exc.failed, order) from None
    collection.failed = {d: e for d in order for e in [collection.failed.get(d)] if e is not None}
    return collection


class NothingCollected(DataValidationError):
    """No department file could be used; ``failed`` holds each department's own error."""

    def __init__(self, message: str, *, failed: Mapping[str, DataValidationError], **kwargs) -> None:
        super().__init__(message, **kwargs)
        self.failed = dict(failed)


def _all_failed(failed: Mapping[str, DataValidationError], order: Sequence[str]) -> NothingCollected:
    """No department file could be used: each one's reason, in the order given."""
    kept = {d: failed[d] for d in order if d in failed}
    reasons = Listing((Both(e.text("zh"), e.text("en")) for e in kept.values()), sep="；\n", sep_en=";\n")
    return NothingCollected.of("collect.all_failed", reasons=reasons, extra={"failed": kept})


def assemble(
    register_source: SourceFile,
    files: Sequence[SourceFile],
    *,
    mappings: Mapping[str, Mapping[str, str]] | None = None,
    departments_path: Path | None = None,
    crosswalk_path: Path | None = None,
    progress: Progress | None = None,
    keep_going: bool = False,
    unread: Mapping[str, DataValidationError] | None = None,
) -> Collection:
    """:func:`collect` on files already read (:func:`geo.collect.reading.read_source`);
    ``unread``: the departments whose files could not be read (kept in :attr:`Collection.failed`)."""
    progress = progress or _no_progress
    failed = dict(unread or {})
    register_spec, specs = load_departments(departments_path)
    mappings = mappings or {}
    reg_located = locate_columns(
        [str(c) for c in register_source.table.columns], register_spec, mappings.get("register")
    )
    if "code" not in reg_located.keys:
        raise DataValidationError.of("collect.register_no_code", file=register_source.filename)
    name_col = reg_located.keys.get("name", "")
    register = build_register(
        register_source.table,
        register_source.rownum,
        reg_located.keys["code"],
        name_col,
        register_source.filename,
    )
    results: dict[str, DepartmentResult] = {}
    values: dict[str, np.ndarray] = {}
    provenance: list[dict[str, object]] = []
    dept_codes: dict[str, pd.Series] = {}
    built: list[SuggestionIndex] = []  # the suggestion index, built when a first row goes unmatched
    for i, source in enumerate(files):
        dept = specs[source.department]
        progress(0.4 + 0.5 * i / max(len(files), 1), "match", dept.key)
        try:
            result, vals, prov = _match_department(
                register,
                source,
                dept,
                mappings.get(source.department, {}),
                lambda: _index(register, built),
                specs,
            )
        except DataValidationError as exc:
            if not keep_going:
                raise
            failed[dept.key] = exc
            continue
        results[dept.key] = result
        for key, arr in vals.items():
            values[key] = arr if key not in values else np.where(np.isnan(values[key]), arr, values[key])
        provenance.extend(prov)
        code_col = result.located.codes.get("industry_code")
        if code_col is not None:
            matched = result.rows["pos"].to_numpy() >= 0
            codes = source.table[code_col][matched]
            first = pd.Series(codes.to_numpy(), index=result.rows["pos"][matched]).dropna()
            dept_codes[dept.key] = first[~first.index.duplicated()]
    if not results and failed:
        raise _all_failed(failed, list(failed))
    progress(0.9, "assemble", "")
    assembled, from_register = _register_frame(register, register_source, reg_located, set(values))
    for key in ENTERPRISE_NUMERIC:
        if key in values:
            assembled[key] = values[key]
        elif key not in assembled.columns and key not in SHARED_LAND_COLUMNS:  # no empty tenant columns
            assembled[key] = np.nan
    for key, arr in values.items():  # columns outside the catalogue (排放当量)
        if key not in assembled.columns:
            assembled[key] = arr
    notes = [note("collect.note.from_register", header=h) for h in from_register.values()]
    industry, problems = _industries(register, register_source, reg_located, dept_codes, crosswalk_path)
    for c in industry.columns:
        if c == "industry":
            known = industry[c].notna()
            if "industry" in assembled.columns:
                assembled["industry"] = industry[c].where(known, assembled["industry"])
            else:
                assembled["industry"] = industry[c]
        elif c != "industry_problem":
            assembled[c] = industry[c]
    for key, header in from_register.items():
        have = assembled[key].notna().to_numpy()
        provenance.append(
            {
                "pos": np.flatnonzero(have),
                "column": key,
                "department": "register",
                "file": register_source.filename,
                "sha256": register_source.sha256,
                "rows": register.rownum[have].astype(str).to_numpy(dtype=object),
                "n_rows": 1,
                "methods": "",
                "units": "",
                "unit": header,
            }
        )
    prov = provenance_columns(provenance)
    for key in [c for c in values if c in assembled.columns] + list(from_register):
        part = prov["column"] == key
        src = np.full(len(assembled), None, dtype=object)
        src[prov["pos"][part]] = prov["file"][part] + ":" + prov["rows"][part]
        assembled[f"src_{key}"] = src
    order = [c.key for c in ENTERPRISE_COLUMNS if c.key in assembled.columns and c.key != "year"]
    assembled = assembled[[*order, *(c for c in assembled.columns if c not in order)]]
    checks = register.check != ""
    register_checks = pd.DataFrame(
        {
            "row": register.rownum[checks].to_numpy(),
            "ent_id": register.codes[checks].to_numpy(),
            "name": register.names[checks].to_numpy(),
            "check": register.check[checks].to_numpy(),
        }
    )
    return Collection(
        assembled=assembled,
        provenance=provenance_table(prov, register, provenance),
        departments=results,
        register_source=register_source,
        register_checks=register_checks,
        industry_problems=problems,
        value_columns=tuple(k for k in (*values, *from_register) if k in assembled.columns),
        notes=notes,
        failed=failed,
    )


def _industries(
    register: Register,
    source: SourceFile,
    located: Located,
    dept_codes: Mapping[str, pd.Series],
    crosswalk_path: Path | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The plan industry and 大类 of every register entry from its 行业代码 (the register's own,
    else the first a department gave)."""
    n = len(register.codes)
    header = located.codes.get("industry_code", "")
    codes = source.table[header].copy() if header else pd.Series([pd.NA] * n, dtype=object)
    codes.index = range(n)
    for series in dept_codes.values():
        empty = codes.isna()
        fill = series.reindex(range(n))
        codes = codes.where(~empty, fill)
    frame = classify_codes(codes, load_crosswalk(crosswalk_path), header=header)
    bad = frame["industry_problem"] != ""
    problems = pd.DataFrame(
        {
            "row": register.rownum[bad.to_numpy()].to_numpy(),
            "ent_id": register.codes[bad.to_numpy()].to_numpy(),
            "name": register.names[bad.to_numpy()].to_numpy(),
            "industry_code": codes[bad].to_numpy(),
            "problem": frame.loc[bad, "industry_problem"].to_numpy(),
        }
    )
    return frame.reset_index(drop=True), problems


__all__ = ["Collection", "DepartmentResult", "NothingCollected", "SourceInput", "assemble", "collect"]
