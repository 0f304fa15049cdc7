"""Rankings, summaries and lists from an evaluated table (the frame ``geo.evaluation.evaluate``
returns as ``.enterprises``): ranking within any grouping, per-group summaries, the class mix,
the low-efficiency (D-class) land list and renewal per 区镇, and the Chinese/English labels of
every evaluation column. ``geo.evaluation`` re-exports all public names.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from geo.catalogue import ENTERPRISE_BY_KEY
from geo.errors import DataValidationError
from geo.evaluation.metrics import ID_COL, RATIOS, ZONE_COL, ratio_label
from geo.evaluation.notes import dropped_words
from geo.evaluation.ratios import missing_inputs
from geo.evaluation.rules import CLASS_COL, CLASSES, GROUP_COL, SIZE_COL
from geo.messages import listed, message

# The key of :func:`dropped_reasons` that marks a group of the weights without any enterprise:
# ``(group, NO_ENTERPRISES)``, its words 「无企业，未评价」 (the files say that once, not its weights).
NO_ENTERPRISES = ""


def _check_by(frame: pd.DataFrame, by: Sequence[str]) -> list[str]:
    by = [by] if isinstance(by, str) else list(by)
    missing = [col for col in by if col not in frame.columns]
    if missing:
        raise DataValidationError.of("evaluation.rank_no_column", columns=listed(missing))
    return by


def rank_by(
    evaluated: pd.DataFrame, by: Sequence[str] | str = (), *, tie_order: Sequence[str] = ()
) -> pd.DataFrame:
    """Scored enterprises ranked within each combination of ``by`` (e.g. industry, zone, size).

    ``by`` combines freely: ``["zone", "industry", "size_class"]`` ranks within each 区镇 ×
    industry × size; ``[]`` ranks all together. Adds ``group_rank`` (1 = best score; the same
    score shares the better rank and the next rank skips: 1, 2, 2, 4) and ``group_size``.

    Parameters
    ----------
    evaluated : DataFrame
        An evaluated table (``score`` and ``scored``).
    by : str or sequence of str
        The columns to rank within.
    tie_order : sequence of str
        How a tie is listed (``classes.tie_order`` of the configuration): these columns, larger
        first (a missing value last), then the enterprise id; the ranks stay shared.

    Returns
    -------
    DataFrame
        A new frame of the scored enterprises sorted by group, rank, then ``tie_order``.
    """
    by = _check_by(evaluated, by)
    ties = _check_by(evaluated, tie_order)
    scored = evaluated[evaluated["scored"]].copy()
    if by:
        grouped = scored.groupby(by, observed=True, sort=False, dropna=False)["score"]
        scored["group_rank"] = grouped.rank(method="min", ascending=False).astype("int64")
        scored["group_size"] = grouped.transform("size").astype("int64")
    else:
        scored["group_rank"] = scored["score"].rank(method="min", ascending=False).astype("int64")
        scored["group_size"] = len(scored)
    ids = [ID_COL] if ID_COL in scored.columns else []
    keys = [*by, "group_rank", *ties, *ids]
    ascending = [True] * (len(by) + 1) + [False] * len(ties) + [True] * len(ids)
    return scored.sort_values(keys, ascending=ascending, kind="stable", na_position="last")


def dropped_reasons(
    enterprises: pd.DataFrame, used: pd.DataFrame, *, amounts: pd.DataFrame | None = None
) -> dict[tuple[str, str], dict[str, str]]:
    """Why each indicator left out of a group's score was left out, named as the page's notes name
    it (:func:`geo.evaluation.notes.dropped_words`): 「全员劳动生产率缺少工业增加值数据」 /
    "Value added per employee has no value added data", for the files to say the same (walk12: they
    said only 无数据 / no data).

    Parameters
    ----------
    enterprises : DataFrame
        The evaluation's enterprises, all of them (``EvaluationResult.enterprises``: their amounts,
        ``scored``, the size group and, with configured groups, the group).
    used : DataFrame
        The effective weights, groups as rows (``EvaluationResult.weights``): an indicator at 0 was
        left out (or not weighted).
    amounts : DataFrame, optional
        The table that was evaluated (same index): its input amounts (从业人员, 工业增加值…),
        which the result does not all keep; without it an input absent from ``enterprises`` counts
        as missing (walk13: 从业人员 was named although given).

    Returns
    -------
    dict
        ``{(group, indicator): {"zh": ..., "en": ...}}`` for each indicator at 0 in ``used`` whose
        inputs no scored enterprise of the group holds; one whose benchmark failed is not in it.
        A group without any enterprise has ``(group, NO_ENTERPRISES)`` instead (「无企业，未评价」:
        walk13, its weights and "基准无法计算" were listed for 0 规下 enterprises).
    """
    if not len(enterprises) or used is None or not len(used):
        return {}
    scored = (
        enterprises["scored"].astype(bool).to_numpy()
        if "scored" in enterprises.columns
        else np.ones(len(enterprises), dtype=bool)
    )
    aligned = amounts is not None and amounts.index.is_unique and enterprises.index.isin(amounts.index).all()
    inputs = amounts.reindex(enterprises.index) if aligned else enterprises
    out: dict[tuple[str, str], dict[str, str]] = {}
    for group in used.index:
        column = next(
            (
                c
                for c in (GROUP_COL, SIZE_COL)
                if c in enterprises.columns and (enterprises[c].astype(object) == group).any()
            ),
            None,
        )
        if column is None:
            if any(c in enterprises.columns for c in (GROUP_COL, SIZE_COL)):
                out[(str(group), NO_ENTERPRISES)] = {
                    lang: message("yearly.notice.group_empty", lang) for lang in ("zh", "en")
                }
            continue
        rows = scored & (enterprises[column].astype(object) == group).to_numpy()
        if not rows.any():
            continue
        for key in used.columns:
            if float(used.loc[group, key]) > 0 or not missing_inputs(key, inputs, rows):
                continue
            out[(str(group), str(key))] = dropped_words([key], inputs, rows)
    return out


def scope_reasons(
    why: dict[tuple[str, str], dict[str, str]], scope: pd.DataFrame, used: pd.DataFrame | None
) -> dict[tuple[str, str], dict[str, str]]:
    """:func:`dropped_reasons` of the whole evaluation (``why``) as a scope of it reads them: a group
    of ``used`` with no enterprise in ``scope`` (a filter to one park without 规下 firms) has
    ``(group, NO_ENTERPRISES)`` saying 「本范围无企业」 instead of its dropped indicators, so that
    its rules and missing inputs are not printed for it (walk 14 item 8)."""
    columns = [c for c in (GROUP_COL, SIZE_COL) if c in scope.columns]
    if used is None or not len(used) or not columns:
        return dict(why)
    out = dict(why)
    for group in used.index:
        if any((scope[c].astype(object) == group).any() for c in columns):
            continue
        out = {k: v for k, v in out.items() if k[0] != str(group)}
        out[(str(group), NO_ENTERPRISES)] = {
            lang: message("yearly.notice.group_empty_scope", lang) for lang in ("zh", "en")
        }
    return out


def list_order(evaluated: pd.DataFrame, *, tie_order: Sequence[str] = ()) -> pd.DataFrame:
    """Rows in the order a published list (公示) gives them, the ranking's own: scored enterprises by
    score, best first, a tie listed by ``tie_order`` (larger first, a missing value last) and then
    by the enterprise id, as :func:`rank_by` lists it; the rest (not scored, T) after them, in the
    order given.

    Parameters
    ----------
    evaluated : DataFrame
        Evaluated rows (``score``; ``scored`` when present, else a row with a score is scored).
    tie_order : sequence of str
        How a tie is listed (``classes.tie_order`` of the configuration).

    Returns
    -------
    DataFrame
        A new frame of the same rows, reordered.
    """
    ties = _check_by(evaluated, ["score", *tie_order])[1:]
    scored = evaluated["scored"].astype(bool) if "scored" in evaluated.columns else evaluated["score"].notna()
    ids = [ID_COL] if ID_COL in evaluated.columns else []
    listed = evaluated[scored.to_numpy()].sort_values(
        ["score", *ties, *ids],
        ascending=[False] * (1 + len(ties)) + [True] * len(ids),
        kind="stable",
        na_position="last",
    )
    return pd.concat([listed, evaluated[~scored.to_numpy()]])


def ranking_summary(evaluated: pd.DataFrame, by: Sequence[str] | str) -> pd.DataFrame:
    """Per group of ``by``: enterprises, scored, count per class, mean score, land, tax and the
    pooled 亩均税收 of its scored enterprises (NaN, 无法计算, when they hold no land);
    sorted by 亩均税收, best first."""
    by = _check_by(evaluated, by)
    frame = evaluated.assign(
        _scored_land=np.where(evaluated["scored"], evaluated["land_mu"], 0.0),
        _scored_tax=np.where(evaluated["scored"], evaluated["tax_wan_yuan"].fillna(0.0), 0.0),
    )
    grouped = frame.groupby(by, observed=True, sort=False)
    out = pd.DataFrame(
        {
            "n_enterprises": grouped.size(),
            "n_scored": grouped["scored"].sum().astype("int64"),
            "mean_score": grouped["score"].mean(),
            "land_mu": grouped["land_mu"].sum(min_count=1),
            "tax_wan_yuan": grouped["tax_wan_yuan"].sum(min_count=1),
        }
    )
    mix = class_mix(evaluated, by=by)
    for c in CLASSES:
        out[f"n_{c}"] = mix[c].reindex(out.index, fill_value=0).astype("int64")
    land = grouped["_scored_land"].sum()
    tax = grouped["_scored_tax"].sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        out["tax_per_mu_wan_yuan"] = np.where(land > 0, tax / land.where(land > 0), np.nan)
    return out.sort_values("tax_per_mu_wan_yuan", ascending=False, na_position="last")


def class_mix(evaluated: pd.DataFrame, *, by: Sequence[str] | str = ZONE_COL) -> pd.DataFrame:
    """Count of scored enterprises in each class (columns A–D) per group of ``by``."""
    by = _check_by(evaluated, by)
    scored = evaluated[evaluated["scored"]]
    counts = scored.groupby([*by, CLASS_COL], observed=False, sort=True).size().unstack(CLASS_COL)
    counts = counts.reindex(columns=list(CLASSES), fill_value=0).fillna(0).astype("int64")
    counts.columns = pd.Index(list(CLASSES), name=CLASS_COL)
    if len(by) == 1:
        present = pd.unique(scored[by[0]])
        counts = counts.loc[counts.index.isin(present)]
    return counts


def low_efficiency_land(evaluated: pd.DataFrame) -> pd.DataFrame:
    """D-class (整治淘汰 / 限制发展) enterprises holding land, largest land first: the
    candidates for low-efficiency land renewal (低效用地再开发)."""
    keep = evaluated[(evaluated[CLASS_COL] == "D") & (evaluated["land_mu"] > 0)]
    return keep.sort_values(["land_mu", "score"], ascending=[False, True], kind="stable")


def land_renewal_by_zone(evaluated: pd.DataFrame, *, by: str = ZONE_COL) -> pd.DataFrame:
    """Per 区镇 (``by``): D-class enterprises, the land renewal could free (亩), their tax and the
    share of the zone's scored land; zones without D-class land show 0."""
    by = _check_by(evaluated, [by])[0]
    scored = evaluated[evaluated["scored"]]
    d = scored[scored[CLASS_COL] == "D"]
    zones = pd.Index(pd.unique(scored[by].dropna()), name=by)
    out = pd.DataFrame(index=zones)
    out["n_d_class"] = d.groupby(by).size().reindex(zones, fill_value=0).astype("int64")
    out["d_land_mu"] = d.groupby(by)["land_mu"].sum().reindex(zones, fill_value=0.0)
    out["d_tax_wan_yuan"] = d.groupby(by)["tax_wan_yuan"].sum().reindex(zones, fill_value=0.0)
    scored_land = scored.groupby(by)["land_mu"].sum().reindex(zones)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["d_land_share_pct"] = np.where(scored_land > 0, out["d_land_mu"] / scored_land * 100.0, np.nan)
    return out.sort_values("d_land_mu", ascending=False, kind="stable")


# The input columns' labels come from the column catalogue (geo/catalogue.py).
_INPUT_COLUMNS = (ID_COL, "name", "industry", "land_mu", "tax_wan_yuan", "sales_wan_yuan")
EVALUATION_LABELS: dict[str, str] = {
    **{key: ENTERPRISE_BY_KEY[key].label("zh") for key in _INPUT_COLUMNS},
    # the town a row states (not where it lies): one name on screen, in notes and files (walk18 b6)
    "town": "填报区镇",
    ZONE_COL: "区镇/园区",
    SIZE_COL: "规模",
    **{r.key: ratio_label(r.key) for r in RATIOS},
    **{f"pts_{r.key}": f"{r.label_zh}得分（分）" for r in RATIOS},
    "adjustment_points": "加减分（分）",
    "score": "综合得分（分）",
    "rank": "排名",
    "n_ranked": "参与排名企业数（家）",
    "rank_pct_from_top": "排名百分位（%，自高到低）",
    CLASS_COL: "评价类别",
    "eval_class_label": "类别含义",
    "reasons": "主要失分指标",
    "status": "评价状态",
    "scored": "是否参评",
    "eval_group": "评价组",
    "compound_id": "共用宗地（园区）编号",
    "land_role": "用地身份",
    "land_host_id": "房东（土地权利人）编号",
    "land_host_name": "房东（土地权利人）",
    "land_rule": "用地分摊规则",
    "land_share": "用地分摊比例",
    "compound_land_mu": "宗地（园区）用地面积（亩）",
    "land_reported_mu": "填报用地面积（亩）",
    "group_rank": "组内排名",
    "group_size": "组内企业数（家）",
    "n_enterprises": "企业数（家）",
    "n_scored": "参评企业数（家）",
    "mean_score": "平均得分（分）",
    "n_A": "A 类（家）",
    "n_B": "B 类（家）",
    "n_C": "C 类（家）",
    "n_D": "D 类（家）",
    "n_d_class": "D 类企业（家）",
    "d_land_mu": "可腾退用地（亩）",
    "d_tax_wan_yuan": "D 类企业税收（万元）",
    "d_land_share_pct": "占参评用地比例（%）",
}
EVALUATION_LABELS_EN: dict[str, str] = {
    **{key: ENTERPRISE_BY_KEY[key].label("en") for key in _INPUT_COLUMNS},
    "town": "Stated town",
    ZONE_COL: "Town/park",
    SIZE_COL: "Size",
    **{r.key: ratio_label(r.key, lang="en") for r in RATIOS},
    **{f"pts_{r.key}": f"{r.label_en} points" for r in RATIOS},
    "adjustment_points": "Bonus/penalty (points)",
    "score": "Score (points)",
    "rank": "Rank",
    "n_ranked": "Ranked enterprises",
    "rank_pct_from_top": "Rank percentile (% from top)",
    CLASS_COL: "Class",
    "eval_class_label": "Class meaning",
    "reasons": "Main shortfalls",
    "status": "Status",
    "scored": "Scored",
    "eval_group": "Group",
    "compound_id": "Shared parcel/compound ID",
    "land_role": "Land role",
    "land_host_id": "Host (land holder) ID",
    "land_host_name": "Host (land holder)",
    "land_rule": "Land sharing rule",
    "land_share": "Land share",
    "compound_land_mu": "Parcel/compound land (mu)",
    "land_reported_mu": "Land as reported (mu)",
    "group_rank": "Rank in group",
    "group_size": "Enterprises in group",
    "n_enterprises": "Enterprises",
    "n_scored": "Scored enterprises",
    "mean_score": "Mean score (points)",
    "n_A": "Class A",
    "n_B": "Class B",
    "n_C": "Class C",
    "n_D": "Class D",
    "n_d_class": "Class-D enterprises",
    "d_land_mu": "Land renewal could free (mu)",
    "d_tax_wan_yuan": "Class-D tax (10k yuan)",
    "d_land_share_pct": "Share of scored land (%)",
}
