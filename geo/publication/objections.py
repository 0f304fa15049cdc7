"""异议 (objections) to a published version: recorded during its window, answered by the department
that supplied the figure, decided (采纳 / 驳回) by an editor; the register as an XLSX workbook.

Two tables of the selected store (:mod:`geo.storage.tables`): ``atlas_eval_objections`` (one row per
objection) and ``atlas_eval_evidence`` (the evidence files, keyed by their SHA-256: written once,
never changed, shared by objections that attach the same file). Each step is one write under the
store's lock with its change-log row, for the ``actor`` the caller passes. Nothing about a 定案
version can be recorded or decided (:func:`geo.publication.versions.locked_error`).
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

import pandas as pd

from geo.catalogue import ENTERPRISE_COLUMNS, ZONE_COLUMNS
from geo.errors import DataValidationError
from geo.evaluation.metrics import ID_COL
from geo.evaluation.ratios import EMISSION_COLUMN
from geo.messages import both, joined, message
from geo.messages.formats import beijing_minute
from geo.number_formats import FORMATS, as_text, measure_of
from geo.publication.departments import department_code, department_name, load_departments
from geo.publication.exports import heading, table_xlsx_bytes
from geo.publication.inputs import LAND_COL, objectionable_columns
from geo.publication.versions import (
    KIND_LAND,
    PUBLISHED,
    StoreTarget,
    Version,
    check_open,
    checked_actor,
    get_version,
    version_results,
)
from geo.storage.audit import Change
from geo.storage.base import open_store
from geo.storage.changelog import actor_name
from geo.storage.tables import TableEdit, TableSpec

OBJECTIONS_TABLE = "atlas_eval_objections"
EVIDENCE_TABLE = "atlas_eval_evidence"
ACCEPTED, REJECTED = "accepted", "rejected"
DECISIONS = {ACCEPTED: "采纳", REJECTED: "驳回"}  # the Chinese words (the change log's); in words: message()
# The columns an objection may name, by key (a later list's column wins, as in geo.catalogue.FIELD_ZH).
COLUMNS_BY_KEY = {c.key: c for c in (*ZONE_COLUMNS, *ENTERPRISE_COLUMNS)}
# Evidence files are scans and letters: a few megabytes each, kept in the store itself (each saved
# objection reads the stored ones back), so bounded below a data upload (geo.ingest's 50 MB). The
# uploader applies this bound and says it.
MAX_EVIDENCE_MB = 5
MAX_EVIDENCE_BYTES = MAX_EVIDENCE_MB * 1024 * 1024
MAX_TEXT_CHARS = 500
# The window's dates are the county's own calendar days: China Standard Time, UTC+8 (no summer time),
# whatever time zone the server runs in.
CHINA_TZ = timezone(timedelta(hours=8), "CST")
# How a value's provenance is kept (in Chinese, as the change log): the key that words it by language.
_PROVENANCE_FORMS = {
    "publication.provenance.objection": re.compile(r"异议 (O\d+)"),
    "publication.provenance.land_list": re.compile(r"用地清单 (V\d+)"),
}

OBJECTION_SPEC = TableSpec(
    OBJECTIONS_TABLE,
    (
        "objection_id",
        "version_id",
        ID_COL,
        "ent_name",
        "indicator",
        "value_before",
        "value_claimed",
        "evidence_name",
        "evidence_sha256",
        "department",
        "department_answer",
        "decision",
        "decided_by",
        "decided_at",
        "recorded_by",
        "recorded_at",
        "answered_by",
        "answered_at",
        "decision_note",
    ),
    key="objection_id",
    description="公示期内登记的异议：企业、指标、申诉值、证据、核实部门及其答复（谁、何时记录）、"
    "决定及其理由、决定人",
)
EVIDENCE_SPEC = TableSpec(
    EVIDENCE_TABLE,
    ("sha256", "file_name", "size_bytes", "content_base64", "saved_by", "saved_at"),
    int_columns=frozenset({"size_bytes"}),
    key="sha256",
    description="异议的证据文件（按 SHA-256 保存，写入后不再改变）",
)
# The register's columns, in order, with their Chinese headers (times in Beijing time, as the
# change log shows them).
# What was disputed, by whom it is checked and what was decided come first, so that they are in view
# at 1280 px on the page (walk10 after obj8: 核实部门 was past the right edge); the file, who recorded
# what and when follow, for the record. The register workbook has the same order.
REGISTER_HEADERS = {
    "objection_id": "异议编号",
    "ent_name": "企业名称",
    "indicator_label": "异议指标",
    "value_before": "公示值",
    "value_claimed": "申诉值",
    "department": "核实部门",
    "decision_label": "决定",
    "department_answer": "部门答复",
    "decision_note": "决定理由",
    "version_id": "版本",
    ID_COL: "企业编号",
    "evidence_name": "证据文件",
    "evidence_sha256": "证据 SHA-256",
    "recorded_by": "登记人",
    "recorded_at": "登记时间",
    "answered_by": "答复记录人",
    "answered_at": "答复记录时间",
    "decided_by": "决定人",
    "decided_at": "决定时间",
}
TIME_COLUMNS = ("recorded_at", "answered_at", "decided_at")
# The same columns as an English register names them (the page's register table: pub.reg.*).
REGISTER_HEADERS_EN = {c: message(f"pub.reg.{c}", "en") for c in REGISTER_HEADERS}


@dataclass(frozen=True)
class Objection:
    """One objection as stored (``decision`` empty while undecided)."""

    objection_id: str
    version_id: str
    ent_id: str
    indicator: str
    value_before: float | None
    value_claimed: float
    decision: str
    department: str = ""  # the checking department's code (an older store: the name typed then)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def field_label(column: str, lang: str) -> str:
    """A column one may object to, named in ``lang``: the column catalogue's label with its unit
    (the pollutant equivalents by the evaluation's own label); its key if unknown."""
    found = COLUMNS_BY_KEY.get(column)
    if found is not None:
        return found.label(lang)
    if column == EMISSION_COLUMN:
        return message("evaluation.zone_metric_col.emission_equiv", lang)
    return column


def shown_value(column: str, value: object) -> str:
    """A version's value of ``column`` as the page shows it: its measure's format
    (:mod:`geo.number_formats`; 用电量 3446680.0 → ``3,446,680``, 用地 10.5 → ``10.50``), an amount
    the column does not name to two decimals unless whole; ``—`` when there is none."""
    number = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    if pd.isna(number):
        return "—"
    measure = measure_of(column)
    if measure is None:
        return f"{number:,.0f}" if float(number).is_integer() else f"{number:,.2f}"
    return as_text(number, measure)


def input_format(column: str) -> str:
    """The printf format of the box a claimed value of ``column`` is typed in: the decimals
    :func:`shown_value` shows the version's value in (税收 ``%.2f`` under 「该版本中的数值：83.90」,
    用电量 ``%.0f``), never ``45.5000`` under ``83.90`` (walk18 c4)."""
    measure = measure_of(column)
    decimals = FORMATS[measure].decimals if measure is not None else 2
    return f"%.{decimals}f"


def provenance_words(source: object, lang: str) -> str:
    """Where a version's value came from (as kept: ``异议 O1``, ``用地清单 V1``) in ``lang``
    (``objection O1``, ``land list V1``); any other text as it is."""
    text = str(source or "")
    for key, pattern in _PROVENANCE_FORMS.items():
        found = pattern.fullmatch(text.strip())
        if found:
            return message(key, lang, id=found.group(1))
    return text


def _choices(columns, lang: str) -> str:
    """The columns one may object to, each with its name: ``land_mu（用地面积（亩））、…``."""
    return joined(
        (message("publication.field_choice", lang, key=c, label=field_label(c, lang)) for c in columns), lang
    )


def _text(value: object, field: str, *, required: bool = False) -> str:
    """``value`` stripped; ``field`` names it in messages (``publication.field.*``)."""
    text = str(value or "").strip()
    what = both(f"publication.field.{field}")
    if required and not text:
        raise DataValidationError.of("publication.text_required", what=what)
    if len(text) > MAX_TEXT_CHARS:
        raise DataValidationError.of(
            "publication.text_too_long", what=what, n=len(text), max_chars=MAX_TEXT_CHARS
        )
    return text


def _claimed(value: object) -> float:
    if value is None or str(value).strip() == "":  # never 0 or "no change" by default
        raise DataValidationError.of("publication.claim_missing")
    try:
        number = float(str(value).replace(",", "").strip())
    except ValueError:
        raise DataValidationError.of("publication.claim_not_number", value=value) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise DataValidationError.of("publication.claim_not_finite", value=value)
    return number


def objections_frame(*, store: StoreTarget = None, version_id: str | None = None) -> pd.DataFrame:
    """The objections (of one version when ``version_id`` is given) in the order recorded."""
    rows = open_store(store).read_shared(OBJECTION_SPEC)
    if version_id:
        rows = rows[rows["version_id"] == str(version_id).strip().upper()].reset_index(drop=True)
    return rows


def _objection(row: pd.Series) -> Objection:
    before = str(row["value_before"]).strip()
    return Objection(
        objection_id=str(row["objection_id"]),
        version_id=str(row["version_id"]),
        ent_id=str(row[ID_COL]),
        indicator=str(row["indicator"]),
        value_before=float(before) if before else None,
        value_claimed=float(row["value_claimed"]),
        decision=str(row["decision"]),
        department=str(row.get("department") or ""),
    )


def accepted_objections(version_id: str, *, store: StoreTarget = None) -> list[Objection]:
    """The accepted (采纳) objections to a version, in the order recorded."""
    rows = objections_frame(store=store, version_id=version_id)
    return [_objection(r) for _, r in rows.iterrows() if r["decision"] == ACCEPTED]


def _in_window(version: Version, today: date, store: StoreTarget) -> None:
    check_open(version, store=store)
    if version.state != PUBLISHED:
        raise DataValidationError.of(
            "publication.objection_not_published",
            version=version.version_id,
            state=both(f"publication.state.{version.state}"),
        )
    start, end = date.fromisoformat(version.window_start), date.fromisoformat(version.window_end)
    if not start <= today <= end:
        raise DataValidationError.of(
            "publication.objection_outside_window",
            today=today.isoformat(),
            version=version.version_id,
            start=version.window_start,
            end=version.window_end,
        )


def record_objection(
    version_id: str,
    *,
    ent_id: str,
    indicator: str,
    value_claimed: float | str,
    evidence_name: str,
    evidence: bytes,
    actor: str,
    department: str = "",
    department_answer: str = "",
    today: date | None = None,
    store: StoreTarget = None,
) -> Objection:
    """Record an objection to a 公示 version during its window, with its evidence file (kept in
    the store), recorded for ``actor``; returns it (numbered ``O1``, ``O2``, … in the store).

    ``indicator`` is an input column of the column catalogue (e.g. ``tax_wan_yuan``); the version's
    value is kept beside the claimed one. ``department`` (a code of geo/publication/departments.yaml
    such as ``land``, or one of its names) is stored as its code; left empty it is the department
    that supplied the indicator (``land_mu`` → ``land``, ``tax_wan_yuan`` → ``tax``).
    ``today`` defaults to today's date in China (UTC+8, :data:`CHINA_TZ`), whatever time zone the
    server runs in.

    Raises
    ------
    DataValidationError
        Outside the window, for a version not published or 定案, an enterprise not in the version,
        an indicator that is not an input column, a claimed value that is not a number, evidence
        that is empty or over :data:`MAX_EVIDENCE_BYTES`, a department not configured, or no actor.
    """
    actor = checked_actor(actor)
    target = open_store(store)
    version = get_version(version_id, store=target)
    _in_window(version, today or datetime.now(CHINA_TZ).date(), target)
    allowed = (LAND_COL,) if version.kind == KIND_LAND else objectionable_columns()
    if indicator not in allowed:
        raise DataValidationError.of(
            "publication.indicator_not_objectionable",
            indicator=indicator,
            choices={lang: _choices(allowed, lang) for lang in ("zh", "en")},
        )
    claimed = _claimed(value_claimed)
    department = department_code(_text(department, "department"), indicator=indicator)
    answer = _text(department_answer, "department_answer")
    name = _text(evidence_name, "evidence_name", required=True)
    if not evidence:
        raise DataValidationError.of("publication.evidence_missing")
    if len(evidence) > MAX_EVIDENCE_BYTES:
        raise DataValidationError.of(
            "publication.evidence_too_large",
            size_mb=len(evidence) / 1024 / 1024,
            max_mb=MAX_EVIDENCE_MB,
        )
    results = version_results(version, store=target)
    hit = results[results[ID_COL].astype(str) == str(ent_id).strip()]
    if not len(hit):
        raise DataValidationError.of(
            "publication.enterprise_not_in_version", version=version.version_id, ent_id=ent_id
        )
    before = hit["inputs"].iloc[0].get(indicator)
    digest = hashlib.sha256(evidence).hexdigest()

    def save_evidence(current: pd.DataFrame) -> TableEdit:
        if (current["sha256"] == digest).any():
            return TableEdit()  # the same file is kept already
        row = {
            "sha256": digest,
            "file_name": name,
            "size_bytes": len(evidence),
            "content_base64": base64.b64encode(evidence).decode("ascii"),
            "saved_by": actor,
            "saved_at": _now(),
        }
        change = Change(
            action="evidence_saved",
            user=actor,
            layer=EVIDENCE_TABLE,
            title=name,
            file_name=name,
            sha256=digest,
        )
        return TableEdit(rows=(row,), change=change)

    target.edit_rows(EVIDENCE_SPEC, save_evidence)

    def save_objection(current: pd.DataFrame) -> TableEdit:
        twin = current[
            (current["version_id"] == version.version_id)
            & (current[ID_COL] == str(hit[ID_COL].iloc[0]))
            & (current["indicator"] == indicator)
            & (current["value_claimed"].map(_number) == claimed)
        ]
        if len(twin):
            raise DataValidationError.of(
                "publication.objection_twice",
                objection=str(twin["objection_id"].iloc[0]),
                ent_id=str(hit[ID_COL].iloc[0]),
                indicator={lang: field_label(indicator, lang) for lang in ("zh", "en")},
                value=f"{claimed:g}",
            )
        numbers = [int(v[1:]) for v in current["objection_id"] if str(v)[1:].isdigit()]
        objection_id = f"O{max(numbers, default=0) + 1}"
        stamp = _now()
        row = {
            "objection_id": objection_id,
            "version_id": version.version_id,
            ID_COL: str(hit[ID_COL].iloc[0]),
            "ent_name": str(hit["name"].iloc[0]),
            "indicator": indicator,
            "value_before": "" if before is None else repr(float(before)),
            "value_claimed": repr(claimed),
            "evidence_name": name,
            "evidence_sha256": digest,
            "department": department,
            "department_answer": answer,
            "answered_by": actor if answer else "",
            "answered_at": stamp if answer else "",
            "decision": "",
            "decision_note": "",
            "decided_by": "",
            "decided_at": "",
            "recorded_by": actor,
            "recorded_at": stamp,
        }
        change = Change(
            action="objection_recorded",
            user=actor,
            layer=OBJECTIONS_TABLE,
            title=f"{objection_id} {row[ID_COL]}",
            file_name=name,
            sha256=digest,
            detail=f"{version.version_id}：{field_label(indicator, 'zh')} {before} → {claimed:g}，"
            f"请{department_name(department, 'zh')}核实" + (f"；部门答复：{answer}" if answer else ""),
        )
        return TableEdit(rows=(row,), change=change, result=row)

    done = target.edit_rows(OBJECTION_SPEC, save_objection)
    return _objection(pd.Series(done.result))


def _number(text: object) -> float:
    try:
        return float(str(text).strip())
    except ValueError:
        return float("nan")


def _open_objection(objection_id: str, target) -> str:
    """The objection's id as stored; refuses an unknown one, or one whose version no longer changes."""
    wanted = str(objection_id or "").strip().upper()
    found = objections_frame(store=target)
    hit = found[found["objection_id"] == wanted]
    if not len(hit):
        raise DataValidationError.of("publication.no_such_objection", objection=objection_id)
    check_open(get_version(hit["version_id"].iloc[0], store=target), store=target)
    return wanted


def _undecided(row: dict, wanted: str) -> None:
    if row["decision"]:
        raise DataValidationError.of(
            "publication.objection_decided",
            objection=wanted,
            at=row["decided_at"],
            by=row["decided_by"],
            decision=both(f"publication.decision.{row['decision']}"),
        )


def answer_objection(objection_id: str, *, answer: str, actor: str, store: StoreTarget = None) -> Objection:
    """Record the verifying department's answer (核实) to an undecided objection, with who recorded
    it and when; a step of its own, before the decision. Returns the objection.

    Raises
    ------
    DataValidationError
        For no answer or one too long, an objection unknown, decided, or answered already with
        other words, its version 定案 or evaluated again, or no actor.
    """
    actor = checked_actor(actor)
    answer = _text(answer, "final_answer", required=True)
    target = open_store(store)
    wanted = _open_objection(objection_id, target)

    def edit(current: pd.DataFrame) -> TableEdit:
        row = current[current["objection_id"] == wanted].iloc[0].to_dict()
        _undecided(row, wanted)
        if row["department_answer"]:
            if row["department_answer"] == answer:
                return TableEdit(result=row)  # the same answer is recorded already
            raise DataValidationError.of(
                "publication.answer_recorded",
                objection=wanted,
                answer=row["department_answer"],
                by=row["answered_by"] or row["recorded_by"],
            )
        row.update(department_answer=answer, answered_by=actor, answered_at=_now())
        change = Change(
            action="objection_answered",
            user=actor,
            layer=OBJECTIONS_TABLE,
            title=f"{wanted} {row[ID_COL]}",
            detail=f"{row['version_id']}：{department_name(row['department'], 'zh')}答复：{answer}",
        )
        return TableEdit(rows=(row,), change=change, result=row)

    done = target.edit_rows(OBJECTION_SPEC, edit)
    return _objection(pd.Series(done.result))


def decide_objection(
    objection_id: str,
    *,
    decision: str,
    actor: str,
    reason: str = "",
    answer: str = "",
    store: StoreTarget = None,
) -> Objection:
    """Decide an objection (``accepted`` 采纳 / ``rejected`` 驳回) on the department's answer,
    with the decision's ``reason``, recorded for ``actor`` with the time; returns it.

    The department's answer is its own field and step (:func:`answer_objection`): an ``answer``
    given here is recorded first as that step when none is recorded yet; the decision never
    overwrites it.

    Raises
    ------
    DataValidationError
        For an unknown decision, no department's answer (recorded or given), an objection
        already decided or unknown, its version 定案, or no actor.
    """
    actor = checked_actor(actor)
    if decision not in DECISIONS:
        raise DataValidationError.of("publication.unknown_decision", decision=decision)
    reason = _text(reason, "decision_note")
    answer = _text(answer, "final_answer")
    target = open_store(store)
    wanted = _open_objection(objection_id, target)
    if answer:
        answer_objection(wanted, answer=answer, actor=actor, store=target)

    def edit(current: pd.DataFrame) -> TableEdit:
        row = current[current["objection_id"] == wanted].iloc[0].to_dict()
        _undecided(row, wanted)
        if not row["department_answer"]:
            raise DataValidationError.of("publication.answer_missing", objection=wanted)
        row.update(decision=decision, decision_note=reason, decided_by=actor, decided_at=_now())
        change = Change(
            action="objection_decided",
            user=actor,
            layer=OBJECTIONS_TABLE,
            title=f"{wanted} {row[ID_COL]}",
            detail=f"{row['version_id']}：{DECISIONS[decision]}" + (f"；理由：{reason}" if reason else ""),
        )
        return TableEdit(rows=(row,), change=change, result=row)

    done = target.edit_rows(OBJECTION_SPEC, edit)
    return _objection(pd.Series(done.result))


def evidence_file(sha256: str, *, store: StoreTarget = None) -> tuple[str, bytes]:
    """The evidence file kept under ``sha256``: its name and bytes.

    Raises
    ------
    DataValidationError
        When no evidence with that digest is kept.
    """
    rows = open_store(store).read_shared(EVIDENCE_SPEC)
    hit = rows[rows["sha256"] == str(sha256).strip().lower()]
    if not len(hit):
        raise DataValidationError.of("publication.no_such_evidence", digest=sha256[:12])
    return str(hit["file_name"].iloc[0]), base64.b64decode(hit["content_base64"].iloc[0])


def register_objections(version: Version, *, store: StoreTarget = None) -> pd.DataFrame:
    """The objections a version answers: its own and those of every version it replaces (the
    published version a corrected draft was evaluated from, and so on back), oldest first; the
    ``version_id`` column says which version each was made to."""
    target = open_store(store)
    chain = [version.version_id]
    seen = {version.version_id}
    current = version
    while current.replaces and current.replaces not in seen:
        current = get_version(current.replaces, store=target)
        chain.append(current.version_id)
        seen.add(current.version_id)
    rows = objections_frame(store=target)
    return rows[rows["version_id"].isin(chain)].reset_index(drop=True)


def register_table(objections: pd.DataFrame, *, lang: str = "zh", shown: bool = False) -> pd.DataFrame:
    """The register for people: the columns of :data:`REGISTER_HEADERS` (:data:`REGISTER_HEADERS_EN`
    in English), indicator, department and decision in words of ``lang``, values as numbers (``shown``:
    as the page shows them, each in its indicator's format, :func:`shown_value`), times in Beijing
    time (``2026-12-06 07:53 北京时间``) as the change log shows them; an answer kept without who
    recorded it and when (an older store) says ``未记录`` / ``not recorded`` there."""
    out = objections.copy()
    for col in OBJECTION_SPEC.columns:  # (a register read before a column was added: blank)
        if col not in out:
            out[col] = ""
    out["indicator_label"] = out["indicator"].map(lambda c: field_label(c, lang))
    # stored as a code (an older store: the name typed then): named in ``lang``, unknown text as it is
    table = load_departments()
    out["department"] = out["department"].map(lambda d: table.name(d, lang))
    decisions = {d: message(f"publication.decision.{d}", lang) for d in DECISIONS}
    pending = message("publication.decision.pending", lang)
    out["decision_label"] = out["decision"].map(lambda d: decisions.get(d, pending))
    for col in ("value_before", "value_claimed"):
        out[col] = pd.to_numeric(out[col], errors="coerce")
        if shown:  # one format per measure, as the value in the form and the pending select
            out[col] = [shown_value(c, v) for c, v in zip(out["indicator"], out[col], strict=True)]
    for col in TIME_COLUMNS:
        out[col] = out[col].map(lambda stamp: beijing_minute(stamp, lang) if stamp else "")
    for col in ("decided_by", "recorded_by", "answered_by"):  # 单用户模式 in English; a name as stored
        out[col] = out[col].map(lambda who: actor_name(who, lang) if who else "")
    # an answer kept before who and when were recorded with it (older stores): said, not left empty
    answered = out["department_answer"].fillna("").astype(str).str.strip() != ""
    unknown = message("publication.not_recorded", lang)
    for col in ("answered_by", "answered_at"):
        out[col] = out[col].where(~answered | (out[col].fillna("") != ""), unknown)
    headers = REGISTER_HEADERS_EN if lang == "en" else REGISTER_HEADERS
    return out[list(headers)].rename(columns=headers)


def register_xlsx_bytes(
    objections: pd.DataFrame, *, version: Version, lang: str = "zh", title: str | None = None
) -> bytes:
    """The objection register of ``version`` as an XLSX workbook in ``lang``: a heading naming the
    version and its state (and its ``title`` as the page shows it, default as given), then one row
    per objection; text cells are never formulas (:func:`geo.publication.exports.table_xlsx_bytes`)."""
    return table_xlsx_bytes(
        register_table(objections, lang=lang),
        title=heading(version, message("publication.register_title", lang), lang, title=title),
        sheet=message("publication.register_sheet", lang),
    )
