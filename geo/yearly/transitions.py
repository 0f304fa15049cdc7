"""The yearly 亩均 cycle: one year compared with the previous one — class transitions (NEW/GONE/T),
movers and the indicators that moved them, early warnings (预警), what each class pays, trends,
and one enterprise's own years (企业画像). What each class pays lives in ``geo/yearly/surcharges.py``
(re-exported here).

Every function takes evaluated frames (``geo.evaluation.evaluate(...).enterprises``) and returns
new frames; none modifies its input. Rules (warnings, surcharges) are the evaluation
configuration's (``geo/evaluation/evaluation.yaml``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from geo.errors import DataValidationError
from geo.evaluation import (
    CLASS_COL,
    CLASSES,
    CLASSES_T,
    SIZE_COL,
    SIZE_GROUPS,
    T_CLASS,
    YEAR_COL,
    EvaluationConfig,
    EvaluationResult,
    WarningRule,
    classes_with_t,
    evaluate,
)
from geo.evaluation.metrics import ID_COL, RATIOS_BY_KEY, UNIT_EN, ZONE_COL, ratio_label
from geo.messages import joined, listed, message
from geo.messages.evaluation_words import YEARLY_COLUMNS
from geo.yearly.notice_words import size_name
from geo.yearly.surcharges import class_rates_text, surcharge_labels, surcharge_totals, surcharges

NEW = "NEW"  # entrant: not in last year's table
GONE = "GONE"  # leaver: in last year's table, not in this year's
FROM_CLASSES: tuple[str, ...] = (NEW, *CLASSES_T)
TO_CLASSES: tuple[str, ...] = (*CLASSES_T, GONE)
_RANK = {c: i for i, c in enumerate(CLASSES)}  # A = 0 (best) .. D = 3

CHANGE_UP, CHANGE_DOWN, CHANGE_SAME = "上升", "下降", "不变"
CHANGE_NEW, CHANGE_GONE, CHANGE_T = "新进入", "退出", "涉及 T 类"
CHANGE_EN = {
    CHANGE_UP: "up",
    CHANGE_DOWN: "down",
    CHANGE_SAME: "same",
    CHANGE_NEW: "entrant",
    CHANGE_GONE: "leaver",
    CHANGE_T: "to/from T",
}
_KEEP = ("name", "industry", ZONE_COL, SIZE_COL)


# --------------------------------------------------------------------------- inputs


def published_classes(frame: pd.DataFrame, *, id_col: str = ID_COL) -> pd.DataFrame:
    """A previous year's classes as published (e.g. an ``enterprise_classes`` output), normalised
    to ``ent_id``, ``eval_class`` (A/B/C/D/T; an empty class counts as T) and ``land_mu``.

    Raises
    ------
    DataValidationError
        When the id or class column is missing, ids repeat, or a class is not A/B/C/D/T.
    """
    for col in (id_col, CLASS_COL):
        if col not in frame.columns:
            raise DataValidationError.of("yearly.previous_lacks_column", column=col)
    ids = frame[id_col].astype(str)
    if ids.duplicated().any():
        dup = listed(pd.unique(ids[ids.duplicated()])[:5])
        raise DataValidationError.of("yearly.previous_duplicate_ids", ids=dup)
    cls = frame[CLASS_COL].astype(object)
    cls = cls.where(cls.notna() & (cls.astype(str).str.strip() != ""), T_CLASS).astype(str).str.strip()
    bad = ~cls.isin(CLASSES_T)
    if bad.any():
        raise DataValidationError.of("yearly.previous_bad_class", classes=listed(pd.unique(cls[bad])[:5]))
    out = pd.DataFrame({id_col: ids.to_numpy(), CLASS_COL: cls.to_numpy()})
    out["scored"] = out[CLASS_COL] != T_CLASS
    out["land_mu"] = (
        pd.to_numeric(frame["land_mu"], errors="coerce").to_numpy() if "land_mu" in frame else np.nan
    )
    for col in (*_KEEP, "score"):
        if col in frame.columns:
            out[col] = frame[col].to_numpy()
    return out


def evaluate_years(
    tables: Mapping[int, pd.DataFrame],
    *,
    config: EvaluationConfig | None = None,
    zone: Mapping[int, pd.Series] | str | None = None,
) -> dict[int, EvaluationResult]:
    """Evaluate each year's table with the same rules; ``zone`` a column name or per-year Series."""
    out = {}
    for year in sorted(tables):
        z = zone.get(year) if isinstance(zone, Mapping) else zone
        out[year] = evaluate(tables[year], config=config, zone=z, year=year)
    return out


def split_years(table: pd.DataFrame, *, year_col: str = YEAR_COL) -> dict[int, pd.DataFrame]:
    """One table with a year column as ``{year: rows of that year}`` (index kept).

    Raises
    ------
    DataValidationError
        When the year column is missing or holds something other than whole years.
    """
    if year_col not in table.columns:
        raise DataValidationError.of("yearly.no_year_column", column=year_col)
    years = pd.to_numeric(table[year_col], errors="coerce")
    if years.isna().any() or not (years == years.round()).all():
        raise DataValidationError.of("yearly.bad_years", column=year_col)
    years = years.astype("int64")
    return {int(y): table[years == y] for y in sorted(years.unique())}


# --------------------------------------------------------------------------- transitions


def _classes(frame: pd.DataFrame) -> pd.Series:
    """A/B/C/D/T of an evaluated frame (T when not scored), or of published classes as given."""
    if "scored" in frame.columns and pd.api.types.is_bool_dtype(frame["scored"]):
        return classes_with_t(frame).astype(object)
    cls = frame[CLASS_COL].astype(object)
    return cls.where(cls.notna(), T_CLASS)


def class_changes(previous: pd.DataFrame, current: pd.DataFrame, *, id_col: str = ID_COL) -> pd.DataFrame:
    """Every enterprise of either year with its class last year and this year, and why it moved.

    ``from_class`` is ``NEW`` for an entrant, ``to_class`` ``GONE`` for a leaver; ``T`` is 不参评.
    ``steps`` is the number of classes moved (positive up, A is best; NaN when T/NEW/GONE is
    involved), ``change`` one of 上升/下降/不变/新进入/退出/涉及 T 类. ``land_mu`` is this year's land
    (last year's for a leaver). For movers between A–D, ``moved_by`` names the (at most two)
    indicators whose points changed most in the direction of the move, with both years' values,
    and ``score_change`` the change of score; both are empty when last year's classes were
    published ones without points.
    """
    for frame, which in ((previous, "previous"), (current, "current")):
        if id_col not in frame.columns or CLASS_COL not in frame.columns:
            key = f"yearly.{which}_not_evaluated"  # yearly.previous_… / yearly.current_not_evaluated
            raise DataValidationError.of(key, id_column=id_col, class_column=CLASS_COL)
    prev_ids = pd.Index(previous[id_col].astype(str).array)
    curr_ids = pd.Index(current[id_col].astype(str).array)
    for ids, which in ((prev_ids, "previous"), (curr_ids, "current")):
        if not ids.is_unique:
            dup = listed(ids[ids.duplicated()].unique()[:5])
            key = f"yearly.{which}_table_duplicate_ids"  # yearly.previous_… / yearly.current_…
            raise DataValidationError.of(key, ids=dup)
    # Rows: this year's enterprises in their order, then last year's leavers in theirs.
    from_pos = prev_ids.get_indexer(curr_ids)  # -1: entrant
    gone_pos = np.flatnonzero(curr_ids.get_indexer(prev_ids) < 0)
    n_curr, n_gone = len(curr_ids), gone_pos.size
    p_pos = np.concatenate([from_pos, gone_pos])  # position in previous, -1 = none
    c_pos = np.concatenate([np.arange(n_curr), np.full(n_gone, -1)])  # position in current, -1 = none
    new = p_pos < 0
    gone = c_pos < 0

    def _take(frame: pd.DataFrame, col: str, pos: np.ndarray):
        return frame[col].array.take(pos, allow_fill=True)

    def _both(col: str):
        """This year's value, last year's for a leaver."""
        values = pd.Series(_take(current, col, c_pos)) if col in current.columns else None
        if col in previous.columns:
            before = pd.Series(_take(previous, col, p_pos))
            values = (
                before
                if values is None
                else values.where(~gone, before.astype(values.dtype, errors="ignore"))
            )
        return values

    prev_cls = _classes(previous).to_numpy(dtype=object)
    curr_cls = _classes(current).to_numpy(dtype=object)
    out = pd.DataFrame(
        {id_col: np.concatenate([curr_ids.to_numpy(dtype=object), prev_ids.to_numpy(dtype=object)[gone_pos]])}
    )
    for col in _KEEP:
        values = _both(col)
        if values is not None:
            out[col] = values.to_numpy(dtype=object)
    out["from_class"] = np.where(new, NEW, prev_cls[np.maximum(p_pos, 0)])
    out["to_class"] = np.where(gone, GONE, curr_cls[np.maximum(c_pos, 0)])
    land_curr = np.where(gone, np.nan, current["land_mu"].to_numpy(dtype="float64")[np.maximum(c_pos, 0)])
    land_prev = (
        previous["land_mu"].to_numpy(dtype="float64")[np.maximum(p_pos, 0)]
        if "land_mu" in previous.columns
        else np.full(len(out), np.nan)
    )
    out["land_mu"] = np.where(gone, land_prev, land_curr)
    if SIZE_COL in previous.columns:
        size_prev = pd.Series(_take(previous, SIZE_COL, p_pos)).to_numpy(dtype=object)
        out["size_class_prev"] = size_prev

    def _num(frame: pd.DataFrame, col: str, pos: np.ndarray) -> np.ndarray:
        values = frame[col].to_numpy(dtype="float64")[np.maximum(pos, 0)]
        values[pos < 0] = np.nan
        return values

    has_score = "score" in previous.columns and "score" in current.columns
    if has_score:
        out["score_prev"] = _num(previous, "score", p_pos)
        out["score"] = _num(current, "score", c_pos)
    pts = [c for c in current.columns if c.startswith("pts_") and c in previous.columns]
    ratio_keys = [c[4:] for c in pts if c[4:] in current.columns and c[4:] in previous.columns]
    for key in ratio_keys:
        out[f"{key}_prev"] = _num(previous, key, p_pos)
        out[key] = _num(current, key, c_pos)
        out[f"pts_{key}_prev"] = _num(previous, f"pts_{key}", p_pos)
        out[f"pts_{key}"] = _num(current, f"pts_{key}", c_pos)

    f_rank = pd.Series(out["from_class"]).map(_RANK).to_numpy(dtype="float64")
    t_rank = pd.Series(out["to_class"]).map(_RANK).to_numpy(dtype="float64")
    steps = f_rank - t_rank  # positive: moved up
    out["steps"] = pd.array(steps, dtype="Float64").round().astype("Int64")  # whole classes, blank for T
    out["change"] = np.select(
        [new, gone, np.isnan(steps), steps > 0, steps < 0],
        [CHANGE_NEW, CHANGE_GONE, CHANGE_T, CHANGE_UP, CHANGE_DOWN],
        CHANGE_SAME,
    )
    if has_score:
        out["score_change"] = out["score"] - out["score_prev"]
    moved, moved_en = _moved_by(out, ratio_keys, steps)
    if SIZE_COL in out.columns and "size_class_prev" in out.columns:
        switched = (out["size_class_prev"].astype(object) != out[SIZE_COL].astype(object)).to_numpy() & (
            np.isfinite(steps) & (steps != 0)
        )
        rows = np.flatnonzero(switched)
        before = out["size_class_prev"].to_numpy(dtype=object)[rows].astype(str)
        after = out[SIZE_COL].to_numpy(dtype=object)[rows].astype(str)
        moved[rows] = np.char.add(np.char.add(np.char.add("规模 ", before), "→"), after).astype(object) + (
            np.where(moved[rows] == "", "", "；") + moved[rows]
        )
        size_en = {g: size_name(g, "en") for g in SIZE_GROUPS}
        before_en = np.array([size_en.get(v, v) for v in before], dtype=object)
        after_en = np.array([size_en.get(v, v) for v in after], dtype=object)
        moved_en[rows] = (
            "size " + before_en + "→" + after_en + np.where(moved_en[rows] == "", "", "; ") + moved_en[rows]
        )
    out["moved_by"] = moved
    out["moved_by_en"] = moved_en
    return out


def _moved_by(out: pd.DataFrame, keys: Sequence[str], steps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per mover: the ≤ 2 indicators whose points changed most in the direction of its move
    (Chinese and English)."""
    text = np.full(len(out), "", dtype=object)
    text_en = np.full(len(out), "", dtype=object)
    movers = np.flatnonzero(np.isfinite(steps) & (steps != 0))
    if not keys or movers.size == 0:
        return text, text_en
    sign = np.sign(steps[movers])
    delta = np.column_stack(
        [
            np.nan_to_num(out[f"pts_{k}"].to_numpy()[movers])
            - np.nan_to_num(out[f"pts_{k}_prev"].to_numpy()[movers])
            for k in keys
        ]
    )
    signed = delta * sign[:, None]
    order = np.argsort(-signed, axis=1, kind="stable")[:, :2]
    for slot in range(order.shape[1]):
        idx = order[:, slot]
        picked = np.take_along_axis(signed, idx[:, None], axis=1)[:, 0]
        use = picked > 1e-9
        if not use.any():
            continue
        rows = movers[use]
        parts = []
        for j in np.unique(idx[use]):
            sel = idx[use] == j
            key = keys[j]
            r = RATIOS_BY_KEY[key]
            before = out[f"{key}_prev"].to_numpy()[rows[sel]]
            after = out[key].to_numpy()[rows[sel]]
            pts_d = np.nan_to_num(out[f"pts_{key}"].to_numpy()[rows[sel]]) - np.nan_to_num(
                out[f"pts_{key}_prev"].to_numpy()[rows[sel]]
            )
            parts.append(
                (
                    rows[sel],
                    _formatted(before),
                    _formatted(after),
                    pd.Series(pts_d).map(lambda v: f"{v:+.1f}").to_numpy(dtype=object),
                    r,
                )
            )
        for rows_j, before, after, pts_d, r in parts:
            change = {lang: before[lang] + "→" + after[lang] for lang in ("zh", "en")}
            piece = r.label_zh + " " + change["zh"] + " " + r.unit_zh + "（" + pts_d + " 分）"
            sep = np.where(text[rows_j] == "", "", "；")
            text[rows_j] = text[rows_j] + sep + piece
            unit = UNIT_EN.get(r.unit_zh, r.unit_zh)
            piece_en = r.label_en + " " + change["en"] + " " + unit + " (" + pts_d + " pts)"
            sep_en = np.where(text_en[rows_j] == "", "", "; ")
            text_en[rows_j] = text_en[rows_j] + sep_en + piece_en
    return text, text_en


def _formatted(values: np.ndarray) -> dict[str, np.ndarray]:
    """``values`` as text in each language (a missing value is 无数据 / no data)."""
    texts = pd.Series(values).map(_fmt).to_numpy(dtype=object)
    missing = pd.isna(values)
    return {lang: np.where(missing, message("evaluation.no_data", lang), texts) for lang in ("zh", "en")}


def _fmt(v: float, lang: str = "zh") -> str:
    if v != v:
        return message("evaluation.no_data", lang)
    return f"{v:,.2f}" if abs(v) < 1000 else f"{v:,.0f}"


def transition_matrix(changes: pd.DataFrame) -> pd.DataFrame:
    """The class transitions as rows ``from_class``, ``to_class``, ``n_enterprises``, ``land_mu``
    (亩; this year's land, last year's for GONE), one row per pair that occurs, in class order."""
    grouped = changes.groupby(["from_class", "to_class"], sort=False)
    out = pd.DataFrame({"n_enterprises": grouped.size(), "land_mu": grouped["land_mu"].sum(min_count=1)})
    out = out.reset_index()
    out["land_mu"] = out["land_mu"].fillna(0.0)
    order_f = {c: i for i, c in enumerate(FROM_CLASSES)}
    order_t = {c: i for i, c in enumerate(TO_CLASSES)}
    out = out.assign(_f=out["from_class"].map(order_f), _t=out["to_class"].map(order_t))
    out = out.sort_values(["_f", "_t"], kind="stable").drop(columns=["_f", "_t"]).reset_index(drop=True)
    out["n_enterprises"] = out["n_enterprises"].astype("int64")
    return out


def transition_table(matrix: pd.DataFrame, *, value: str = "n_enterprises") -> pd.DataFrame:
    """The matrix laid out wide: rows last year's class (NEW, A–D, T), columns this year's
    (A–D, T, GONE), zeros where nothing moved, with row and column totals (合计)."""
    wide = matrix.pivot_table(
        index="from_class", columns="to_class", values=value, aggfunc="sum", fill_value=0
    )
    wide = wide.reindex(index=list(FROM_CLASSES), columns=list(TO_CLASSES), fill_value=0)
    wide.loc[(NEW, GONE)] = 0  # nothing enters and leaves in the same comparison
    wide["合计"] = wide.sum(axis=1)
    wide.loc["合计"] = wide.sum(axis=0)
    wide.index.name = "上年 \\ 本年"
    wide.columns.name = None
    return wide


def transition_words(frame: pd.DataFrame, lang: str, *, class_columns: Sequence[str] = ()) -> pd.DataFrame:
    """A copy of a comparison table with its entrants and leavers in the words of ``lang``: NEW and
    GONE become 新进入 and 退出 in Chinese (the catalogue's words, as the page's legend explains
    them) and stay NEW and GONE in English.

    Parameters
    ----------
    frame
        :func:`transition_matrix`, :func:`class_changes` or :func:`transition_table`, with its
        columns as the atlas names them or headed in either language: the class columns
        (``from_class``, ``to_class``) and a wide table's row and column labels are rewritten,
        nothing else (an enterprise named "NEW" keeps its name).
    lang
        ``"zh"`` or ``"en"``.
    class_columns
        Further columns holding classes (a wide table's row labels as a column of their own).
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    words = {NEW: message("yearly.class.new", lang), GONE: message("yearly.class.gone", lang)}
    classes = {
        name
        for col in ("from_class", "to_class")
        for name in (col, message(f"yearly.col.{col}", "zh"), message(f"yearly.col.{col}", "en"))
    } | set(class_columns)
    out = frame.rename(index=lambda v: words.get(v, v), columns=lambda v: words.get(v, v))
    for col in [c for c in out.columns if c in classes]:
        out[col] = out[col].map(lambda v: words.get(v, v) if isinstance(v, str) else v)
    return out


# --------------------------------------------------------------------------- warnings


def early_warnings(
    evaluated: Mapping[int, pd.DataFrame],
    year: int,
    rules: Sequence[WarningRule],
    *,
    id_col: str = ID_COL,
    changes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Warnings (预警) for ``year`` under ``rules``: one row per enterprise and rule that fires,
    with ``ent_id``, ``name``, ``industry``, zone, ``rule``, ``warning`` (the rule's name),
    ``warning_en`` and ``reason`` (the figures behind it).

    ``evaluated`` holds each year's evaluated frame; rules needing earlier years fire only for
    enterprises present in all of them. An empty frame (same columns) when nothing fires.
    ``changes``: :func:`class_changes` of the year before and ``year``, when the caller has it
    (else made here; seconds at 120,000 enterprises).
    """
    if year not in evaluated:
        raise DataValidationError.of("yearly.no_such_year", year=year, years=listed(sorted(evaluated)))
    curr = evaluated[year]
    rows: list[pd.DataFrame] = []
    keep = [c for c in (id_col, "name", "industry", ZONE_COL) if c in curr.columns]
    for rule in rules:
        if rule.rule == "class_drop":
            if year - 1 not in evaluated:
                continue
            ch = changes if changes is not None else class_changes(evaluated[year - 1], curr, id_col=id_col)
            hit = ch[(ch["steps"] <= -(rule.min_steps or 1))]
            reason = (
                hit["from_class"]
                + "→"
                + hit["to_class"]
                + "（降 "
                + (-hit["steps"]).astype(int).astype(str)
                + " 类）"
            )
            reason_en = (
                hit["from_class"]
                + "→"
                + hit["to_class"]
                + " (down "
                + (-hit["steps"]).astype(int).astype(str)
                + ")"
            )
            found = hit[[c for c in keep if c in hit.columns]].assign(
                reason=reason.to_numpy(), reason_en=reason_en.to_numpy()
            )
        elif rule.rule == "falling":
            key, n_years = rule.indicator, rule.years or 2
            span = [year - i for i in range(n_years, -1, -1)]
            if any(y not in evaluated for y in span):
                continue
            values = None
            for y in span:
                frame = evaluated[y]
                v = pd.Series(frame[key].to_numpy(dtype="float64"), index=frame[id_col].astype(str), name=y)
                values = v.to_frame() if values is None else values.join(v, how="inner")
            arr = values.to_numpy()
            with np.errstate(invalid="ignore", divide="ignore"):
                drop_pct = (1.0 - arr[:, -1] / arr[:, 0]) * 100.0
            falling = (
                np.all(np.diff(arr, axis=1) < 0, axis=1)
                & np.isfinite(arr).all(axis=1)
                & (drop_pct >= (rule.min_drop_pct or 0.0))
            )
            ids = values.index[falling]
            unit = RATIOS_BY_KEY[key].unit_zh
            texts = ["→".join(_fmt(v) for v in row) + f" {unit}" for row in arr[falling]]
            reason = [
                f"{RATIOS_BY_KEY[key].label_zh} {'–'.join(map(str, (span[0], span[-1])))}：{t}" for t in texts
            ]
            found = curr[curr[id_col].astype(str).isin(ids) & curr["scored"].to_numpy(dtype=bool)][
                keep
            ].copy()
            found["reason"] = found[id_col].astype(str).map(dict(zip(ids, reason, strict=True))).to_numpy()
            unit_en = UNIT_EN.get(unit, unit)
            reason_en = [
                f"{RATIOS_BY_KEY[key].label_en} {span[0]}–{span[-1]}: "
                + "→".join(_fmt(v) for v in row)
                + f" {unit_en}"
                for row in arr[falling]
            ]
            found["reason_en"] = (
                found[id_col].astype(str).map(dict(zip(ids, reason_en, strict=True))).to_numpy()
            )
        else:  # bottom_pct
            pct = curr["rank_pct_from_top"].to_numpy(dtype="float64")
            hit = curr["scored"].to_numpy(dtype=bool) & (pct > 100.0 - (rule.pct or 10.0))
            found = curr[hit][keep].copy()
            rank = curr.loc[hit, "rank"].astype("int64").astype(str)
            n = curr.loc[hit, "n_ranked"].astype("int64").astype(str)
            back = (100.0 - pct[hit] + 0).round(1)
            back_text = pd.Series(back, index=rank.index).astype(str)
            found["reason"] = ("排名 " + rank + "/" + n + "（后 " + back_text + "%）").to_numpy()
            found["reason_en"] = ("rank " + rank + "/" + n + " (bottom " + back_text + " %)").to_numpy()
        found = found.assign(rule=rule.rule, warning=rule.name, warning_en=rule.name_en or rule.name)
        rows.append(found)
    columns = [*keep, "rule", "warning", "warning_en", "reason", "reason_en"]
    if not rows:
        return pd.DataFrame(columns=columns)
    out = pd.concat(rows, ignore_index=True)
    return out[[c for c in columns if c in out.columns]]


# --------------------------------------------------------------------------- trends and profile


def trends(evaluated: Mapping[int, pd.DataFrame], *, by: str = ZONE_COL) -> pd.DataFrame:
    """Per year and group of ``by``: enterprises, pooled 亩均税收 and 亩均销售收入 (万元/亩) over the
    scored enterprises (NaN without land), and the count in each class A–D and T."""
    rows = []
    for year in sorted(evaluated):
        frame = evaluated[year]
        if by not in frame.columns:
            raise DataValidationError.of("yearly.trend_no_column", column=by, year=year)
        cls = classes_with_t(frame)
        scored = frame["scored"].to_numpy(dtype=bool)
        work = pd.DataFrame(
            {
                by: frame[by].astype(object).to_numpy(),
                "cls": cls.to_numpy(),
                "land": np.where(scored, frame["land_mu"].to_numpy(dtype="float64"), 0.0),
                "tax": np.where(scored, np.nan_to_num(frame["tax_wan_yuan"].to_numpy(dtype="float64")), 0.0),
                "sales": np.where(
                    scored, np.nan_to_num(frame["sales_wan_yuan"].to_numpy(dtype="float64")), 0.0
                ),
            }
        )
        g = work.groupby(by, sort=True)
        part = pd.DataFrame({"n_enterprises": g.size()})
        land = g["land"].sum()
        part["tax_per_mu_wan_yuan"] = (g["tax"].sum() / land.where(land > 0)).to_numpy()
        part["sales_per_mu_wan_yuan"] = (g["sales"].sum() / land.where(land > 0)).to_numpy()
        mix = pd.crosstab(work[by], work["cls"]).reindex(columns=list(CLASSES_T), fill_value=0)
        for c in CLASSES_T:
            part[f"n_{c}"] = mix[c].reindex(part.index, fill_value=0).astype("int64")
        part.insert(0, YEAR_COL, year)
        rows.append(part.reset_index())
    return pd.concat(rows, ignore_index=True)


def enterprise_profile(
    evaluated: Mapping[int, pd.DataFrame],
    ent_id: str,
    *,
    warnings: Mapping[int, pd.DataFrame] | None = None,
    id_col: str = ID_COL,
    lang: str = "zh",
) -> pd.DataFrame:
    """One enterprise's years (企业画像): per year its figures, ratios, score, class (T with its
    reason), its main shortfalls, rank overall / in its industry / in its zone (blank when it lies
    in none) / in its size group, the town it states (``town``, when the table has one), land and
    the warnings raised that year. Years it is absent from are left out.

    Raises
    ------
    DataValidationError
        When the enterprise is in none of the years.
    """
    rows = []
    for year in sorted(evaluated):
        frame = evaluated[year]
        hit = frame[frame[id_col].astype(str) == str(ent_id)]
        if hit.empty:
            continue
        row = hit.iloc[0]
        rec = {YEAR_COL: year}
        for col in (
            "name",
            "industry",
            ZONE_COL,
            "town",
            SIZE_COL,
            "land_mu",
            "sales_wan_yuan",
            "tax_wan_yuan",
        ):
            if col in frame.columns:
                rec[col] = row[col]
        for key in (
            "tax_per_mu_wan_yuan",
            "sales_per_mu_wan_yuan",
            "value_added_per_mu_wan_yuan",
            "tax_per_kwh_yuan",
        ):
            if key in frame.columns:
                rec[key] = row[key]
        rec["score"] = row["score"]
        rec[CLASS_COL] = row[CLASS_COL] if bool(row["scored"]) else T_CLASS
        rec["status"] = row["status"]
        if "reasons" in frame.columns:  # the shortfalls in full (the ranking's screen names them short)
            rec["reasons"] = "" if pd.isna(row["reasons"]) else str(row["reasons"])
        rec["rank"] = row["rank"] if bool(row["scored"]) else pd.NA
        scored = frame[frame["scored"].to_numpy(dtype=bool)]
        for col, name in (
            ("industry", "rank_in_industry"),
            (ZONE_COL, "rank_in_zone"),
            (SIZE_COL, "rank_in_size"),
        ):
            # no rank among the zone's peers for an enterprise in no zone (was "1/0")
            if not bool(row["scored"]) or col not in frame.columns or pd.isna(row[col]):
                rec[name] = ""
                continue
            peers = scored[scored[col].astype(object) == row[col]]
            better = int((peers["score"] > row["score"]).sum())
            rec[name] = f"{better + 1}/{len(peers)}"
        if warnings is not None and year in warnings and len(warnings[year]):
            w = warnings[year]
            mine = w[w[id_col].astype(str) == str(ent_id)]
            suffix = "_en" if lang == "en" else ""  # the columns of the warnings in ``lang``
            rec["warnings"] = joined(
                (
                    message("yearly.warning_reason", lang, warning=warning, reason=reason)
                    for warning, reason in zip(mine[f"warning{suffix}"], mine[f"reason{suffix}"], strict=True)
                ),
                lang,
                mark="clause",
            )
        else:
            rec["warnings"] = ""
        rows.append(rec)
    if not rows:
        raise DataValidationError.of("yearly.no_such_enterprise", ent_id=ent_id)
    return pd.DataFrame(rows)


# The headers of the yearly tables, from the catalogue (geo/messages/evaluation_words.py).
YEARLY_LABELS: dict[str, str] = {c: message(f"yearly.col.{c}", "zh") for c in YEARLY_COLUMNS}
YEARLY_LABELS_EN: dict[str, str] = {c: message(f"yearly.col.{c}", "en") for c in YEARLY_COLUMNS}


__all__ = [
    "GONE",
    "NEW",
    "class_changes",
    "early_warnings",
    "enterprise_profile",
    "evaluate_years",
    "published_classes",
    "split_years",
    "class_rates_text",
    "surcharge_labels",
    "surcharge_totals",
    "surcharges",
    "transition_matrix",
    "transition_table",
    "transition_words",
    "trends",
    "ratio_label",
]
