"""The 公示 list's cells in English: the evaluation's own words (size, status), the towns/parks and
the industries named in English; enterprises' names stay as registered (their own names)."""

from __future__ import annotations

import re

import pandas as pd

from geo.evaluation.metrics import RATIOS_BY_KEY, ZONE_COL
from geo.evaluation.rules import SIZE_ABOVE, SIZE_BELOW
from geo.messages import Lang, message, t
from geo.messages.names import firm_name, industry_name
from geo.place_names import own_place_name

# The evaluation's status words (geo/evaluation/rules.py) in English, most specific first.
STATUS_EN = (
    (r"^参评$", "Scored"),
    (r"^无法计算：用地面积为零或缺失$", "Not computable: land is zero or missing"),
    (r"^不参评：规下且用地不足 (.*) 亩$", r"Not scored: below designated size on less than \1 mu"),
    (r"^不参评：规上企业不在评价范围$", "Not scored: enterprises above designated size are out of scope"),
    (r"^不参评：规下企业不在评价范围$", "Not scored: enterprises below designated size are out of scope"),
    (r"^不参评：(.*)（仅列入名单，不评分）$", r"Not scored: \1 (listed only)"),
    (r"^不参评：不属于任何评价组$", "Not scored: in no group"),
    (r"^不参评：租户，用地全部计入房东「(.*)」$", r"Not scored: tenant, all land counted to its host “\1”"),
    (r"^不参评：行业不在评价范围.*$", "Not scored: industry out of scope (utilities and the like)"),
    (r"^不参评：投产不满 (.*) 年$", r"Not scored: in production under \1 years"),
)
_STATUS_EN = tuple((re.compile(p), r) for p, r in STATUS_EN)
# The same in short, for a screen's table whose Latin text the grid does not wrap (the 公示 page's
# results at 1280 px, walk 16 item 5: "Not computable: land…" cut): over the English words above.
STATUS_EN_SHORT = (
    (r"^Not computable: land is zero or missing$", "Land 0 or missing"),
    (r"^Not scored: below designated size on less than (.*) mu$", r"Land < \1 mu"),
    (r"^Not scored: enterprises above designated size are out of scope$", "Above designated size: excluded"),
    (r"^Not scored: enterprises below designated size are out of scope$", "Below designated size: excluded"),
    (r"^Not scored: (.*) \(listed only\)$", r"Listed only: \1"),
    (r"^Not scored: in no group$", "In no group"),
    (r"^Not scored: tenant, all land counted to its host “(.*)”$", r"Tenant of “\1”"),
    (r"^Not scored: industry out of scope.*$", "Industry excluded"),
    (r"^Not scored: in production under (.*) years$", r"In production < \1 yr"),
)
_STATUS_EN_SHORT = tuple((re.compile(p), r) for p, r in STATUS_EN_SHORT)


def short_status_en(status: object) -> object:
    """An English status (:func:`status_name`'s) in short for a screen ("Land 0 or missing" for "Not
    computable: land is zero or missing"); any other value as it is."""
    if not isinstance(status, str):
        return status
    for pattern, short in _STATUS_EN_SHORT:
        if pattern.match(status):
            return pattern.sub(short, status)
    return status


# The list of 规下 below the land minimum (geo/evaluation/scoring.py): 规下（不足 3 亩）
_BELOW_SMALL = re.compile(rf"^{SIZE_BELOW}（不足 (.+) 亩）$")


def size_name(size: object, lang: Lang) -> object:
    """规上 / 规下 / 规下（不足 3 亩） in ``lang`` (above / below designated size, below designated size
    under 3 mu: geo/messages/yearly.py); any
    other value as it is."""
    if size == SIZE_ABOVE:
        return message("yearly.size_above", lang)
    if size == SIZE_BELOW:
        return message("yearly.size_below", lang)
    small = _BELOW_SMALL.match(size) if isinstance(size, str) else None
    if small:
        return message("yearly.size_below_small", lang, mu=small.group(1))
    return size


def status_name(status: object, lang: Lang) -> object:
    """An evaluation status (参评, 不参评：…) in ``lang``; a status no rule knows as it is."""
    if lang != "en" or not isinstance(status, str):
        return status
    for pattern, english in _STATUS_EN:
        if pattern.match(status):
            return pattern.sub(english, status)
    return status


def reasons_name(reasons: object, lang: Lang, *, short: bool = False) -> object:
    """One enterprise's shortfalls (``亩均税收、全员劳动生产率（缺数据）；扣分项：…``, the evaluation's
    ``reasons``) in ``lang``: in English the indicators by their English labels, or by their short
    names (``short=True``: "Tax/mu"), the lists joined with commas; in Chinese, or a value that is
    not text, as it is."""
    if lang != "en" or not isinstance(reasons, str):
        return reasons
    text = reasons
    for r in sorted(RATIOS_BY_KEY.values(), key=lambda r: -len(r.label_zh)):
        text = text.replace(r.label_zh, t(f"eff.short.{r.key}", "en") if short else r.label_en)
    text = text.replace(t("eff.short.no_data", "zh"), t("eff.short.no_data", "en"))
    text = text.replace("；", "; ").replace(t("eff.short.penalties", "zh"), t("eff.short.penalties", "en"))
    return text.replace("、", ", ")


def reasons_said(reasons: pd.Series, scored: pd.Series, lang: Lang, *, short: bool = False) -> pd.Series:
    """The shortfalls column (``reasons``) with a scored enterprise that has none said in words,
    「无（各项均不低于同组中位数）」 / "None (no indicator below the group median)" (``short``: the
    screen's "None below the median"), on the page, in its files and in the command line's alike
    (walk 14 item 7: a blank there read as "cannot compute", as the caption says of a blank); a row
    not scored (``scored`` false or missing) keeps its value."""
    said = reasons.astype(object).fillna("").astype(str).str.strip().ne("")
    none = scored.fillna(False).astype(bool).to_numpy() & ~said.to_numpy()
    word = t("eff.short.reasons_none" if short else "eff.reasons.none", lang)
    return reasons.astype(object).where(~none, word)


def notice_values(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """A copy of a list's rows with the words of ``lang``: in English the 区镇/园区, the industry,
    the size, the status and a synthetic demo firm's mark ("(synthetic)"); in Chinese the rows as
    they are.

    Parameters
    ----------
    frame
        Evaluated enterprises (``zone``, ``industry``, ``size_class``, ``status`` where present).
    lang
        ``"zh"`` or ``"en"``.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    out = frame.copy()
    if lang == "zh":
        return out
    for col in (ZONE_COL, "town", "land_host_zone"):
        if col in out.columns:
            out[col] = [own_place_name(v, lang) if isinstance(v, str) else v for v in out[col].astype(object)]
    if "industry" in out.columns:
        out["industry"] = [
            industry_name(v, lang) if isinstance(v, str) else v for v in out["industry"].astype(object)
        ]
    if "name" in out.columns:  # a synthetic demo firm "(synthetic)", not "（合成）"
        out["name"] = [firm_name(v, lang) for v in out["name"].astype(object)]
    if "size_class" in out.columns:
        out["size_class"] = [size_name(v, lang) for v in out["size_class"].astype(object)]
    if "status" in out.columns:
        out["status"] = [status_name(v, lang) for v in out["status"].astype(object)]
    return out
