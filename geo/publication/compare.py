"""Two versions side by side: who changed class, by how much each score moved, which input values
changed (and where the new value came from)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from geo.catalogue import FIELD_ZH
from geo.evaluation import CLASSES
from geo.evaluation.metrics import ID_COL
from geo.messages import Lang
from geo.publication.objections import field_label, objections_frame, provenance_words, shown_value
from geo.publication.results import version_benchmarks
from geo.publication.versions import StoreTarget, get_version, version_results
from geo.storage.base import open_store

COMPARE_COLUMNS = (
    ID_COL,
    "name",
    "class_before",
    "class_after",
    "class_changed",
    "score_before",
    "score_after",
    "score_change",
    "rank_before",
    "rank_after",
    "changed_inputs",
)


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    return a == b


def input_text(value: object) -> str:
    """An input value as the comparison writes it: ``10``, ``2.28``, ``3,446,680`` (never ``3.44668e+06``)."""
    if value is None:
        return "—"
    if not isinstance(value, float) or math.isnan(value):
        return str(value)
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _value_text(column: str, value: object) -> str:
    """An input value as the page, the register and the 公示 workbook write it: a number in its
    measure's format (税收 699.5 → ``699.50``, :func:`geo.publication.objections.shown_value`), any
    other value (a text input) by :func:`input_text`."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return shown_value(column, value)
    return input_text(value)


def _changed_inputs(before: dict, after: dict, provenance: dict, lang: Lang = "zh") -> str:
    """``税收（万元）：10.00 → 25.00（异议 O1）``, one part per input that differs, in ``lang`` (``Tax
    (10k yuan): 10.00 → 25.00 (objection O1)``)."""
    parts = []
    for col in sorted(set(before) | set(after)):
        old, new = before.get(col), after.get(col)
        if _same(old, new):
            continue
        moved = f"{_value_text(col, old)} → {_value_text(col, new)}"
        if lang == "en":
            source = f" ({provenance_words(provenance[col], lang)})" if col in provenance else ""
            parts.append(f"{field_label(col, lang)}: {moved}{source}")
        else:
            source = f"（{provenance[col]}）" if col in provenance else ""
            parts.append(f"{FIELD_ZH.get(col, col)}：{moved}{source}")
    return ("; " if lang == "en" else "；").join(parts)


def compare_versions(
    before_id: str,
    after_id: str,
    *,
    store: StoreTarget = None,
    only_changed: bool = True,
    lang: Lang = "zh",
) -> pd.DataFrame:
    """Compare two versions, enterprise by enterprise (:data:`COMPARE_COLUMNS`).

    ``score_change`` is after − before (NaN when either is not scored); ``class_changed`` is true
    when the class differs; ``changed_inputs`` lists each input value that differs as
    ``指标：旧 → 新（来源）``. Enterprises in only one version appear with the other side blank.
    With ``only_changed`` (default) only rows where class, score, rank or an input differ are kept.
    ``changed_inputs`` is written in ``lang`` (the inputs and their sources named in English for
    ``"en"``).

    Raises
    ------
    DataValidationError
        When either version does not exist.
    """
    target = open_store(store)
    # rows as plain dicts by enterprise: a lookup per enterprise, not a pandas row (17,063 rows:
    # seconds instead of tens of seconds)
    a = version_results(get_version(before_id, store=target), store=target).set_index(ID_COL)
    b = version_results(get_version(after_id, store=target), store=target).set_index(ID_COL)
    rows_a, rows_b = a.to_dict("index"), b.to_dict("index")
    ids = list(a.index) + [i for i in b.index if i not in rows_a]
    rows = []
    for ent in ids:
        ra, rb = rows_a.get(ent), rows_b.get(ent)
        score_a = float(ra["score"]) if ra is not None else math.nan
        score_b = float(rb["score"]) if rb is not None else math.nan
        class_a = str(ra["eval_class"]) if ra is not None else ""
        class_b = str(rb["eval_class"]) if rb is not None else ""
        changed = _changed_inputs(
            ra["inputs"] if ra is not None else {},
            rb["inputs"] if rb is not None else {},
            rb["provenance"] if rb is not None else {},
            lang,
        )
        rows.append(
            {
                ID_COL: ent,
                "name": str((rb if rb is not None else ra)["name"]),
                "class_before": class_a,
                "class_after": class_b,
                "class_changed": class_a != class_b,
                "score_before": score_a,
                "score_after": score_b,
                "score_change": score_b - score_a,
                "rank_before": ra["rank"] if ra is not None else pd.NA,
                "rank_after": rb["rank"] if rb is not None else pd.NA,
                "changed_inputs": changed,
            }
        )
    out = pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))
    out["rank_before"] = out["rank_before"].astype("Int64")
    out["rank_after"] = out["rank_after"].astype("Int64")
    if only_changed:
        moved = out["score_change"].fillna(0).abs() > 1e-9
        ranked = out["rank_before"].fillna(-1) != out["rank_after"].fillna(-1)
        keep = out["class_changed"] | moved | ranked | (out["changed_inputs"] != "")
        keep |= out["score_before"].isna() != out["score_after"].isna()
        out = out[keep].reset_index(drop=True)
    return out


@dataclass(frozen=True)
class BenchmarkMove:
    """A benchmark that differs between two versions: the indicator (a ratio key such as
    ``tax_per_mu_wan_yuan``), the size groups it moved in (empty: every group alike), its values."""

    indicator: str
    groups: tuple[str, ...]
    before: float
    after: float


def _weighted(config: dict) -> set[str]:
    """The indicators a configuration gives a weight (in a size group or an evaluation group): only
    their benchmarks move scores."""
    tables = [w for w in (config.get("weights") or {}).values() if isinstance(w, dict)]
    tables += [g.get("weights") for g in config.get("groups") or [] if isinstance(g, dict)]
    return {k for w in tables if isinstance(w, dict) for k, v in w.items() if v and float(v) > 0}


def benchmark_moves(before_id: str, after_id: str, *, store: StoreTarget = None) -> list[BenchmarkMove]:
    """The benchmarks that moved from one evaluation version to the other (a benchmark is a multiple
    of the area's mean, so one accepted objection moves it, and with it every scored enterprise's
    score), in the order of the indicators, for the indicators the later version weights; one entry
    per indicator when it moved alike in every group, else one per group. Versions without
    benchmarks (land lists) give none.

    Raises
    ------
    DataValidationError
        When either version does not exist.
    """
    target = open_store(store)
    later = get_version(after_id, store=target)
    a = version_benchmarks(get_version(before_id, store=target), store=target)
    b = version_benchmarks(later, store=target)
    groups = [g for g in a if g in b]
    weighted = _weighted(later.config)
    indicators = [
        k
        for k in dict.fromkeys(k for g in groups for k in a[g] if k in b[g])
        if not weighted or k in weighted
    ]
    out = []
    for key in indicators:
        pairs = {g: (a[g][key], b[g][key]) for g in groups if key in a[g] and key in b[g]}
        moved = {g: p for g, p in pairs.items() if not math.isclose(p[0], p[1], rel_tol=1e-12, abs_tol=0)}
        if not moved:
            continue
        if len(set(moved.values())) == 1 and len(moved) == len(pairs):
            first, last = next(iter(moved.values()))
            out.append(BenchmarkMove(key, (), first, last))
            continue
        out.extend(BenchmarkMove(key, (g,), p[0], p[1]) for g, p in moved.items())
    return out


@dataclass(frozen=True)
class ClassChange:
    """An enterprise whose class differs between two versions: ``own`` when an input value of its own
    changed (its objection accepted), else its class moved only because the benchmarks moved with
    another's corrected values; ``objected`` when it filed an objection to the earlier version;
    ``down`` when the later class is worse (A → D order)."""

    ent_id: str
    name: str
    before: str
    after: str
    own: bool
    objected: bool

    @property
    def down(self) -> bool:
        return (
            self.before in CLASSES
            and self.after in CLASSES
            and CLASSES.index(self.after) > CLASSES.index(self.before)
        )


def class_changes(table: pd.DataFrame, before_id: str, *, store: StoreTarget = None) -> list[ClassChange]:
    """The enterprises whose class changed in ``table`` (:func:`compare_versions` of ``before_id`` and
    a later version), in the table's order: those whose own values did not change first (walk 19:
    one firm's accepted land objection raised the benchmarks and moved a firm that filed nothing from
    C to D; under the 公示 → 异议 → 定案 cycle it has not been heard), then the others."""
    moved = table[table["class_changed"]] if len(table) else table
    if not len(moved):
        return []
    filed = set(objections_frame(store=store, version_id=before_id)[ID_COL].astype(str))
    found = [
        ClassChange(str(ent), str(name), str(a), str(b), bool(inputs), str(ent) in filed)
        for ent, name, a, b, inputs in zip(
            moved[ID_COL],
            moved["name"],
            moved["class_before"],
            moved["class_after"],
            moved["changed_inputs"],
            strict=True,
        )
    ]
    return [c for c in found if not c.own] + [c for c in found if c.own]
