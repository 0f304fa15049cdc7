"""The year's evaluation (or its land list) as versions in the selected store: 草稿 → 公示 → 定案.

A version holds its rules (the whole configuration, as the configuration's mapping), its inputs
(layer names with the SHA-256 of their data) and its results (per enterprise: id, name, group,
zone, score, rank, class and the input values used, each value's provenance). Two tables of the
store (GeoPackage or PostGIS, :mod:`geo.storage.tables`):

``atlas_eval_results``
    The result rows, content-addressed: a set of results is keyed by the SHA-256 of its rows and
    never changes once written (two versions with the same results share them).
``atlas_eval_versions``
    One row per version: kind (``score`` / ``land``), year, title, state, the window's dates, the
    version it replaces and the land list it used, the configuration and inputs, who did each
    step and when.

Each step is one write under the store's lock with its change-log row, for the ``actor`` the
caller passes: the results first, then the version row that names them (a writer killed between
the two leaves only unreferenced results, never a version without its rows). A 定案 version is
locked: every function that would change it refuses with :func:`locked_error`; a later correction is
a new version that names the one it replaces.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from geo.errors import DataValidationError
from geo.evaluation.metrics import ID_COL, ZONE_COL
from geo.messages import both, listed
from geo.storage.audit import Change
from geo.storage.base import Store, open_store
from geo.storage.tables import TableEdit, TableSpec

VERSIONS_TABLE = "atlas_eval_versions"
RESULTS_TABLE = "atlas_eval_results"
KIND_SCORE, KIND_LAND = "score", "land"
KINDS = {KIND_SCORE: "评价结果", KIND_LAND: "用地清单"}
DRAFT, PUBLISHED, FINAL = "draft", "published", "final"
STATES = {DRAFT: "草稿", PUBLISHED: "公示", FINAL: "定案"}
VISIBLE_TO_VIEWERS = (PUBLISHED, FINAL)
MAX_TITLE_CHARS = 60

VERSION_SPEC = TableSpec(
    VERSIONS_TABLE,
    (
        "version_id",
        "kind",
        "year",
        "title",
        "state",
        "replaces",
        "land_version",
        "window_start",
        "window_end",
        "config_yaml",
        "inputs_json",
        "results_sha256",
        "n_results",
        "created_at",
        "created_by",
        "published_at",
        "published_by",
        "finalized_at",
        "finalized_by",
        "benchmarks_json",
        "weights_json",
    ),
    int_columns=frozenset({"year", "n_results"}),
    key="version_id",
    description="年度亩均评价与用地清单的版本（草稿、公示、定案）",
)
RESULT_SPEC = TableSpec(
    RESULTS_TABLE,
    (
        "row_key",
        "results_sha256",
        ID_COL,
        "name",
        "size_group",
        ZONE_COL,
        "score",
        "rank",
        "eval_class",
        "status",
        "parcels",
        "inputs_json",
        "provenance_json",
    ),
    int_columns=frozenset({"rank"}),
    key="row_key",
    description="评价版本的逐企业结果（含所用输入值及其来源），按结果摘要共享、写入后不再改变",
)
# The columns of a version's results as :func:`version_results` gives them.
RESULT_COLUMNS = (ID_COL, "name", "size_group", ZONE_COL, "score", "rank", "eval_class", "status", "parcels")

StoreTarget = Store | Path | str | None


@dataclass(frozen=True)
class Version:
    """One version as stored (see the module docstring); ``config`` is the configuration's mapping,
    ``inputs`` the input layers by role (``layer``, ``rows``, ``sha256``), ``benchmarks`` the
    benchmark each indicator was divided by, per size group (``{"规上": {"tax_per_mu_wan_yuan":
    3.0}}``; empty for a land list and for versions saved before benchmarks were kept), ``weights``
    the weights applied, per group and indicator (an indicator dropped for want of data at 0, the
    others scaled up to the configured total; empty for a land list and for versions saved before
    they were kept: not recorded)."""

    version_id: str
    kind: str
    year: int | None
    title: str
    state: str
    replaces: str
    land_version: str
    window_start: str
    window_end: str
    config: dict[str, Any]
    inputs: dict[str, Any]
    results_sha256: str
    n_results: int
    created_at: str
    created_by: str
    published_at: str = ""
    published_by: str = ""
    finalized_at: str = ""
    finalized_by: str = ""
    benchmarks: dict[str, dict[str, float]] = field(default_factory=dict)
    weights: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def locked(self) -> bool:
        """Whether the version is 定案 (nothing in it changes again)."""
        return self.state == FINAL

    @property
    def state_zh(self) -> str:
        """The state in Chinese (草稿 / 公示 / 定案)."""
        return STATES.get(self.state, self.state)

    def label(self) -> str:
        """``V3 · 2024 年评价结果 · 公示`` — how a version is named on pages, exports and the CLI."""
        year = f"{self.year} 年" if self.year is not None else ""
        return f"{self.version_id} · {year}{KINDS.get(self.kind, self.kind)} · {self.state_zh}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def checked_actor(actor: str) -> str:
    """The actor's name; refuses a blank one (every step is recorded with who did it)."""
    if not str(actor or "").strip():
        raise DataValidationError.of("publication.no_actor")
    return str(actor).strip()


def locked_error(version: Version) -> DataValidationError:
    """The refusal for any change to a 定案 version."""
    return DataValidationError.of(
        "publication.version_final",
        version=version.version_id,
        at=both("publication.locked")
        if not version.finalized_at
        else {"zh": version.finalized_at, "en": version.finalized_at},
        by=version.finalized_by,
    )


def _version(row: pd.Series) -> Version:
    return Version(
        version_id=str(row["version_id"]),
        kind=str(row["kind"]),
        year=None if pd.isna(row["year"]) else int(row["year"]),
        title=str(row["title"]),
        state=str(row["state"]),
        replaces=str(row["replaces"]),
        land_version=str(row["land_version"]),
        window_start=str(row["window_start"]),
        window_end=str(row["window_end"]),
        config=yaml.safe_load(row["config_yaml"] or "{}") or {},
        inputs=json.loads(row["inputs_json"] or "{}"),
        results_sha256=str(row["results_sha256"]),
        n_results=0 if pd.isna(row["n_results"]) else int(row["n_results"]),
        created_at=str(row["created_at"]),
        created_by=str(row["created_by"]),
        published_at=str(row["published_at"]),
        published_by=str(row["published_by"]),
        finalized_at=str(row["finalized_at"]),
        finalized_by=str(row["finalized_by"]),
        benchmarks=json.loads(row["benchmarks_json"] or "{}"),
        weights=json.loads(row["weights_json"] or "{}"),  # "" in a store written before they were kept
    )


def _number(text: object) -> float:
    try:
        return float(text) if str(text).strip() else float("nan")
    except ValueError:
        return float("nan")


def list_versions(
    *, store: StoreTarget = None, viewer: bool = False, kind: str | None = None
) -> list[Version]:
    """Every version in the order they were saved (a viewer: the 公示 and 定案 ones only)."""
    rows = open_store(store).read_shared(VERSION_SPEC)
    out = [_version(r) for _, r in rows.iterrows()]
    if viewer:
        out = [v for v in out if v.state in VISIBLE_TO_VIEWERS]
    if kind is not None:
        out = [v for v in out if v.kind == kind]
    return sorted(out, key=lambda v: int(v.version_id[1:]) if v.version_id[1:].isdigit() else 0)


def get_version(version_id: str, *, store: StoreTarget = None) -> Version:
    """One version by its id (``V3``).

    Raises
    ------
    DataValidationError
        When no version has that id.
    """
    wanted = str(version_id or "").strip().upper()
    for version in list_versions(store=store):
        if version.version_id == wanted:
            return version
    raise DataValidationError.of("publication.no_such_version", version=version_id)


def version_results(version: Version, *, store: StoreTarget = None) -> pd.DataFrame:
    """The version's results: :data:`RESULT_COLUMNS` plus ``inputs`` and ``provenance`` (mappings),
    in the order they were saved; ``score`` as float (NaN when not scored), ``rank`` as Int64."""
    rows = open_store(store).read_shared(RESULT_SPEC)
    part = rows[rows["results_sha256"] == version.results_sha256].reset_index(drop=True)
    out = part[list(RESULT_COLUMNS)].copy()
    out["score"] = part["score"].map(_number).astype("float64")
    out["inputs"] = part["inputs_json"].map(lambda s: json.loads(s or "{}"))
    out["provenance"] = part["provenance_json"].map(lambda s: json.loads(s or "{}"))
    return out


def _results_digest(rows: list[dict]) -> str:
    text = json.dumps(rows, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _checked_results(results: pd.DataFrame) -> None:
    missing = [c for c in (ID_COL, "inputs") if c not in results.columns]
    if missing:
        raise DataValidationError.of("publication.results_missing_columns", columns=listed(missing))
    if not len(results):
        raise DataValidationError.of("publication.no_results")
    ids = results[ID_COL].astype(str)
    if ids.duplicated().any():
        raise DataValidationError.of(
            "publication.duplicate_ids", ids=listed(ids[ids.duplicated()].unique()[:5])
        )


def _result_rows(results: pd.DataFrame) -> tuple[str, list[dict]]:
    rows = []
    for rec in results.to_dict("records"):
        score = rec.get("score")
        rank = rec.get("rank")
        rows.append(
            {
                ID_COL: str(rec[ID_COL]),
                "name": str(rec.get("name") or ""),
                "size_group": str(rec.get("size_group") or ""),
                ZONE_COL: "" if pd.isna(rec.get(ZONE_COL)) else str(rec.get(ZONE_COL) or ""),
                "score": "" if score is None or pd.isna(score) else repr(float(score)),
                "rank": None if rank is None or pd.isna(rank) else int(rank),
                "eval_class": "" if pd.isna(rec.get("eval_class")) else str(rec.get("eval_class") or ""),
                "status": str(rec.get("status") or ""),
                "parcels": str(rec.get("parcels") or ""),
                "inputs_json": json.dumps(rec.get("inputs") or {}, ensure_ascii=False, sort_keys=True),
                "provenance_json": json.dumps(
                    rec.get("provenance") or {}, ensure_ascii=False, sort_keys=True
                ),
            }
        )
    digest = _results_digest(rows)
    for row in rows:
        row["results_sha256"] = digest
        row["row_key"] = f"{digest[:24]}:{row[ID_COL]}"
    return digest, rows


def _next_id(current: pd.DataFrame) -> str:
    numbers = [int(v[1:]) for v in current["version_id"] if str(v)[1:].isdigit()]
    return f"V{max(numbers, default=0) + 1}"


def save_version(
    results: pd.DataFrame,
    *,
    kind: str,
    year: int | None,
    title: str,
    config: dict[str, Any],
    inputs: dict[str, Any],
    actor: str,
    replaces: str = "",
    land_version: str = "",
    benchmarks: dict[str, dict[str, float]] | None = None,
    weights: dict[str, dict[str, float]] | None = None,
    title_suffix: Callable[[str], str] | None = None,
    store: StoreTarget = None,
) -> Version:
    """Save ``results`` as a new 草稿 version (numbered ``V1``, ``V2``, … in the store), recorded for
    ``actor``; returns it.

    ``results`` holds ``ent_id`` and ``inputs`` (each enterprise's input values, a mapping), and
    optionally ``name``, ``size_group``, ``zone``, ``score``, ``rank``, ``eval_class``, ``status``,
    ``parcels`` and ``provenance`` (where a value came from when not from the input layer).
    ``benchmarks`` are the evaluation's benchmarks per size group (kept to say why scores moved),
    ``weights`` the weights it applied per group (kept so that its workbook states them).
    ``title_suffix`` makes words added to ``title`` from the new version's id (a corrected draft's
    ``（异议更正，V3）``), written once with the title.

    Raises
    ------
    DataValidationError
        For no actor, an unknown kind, an empty or too long title, no results or repeated ids, or
        a ``replaces`` / ``land_version`` that names no version.
    """
    actor = checked_actor(actor)
    if kind not in KINDS:
        raise DataValidationError.of("publication.unknown_kind", kind=kind, kinds=listed(KINDS))
    title = str(title or "").strip()
    if not title or len(title) > MAX_TITLE_CHARS:
        if not title:
            raise DataValidationError.of("publication.title_missing", max_chars=MAX_TITLE_CHARS)
        raise DataValidationError.of("publication.title_too_long", n=len(title), max_chars=MAX_TITLE_CHARS)
    _checked_results(results)
    target = open_store(store)
    known = {v.version_id for v in list_versions(store=target)}
    for key, ref in (
        ("publication.replaced_missing", replaces),
        ("publication.land_list_missing", land_version),
    ):
        if ref and ref not in known:
            raise DataValidationError.of(key, version=ref)
    digest, rows = _result_rows(results)

    def write_results(current: pd.DataFrame) -> TableEdit:
        if (current["results_sha256"] == digest).any():
            return TableEdit()  # the same results are stored already: nothing to write
        change = Change(
            action="results_saved",
            user=actor,
            layer=RESULTS_TABLE,
            title=title,
            sha256=digest,
            rows_out=len(rows),
            detail=f"{KINDS[kind]}的逐企业结果 {len(rows)} 家",
        )
        return TableEdit(rows=tuple(rows), change=change)

    target.edit_rows(RESULT_SPEC, write_results)

    def write_version(current: pd.DataFrame) -> TableEdit:
        version_id = _next_id(current)
        full = title + title_suffix(version_id) if title_suffix else title
        if len(full) > MAX_TITLE_CHARS:
            raise DataValidationError.of("publication.title_too_long", n=len(full), max_chars=MAX_TITLE_CHARS)
        row = {
            "version_id": version_id,
            "kind": kind,
            "year": year,
            "title": full,
            "state": DRAFT,
            "replaces": replaces,
            "land_version": land_version,
            "config_yaml": yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
            "inputs_json": json.dumps(inputs, ensure_ascii=False, sort_keys=True),
            "results_sha256": digest,
            "n_results": len(rows),
            "created_at": _now(),
            "created_by": actor,
            "benchmarks_json": json.dumps(benchmarks or {}, ensure_ascii=False, sort_keys=True),
            "weights_json": json.dumps(weights or {}, ensure_ascii=False, sort_keys=True),
        }
        detail = f"{version_id} 草稿：{KINDS[kind]} {len(rows)} 家" + (
            f"，替换 {replaces}" if replaces else ""
        )
        change = Change(
            action="version_saved",
            user=actor,
            layer=VERSIONS_TABLE,
            title=full,
            sha256=digest,
            detail=detail,
        )
        return TableEdit(rows=(row,), change=change, result=row)

    done = target.edit_rows(VERSION_SPEC, write_version)
    return get_version(done.result["version_id"], store=target)


def _change_state(version_id: str, actor: str, store: StoreTarget, step) -> Version:
    """Apply ``step(version, row) -> (fields, change)`` to the stored row, under the lock."""
    target = open_store(store)
    wanted = str(version_id or "").strip().upper()

    def edit(current: pd.DataFrame) -> TableEdit:
        hit = current[current["version_id"] == wanted]
        if not len(hit):
            raise DataValidationError.of("publication.version_gone", version=version_id)
        row = hit.iloc[0].to_dict()
        version = _version(hit.iloc[0])
        if version.locked:
            raise locked_error(version)
        fields, change = step(version, current)
        return TableEdit(rows=({**row, **fields},), change=change)

    target.edit_rows(VERSION_SPEC, edit)
    return get_version(wanted, store=target)


def _as_date(value: date | str, field: str) -> date:
    """``value`` as a date; ``field`` names it in messages (``publication.field.*``)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise DataValidationError.of(
            "publication.not_a_date", what=both(f"publication.field.{field}"), value=value
        ) from None


def publish_version(
    version_id: str, *, start: date | str, end: date | str, actor: str, store: StoreTarget = None
) -> Version:
    """Publish a 草稿 version (公示) for the window ``start`` … ``end`` (dates, both included),
    recorded for ``actor``; returns it.

    Raises
    ------
    DataValidationError
        For no actor, dates that are not dates or a window ending before it starts, a version
        that is not a draft (a 定案 one: :func:`locked_error`), or no such version.
    """
    actor = checked_actor(actor)
    first, last = _as_date(start, "window_start"), _as_date(end, "window_end")
    if first > last:
        raise DataValidationError.of(
            "publication.window_reversed", start=first.isoformat(), end=last.isoformat()
        )

    def step(version: Version, current: pd.DataFrame):
        if version.state != DRAFT:
            raise DataValidationError.of(
                "publication.publish_not_draft",
                version=version.version_id,
                state=both(f"publication.state.{version.state}"),
            )
        fields = {
            "state": PUBLISHED,
            "window_start": first.isoformat(),
            "window_end": last.isoformat(),
            "published_at": _now(),
            "published_by": actor,
        }
        change = Change(
            action="version_published",
            user=actor,
            layer=VERSIONS_TABLE,
            title=version.title,
            detail=f"{version.version_id} 公示：{first.isoformat()} 至 {last.isoformat()}",
        )
        return fields, change

    return _change_state(version_id, actor, store, step)


def finalize_version(version_id: str, *, actor: str, store: StoreTarget = None) -> Version:
    """Fix a version (定案), recorded for ``actor``: a 公示 version, or a 草稿 that corrects a
    published one (it names it in ``replaces``). From then on nothing in it changes.

    Raises
    ------
    DataValidationError
        For no actor, a draft that replaces nothing published (publish it first), a version
        already 定案 (:func:`locked_error`) or replaced by another, or no such version.
    """
    actor = checked_actor(actor)

    def step(version: Version, current: pd.DataFrame):
        newer = current.loc[current["replaces"] == version.version_id, "version_id"].tolist()
        if newer:
            raise DataValidationError.of(
                "publication.finalize_replaced",
                version=version.version_id,
                newer=listed(newer),
                last=newer[-1],
            )
        if version.state == DRAFT:
            replaced = current[current["version_id"] == version.replaces]
            if not version.replaces or not len(replaced) or replaced["state"].iloc[0] == DRAFT:
                raise DataValidationError.of("publication.finalize_draft", version=version.version_id)
        fields = {"state": FINAL, "finalized_at": _now(), "finalized_by": actor}
        replaced_text = f"，替换 {version.replaces}" if version.replaces else ""
        change = Change(
            action="version_finalized",
            user=actor,
            layer=VERSIONS_TABLE,
            title=version.title,
            detail=f"{version.version_id} 定案（锁定）{replaced_text}",
        )
        return fields, change

    return _change_state(version_id, actor, store, step)


def replaced_by(version: Version, *, store: StoreTarget = None) -> list[str]:
    """The ids of the versions that name ``version`` as the one they replace."""
    return [v.version_id for v in list_versions(store=store) if v.replaces == version.version_id]


def check_open(version: Version, *, store: StoreTarget = None) -> None:
    """Refuse to change what a version was decided on: a 定案 version (:func:`locked_error`), or
    one already evaluated again as a version that replaces it."""
    if version.locked:
        raise locked_error(version)
    newer = replaced_by(version, store=store)
    if newer:
        raise DataValidationError.of(
            "publication.version_reevaluated",
            version=version.version_id,
            newer=listed(newer),
            last=newer[-1],
        )
