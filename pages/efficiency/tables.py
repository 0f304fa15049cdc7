"""亩均效益评价's enterprise tables as people read them: the ranking with what matters first (排名,
企业, 得分, 类别, 主要失分指标), one rank that says what it ranks within, and the evaluation's own words
in English when the page is."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from geo import yearly
from geo.evaluation import (
    CLASS_COL,
    CLASSES,
    EVALUATION_LABELS,
    EVALUATION_LABELS_EN,
    SIZE_ABOVE,
    SIZE_BELOW,
    SIZE_COL,
    YEAR_COL,
)
from geo.evaluation.metrics import ID_COL, RATIOS_BY_KEY, ZONE_COL
from geo.exports.blanks import dash_unknown_places, town_says_more, without_empty_columns
from geo.messages import Lang, t
from geo.messages.names import firm_name, industry_name
from geo.place_names import own_place_name, place_name, short_place_name
from geo.yearly.notice_words import reasons_name, reasons_said, status_name
from pages.efficiency.fitting import (
    BRACKET_BREAK,
    CELL_PAD_PX,
    FLUSH_EDGE_PX,
    HEADER_PAD_PX,
    KEY_COLUMNS_PX,
    PLACE_MAX_PX,
    WIDE_EXTRA_PX,
    Fitted,
    broken_before_brackets,
    fit_columns,
    shortened_places,
    text_px,
    to_the_edge,
)
from pages.efficiency.sources import UNDATED

# What a reader looks for first (the first six: :data:`KEY_COLUMNS`, read whole at 1280 px), then
# its figures; the id and the status last. ``rank`` is the evaluation's own rank (组内排名), ``sel_rank``
# the rank within the selection shown (筛选内排名), where it differs, after the key columns (see
# :func:`ranking_table`).
TABLE_COLUMNS = (
    "rank",
    "name",
    "score",
    CLASS_COL,
    "reasons",
    # the 区镇 the row states (填报区镇), only where it says more than ZONE_COL: before it, in
    # view at 1280 px (an English park's name after it is as wide as it is long)
    "town",
    ZONE_COL,
    # right after the key columns: beside them at 1280 px the English headers took 60 px too many
    "sel_rank",
    "eval_class_label",
    "industry",
    SIZE_COL,
    "land_mu",
    "tax_wan_yuan",
    "sales_wan_yuan",
    "tax_per_mu_wan_yuan",
    "sales_per_mu_wan_yuan",
    "value_added_per_mu_wan_yuan",
    "tax_per_tce_wan_yuan",
    "tax_per_kwh_yuan",
    "value_added_per_employee_wan_yuan",
    "rd_share_pct",
    "ent_id",
    "status",
)
KEY_COLUMNS = (
    "rank",
    "name",
    "score",
    CLASS_COL,
    "reasons",
    ZONE_COL,
)  # 排名, 企业, 得分, 类别, 主要失分指标, 区镇
# whole numbers, blank when not ranked
RANK_COLUMNS = ("rank", "sel_rank", "group_rank", "group_size", "n_ranked")


def table_labels(lang: Lang) -> dict[str, str]:
    """Column headers of the evaluation's tables (with units) in ``lang``."""
    base = EVALUATION_LABELS if lang == "zh" else EVALUATION_LABELS_EN
    extra = yearly.YEARLY_LABELS if lang == "zh" else yearly.YEARLY_LABELS_EN
    return {**extra, **base}


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Categoricals as text (for display and export)."""
    out = pd.DataFrame(frame).copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


# 规上 / 规下 in English: one term everywhere, the statistics' "above / below designated size"
SIZE_EN = {SIZE_ABOVE: t("eff.size.above", "en"), SIZE_BELOW: t("eff.size.below", "en")}


# The 区镇 whose English name does not fit a line of the ranking's key columns at 1280 px ("Wujiang
# Hi-tech Zone (Shengze Town)" is 300 px; Streamlit's grid neither wraps a Latin text beside Chinese
# names nor keeps a text's own line breaks): the screen names them short, the downloads in full.
SCREEN_SHORT_ZONES = (
    "吴江开发区",
    "汾湖高新区（黎里镇）",
    "吴江高新区（盛泽镇）",
    "东太湖度假区（太湖新城）",
)


def english_values(frame: pd.DataFrame, *, short: bool = False) -> pd.DataFrame:
    """The evaluation's own words (size, class meaning, status, shortfalls), the towns/parks and the
    industries in English (geo/place_names.py, the plans' industries); enterprises' names stay as
    the data has them (firms' own names), a synthetic demo firm's mark in English ("(synthetic)"),
    as do places and industries no table names.

    ``short=True`` gives the screen's one-line forms of the ranking's key columns: the four
    management zones of :data:`SCREEN_SHORT_ZONES` by their short names ("Shengze" for 吴江高新区
    （盛泽镇）) and the shortfalls by the indicators' short names ("Tax/mu, VA/employee"), so that they
    are read whole at 1280 px; the downloads keep the full words (the default). Every other place
    reads as in the files, the stated towns too ("Shengze Town", walk 14 item 1: the screen's
    "Shengze" and "Qidu" beside the files' "Shengze Town" and "Qidu Town").
    """
    out = frame.copy()
    for col in (ZONE_COL, "town", "district", "dev_zone"):
        if col in out.columns:
            # the zones scored and the stated towns are the user's names where the data are
            # theirs: as written, but for the fixed 区镇 and districts (geo.place_names.own_place_name)
            full = own_place_name if col in (ZONE_COL, "town") else place_name
            out[col] = [
                (short_place_name if short and v in SCREEN_SHORT_ZONES else full)(v, "en")
                if isinstance(v, str)
                else v
                for v in out[col]
            ]
    if "industry" in out.columns:
        out["industry"] = [industry_name(v, "en") if isinstance(v, str) else v for v in out["industry"]]
    if "name" in out.columns:  # a synthetic demo firm "(synthetic)", not "（合成）"
        out["name"] = [firm_name(v, "en") for v in out["name"]]
    if SIZE_COL in out.columns:
        out[SIZE_COL] = out[SIZE_COL].map(lambda v: SIZE_EN.get(v, v))
    if "eval_class_label" in out.columns and CLASS_COL in out.columns:
        out["eval_class_label"] = out[CLASS_COL].map(
            lambda c: t(f"eff.class.{c}", "en").split("— ", 1)[-1] if c in CLASSES else None
        )
    if "status" in out.columns:
        out["status"] = [status_name(v, "en") for v in out["status"].astype(object)]
    if "reasons" in out.columns:
        reasons = out["reasons"].astype(object).fillna("")
        out["reasons"] = reasons.map({r: reasons_name(r, "en", short=short) for r in reasons.unique()})
    return out


# The grid wraps a cell's text at its last space (U+0020) that fits, else at any character: an
# indicator's name with a space in it (R&D 经费占比) was cut at that space, "R&D / 经费占比" (walk12).
NBSP = "\u00a0"


def screen_reasons_zh(reasons: str) -> str:
    """The Chinese shortfalls as the screen's ranking wraps them: a space after each 、 and ；, where
    the grid may break a line, and the spaces inside an indicator's name made non-breaking
    ("亩均税收、 R&D\u00a0经费占比"): a line breaks between indicators, never inside one."""
    for r in RATIOS_BY_KEY.values():
        if " " in r.label_zh:
            reasons = reasons.replace(r.label_zh, r.label_zh.replace(" ", NBSP))
    return reasons.replace("、", "、 ").replace("；", "； ")


def screen_rank_label(by: Sequence[str], lang: Lang) -> str:
    """The header of the rank within the selection on the screen: "筛选内排名" / "Rank in
    selection", the groups it ranks within in its help (:func:`key_help`; a header naming three of
    them took a sixth of the table's width at 1280 px). The downloads head it the same (walk13: the
    XLSX said 筛选内排名（规上/规下内）, the screen 筛选内排名)."""
    return t("eff.col.rank_sel", lang)


def eval_rank_label(lang: Lang) -> str:
    """The header of the evaluation's own rank: its place in its group (规上 / 规下, a configured
    group) among all scored enterprises, as the group lists and the 公示 give it: "组内排名"."""
    return t("eff.col.rank_eval", lang)


def _selection_differs(ranked: pd.DataFrame) -> bool:
    """Whether the rank within the selection (``group_rank``) says something the evaluation's rank
    does not: a row ranked otherwise (a filter, a grouping picked), or no evaluation rank at all."""
    if "group_rank" not in ranked.columns:
        return False
    if "rank" not in ranked.columns:
        return True
    sel = pd.to_numeric(ranked["group_rank"], errors="coerce")
    own = pd.to_numeric(ranked["rank"], errors="coerce")
    return bool((sel.notna() & (sel != own)).any())


def ranking_table(
    ranked: pd.DataFrame, lang: Lang, *, by: Sequence[str] = (SIZE_COL,), short: bool = False
) -> pd.DataFrame:
    """The enterprise table shown on the page: 排名, 企业, 得分, 类别, 主要失分指标 first.

    Two ranks, each under its own header, never one header for both (walk12): the evaluation's own
    ``rank`` (组内排名: within its group of the whole evaluation, as the group lists and the 公示 give
    it) and, where it differs from it for some row, the rank within the selection (筛选内排名,
    ``group_rank`` of :func:`geo.evaluation.summary.rank_by` over the scope and ``by``).

    Parameters
    ----------
    ranked : DataFrame
        Evaluated enterprises: ``rank`` (the evaluation's) and, ranked within the selection,
        ``group_rank``.
    lang : Lang
        The table's language.
    by : sequence of str
        What ``group_rank`` ranks within (named in its header, in the downloads).
    short : bool
        The screen's forms: the selection's rank headed by :func:`screen_rank_label` (its groups in
        its help), the score by :func:`screen_labels` (综合得分), a scored enterprise with no
        shortfall 「均不低于中位数」 / "None below median", and in English the one-line forms of the
        区镇 and the shortfalls (:func:`english_values`); the downloads keep the full words (the default).

    Returns
    -------
    DataFrame
        The rank columns (whole numbers, blank when not ranked), then the columns in
        :data:`TABLE_COLUMNS` order (the stated ``town`` where :func:`town_says_more`), headed by
        :func:`table_labels`; a zone or town not known reads "—"
        (:func:`geo.exports.blanks.dash_unknown_places`: the files as the screen).
    """
    differs = _selection_differs(ranked)
    ranked = ranked.drop(columns=["sel_rank"], errors="ignore")
    if differs:
        ranked = ranked.rename(columns={"group_rank": "sel_rank"})
    cols = [c for c in TABLE_COLUMNS if c in ranked.columns and (c != "town" or town_says_more(ranked))]
    out = plain(ranked[cols])
    if lang == "en":
        out = english_values(out, short=short)
    out = dash_unknown_places(out)  # a place not known is a dash, on the screen and in the files (walk13)
    if "reasons" in out.columns:  # scored, nothing below the median: said, not blank (walk 14 item 7)
        scored = ranked["scored"] if "scored" in ranked.columns else ranked["score"].notna()
        out["reasons"] = reasons_said(out["reasons"], scored, lang, short=short)
    # a column no row fills (行业, 亩均增加值 … of an import without them) left out, on the screen and
    # in the files, as the CLI's CSVs (walk 14 item 3); the key columns and the id always stay
    out = without_empty_columns(out, keep=(*KEY_COLUMNS, ID_COL))
    if short:
        if lang == "zh" and "reasons" in out.columns:
            out["reasons"] = out["reasons"].map(lambda v: screen_reasons_zh(v) if isinstance(v, str) else v)
    for col in RANK_COLUMNS:  # unscored rows (NaN) must not turn the ranks into floats ("1.00")
        if col in out.columns:
            out[col] = pd.array(pd.to_numeric(out[col], errors="coerce").round(), dtype="Int64")
    sel = screen_rank_label(by, lang)  # the screen's header in the files too (walk13 item 8)
    screen = screen_labels(lang) if short else {}
    labels = {**table_labels(lang), **screen, "rank": eval_rank_label(lang), "sel_rank": sel}
    return out.rename(columns=labels)


# Headers the ranking's screen gives shorter than the files (综合得分（分）): the key columns read
# whole at 1280 px with an enterprise's name on one line (walk 16 item 10); the unit in the column's
# help (:func:`key_help`). The stated town is 填报区镇 / Stated town on screen, in the notes and in
# the files alike (table_labels: walk18 b6).
SCREEN_LABELS = {"score": "eff.col.score_screen"}


def screen_labels(lang: Lang) -> dict[str, str]:
    """The ranking screen's short headers (the score's) in ``lang``."""
    return {col: t(key, lang) for col, key in SCREEN_LABELS.items()}


def key_headers(table: pd.DataFrame) -> list[str]:
    """The headers of a :func:`ranking_table`'s key columns (its first six, and the stated town
    beside the 区镇 where the table has it: read with it, never a sideways scroll away)."""
    towns = {table_labels(lang)["town"] for lang in ("zh", "en")}
    n = len(KEY_COLUMNS) + any(c in towns for c in table.columns[: len(KEY_COLUMNS)])
    return list(table.columns[:n])


def place_headers(table: pd.DataFrame) -> list[str]:
    """The headers of a :func:`ranking_table`'s place columns (区镇/园区, the stated town): kept on
    one line on screen (:func:`pages.efficiency.fitting.fit_columns`), never broken inside a name."""
    places = {table_labels(lang)[c] for lang in ("zh", "en") for c in (ZONE_COL, "town")}
    return [c for c in table.columns if c in places]


def name_headers(table: pd.DataFrame) -> list[str]:
    """The headers of a :func:`ranking_table`'s enterprise names: kept whole on screen where the key
    columns fit so (:func:`pages.efficiency.fitting.fit_columns`)."""
    names = {table_labels(lang)["name"] for lang in ("zh", "en")}
    return [c for c in table.columns if c in names]


# Texts of the ranking's screen kept on one line: the shortfalls' 「均不低于中位数」 / "None below median".
PHRASES = tuple(t("eff.short.reasons_none", lang) for lang in ("zh", "en"))


def fit_ranking(table: pd.DataFrame) -> Fitted:
    """The widths of a :func:`ranking_table`'s key columns as the screen draws them: a place's name
    on one line, an enterprise's whole where they fit so (walk 16 item 10)."""
    return fit_columns(
        table,
        key_headers(table),
        one_line=place_headers(table),
        names=name_headers(table),
        phrases=PHRASES,
        long_words=name_headers(table),
    )


# Where the grid may break a Chinese place's name on screen: before its （…）
# (:func:`pages.efficiency.fitting.broken_before_brackets`).
PLACE_BREAK = BRACKET_BREAK


def ranking_marker_px(n_rows: int) -> int:
    """The ranking's row marker (its check box) as the grid draws it, its border included: as wide as
    its row count needs (glide-data-grid: 32 px up to 100 rows, 36 to 1,000, 44 to 10,000, else 48;
    an import's 18 firms 33 px, the demo's 7,401 scored 45 px as drawn at 1280)."""
    marker = 48 if n_rows > 10_000 else 44 if n_rows > 1_000 else 36 if n_rows > 100 else 32
    return marker + 1


def ranking_edge_px(n_rows: int) -> int:
    """The width the ranking's columns take up to the table's edge at 1280 px beside a row marker for
    ``n_rows`` rows (:func:`ranking_marker_px`): the key columns and the columns shown after them
    whole (:func:`pages.efficiency.fitting.to_the_edge`), the last ending under the table's border
    and the next out of view (:data:`pages.efficiency.fitting.FLUSH_EDGE_PX`)."""
    return FLUSH_EDGE_PX - ranking_marker_px(n_rows)


def to_the_edges(table: pd.DataFrame, fitted: Fitted, edge_px: float = FLUSH_EDGE_PX) -> Fitted:
    """The columns of a ranking or a group's list after its key columns (``fitted``) shown while each
    fits whole, ending on a whole column at the table's edge at 1280 px (``edge_px``: the table's
    width less a row marker) and at 1920 px (:data:`pages.efficiency.fitting.WIDE_EXTRA_PX` more):
    walk20 a1, 「规模」 cut to 「规」 in a group's list, "Tax per mu (10k yu" in the ranking at 1920."""
    return to_the_edge(table, fitted, edge_px, wide_px=edge_px + WIDE_EXTRA_PX)


def screen_ranking(table: pd.DataFrame) -> tuple[pd.DataFrame, Fitted]:
    """A :func:`ranking_table` (``short``) as the screen draws it and its key columns' widths
    (:func:`fit_ranking`); where that leaves an enterprise's name broken inside it, the places broken
    only before their （…） ("盛泽镇先进纺织产业园 / （南区）") when that keeps the names whole (walk 16 item
    10: "吴江开发区芯联微 / 电子有限公司" beside a park's name on one line). The rank in the selection,
    right after them, whole in the table's width where the names and places broken before their
    （…） make it room (:func:`_room_for_selection`). A place's name too long for any width
    (:data:`pages.efficiency.fitting.PLACE_MAX_PX`) first shortened with an ellipsis: whole in the
    files and the column's help."""
    table = shortened_places(table, place_headers(table))  # walk21: a park of 59 characters
    table, fitted = _places_broken(*_names_whole(table, fit_ranking(table)))
    return _room_for_selection(table, fitted)


# The widest a place's name is drawn in a table of figures per place (no other text beside it): the
# English 区镇 ("Wujiang Hi-tech Zone (Shengze Town)", 280 px) whole, walk21's park of 59 characters cut.
BY_PLACE_MAX_PX = 2 * PLACE_MAX_PX


def _one_line_px(table: pd.DataFrame, col: str) -> float:
    """The width a column needs to be read whole on one line: its header, and its texts (a number's
    least and greatest as drawn, two decimals)."""
    values = table[col].dropna()
    if pd.api.types.is_numeric_dtype(values):
        texts = [f"{v:,.2f}" for v in (values.min(), values.max())] if len(values) else []
    else:
        texts = [str(v) for v in values.unique()]
    return max([text_px(col) + HEADER_PAD_PX, *(text_px(v) + CELL_PAD_PX for v in texts)])


def screen_by_place(table: pd.DataFrame) -> tuple[pd.DataFrame, Fitted]:
    """A table of figures per place (the D-class land per 区镇/园区: its first column the places) as
    the screen draws it: a place's name too long for :data:`BY_PLACE_MAX_PX` shortened with an
    ellipsis to what the figures leave beside it (whole in the files), the first column as wide as
    its texts, the columns after it while each fits whole, ending on a whole column at 1280 and
    1920 px (walk21 b2: a park of 59 characters drawn ~500 px and cut without an ellipsis, 「占参…」
    and "Class-D tax (10k yu…" cut at the edge)."""
    if not len(table.columns):
        return table, Fitted({}, None)
    first = table.columns[0]
    # a name cut to what the figures leave at 1280 (all in view), at least PLACE_MAX_PX
    room = FLUSH_EDGE_PX - sum(math.ceil(_one_line_px(table, c)) for c in table.columns[1:]) - 1
    table = shortened_places(table, [first], BY_PLACE_MAX_PX, max(room, PLACE_MAX_PX))
    return table, to_the_edges(table, Fitted({first: math.ceil(_one_line_px(table, first))}, None))


def _spaced_names(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with its names and places broken before their （…） (a line may break there only)."""
    spaced = table.copy()
    for col in (*name_headers(table), *place_headers(table)):
        spaced[col] = spaced[col].map(broken_before_brackets)
    return spaced


def _room_for_selection(table: pd.DataFrame, fitted: Fitted) -> tuple[pd.DataFrame, Fitted]:
    """The rank in the selection (the column right after the key columns, when a grouping is picked)
    read whole beside them at 1280 px (walk 18 c1: the columns after the keys are shown only while
    each fits whole, :func:`pages.efficiency.fitting.to_the_edge`, and the rank the user asked for
    was pushed a sideways scroll away): the key columns fitted in what it leaves, the names and places
    broken only before their （…） ("…有限公司 / （合成）"), where that keeps each name whole and the rows no
    taller; else as they were (the rank then a sideways scroll away, never drawn cut)."""
    keys = key_headers(table)
    sel = {t("eff.col.rank_sel", lang) for lang in ("zh", "en")}
    after = list(table.columns)[len(keys) : len(keys) + 1]
    if not after or after[0] not in sel:
        return table, fitted
    values = table[after[0]].dropna()
    need = max([text_px(after[0]) + HEADER_PAD_PX, *(text_px(f"{v:,}") + CELL_PAD_PX for v in values)])
    edge = ranking_edge_px(len(table))
    if sum(fitted.widths.values()) + need <= edge:
        return table, fitted
    spaced, names = _spaced_names(table), name_headers(table)
    trial = fit_columns(
        spaced, keys, budget_px=edge - need, names=[*names, *place_headers(table)], phrases=PHRASES
    )
    words = [w for n in names for v in spaced[n].dropna().astype(str) for w in v.split(" ")]
    whole = max((text_px(w) for w in words), default=0.0) + CELL_PAD_PX
    taller = (trial.row_px or 0) > (fitted.row_px or 0)
    if sum(trial.widths.values()) + need > edge or taller:
        return table, fitted
    if any(trial.widths.get(n, 0) < whole for n in names):
        return table, fitted
    return spaced, trial


def places_spaced(table: pd.DataFrame, places: Sequence[str]) -> pd.DataFrame | None:
    """``table`` with its ``places`` columns broken before their （…） (:func:`broken_before_brackets`),
    or None where no place has such a part."""
    spaced = table.copy()
    for col in places:
        spaced[col] = spaced[col].map(broken_before_brackets)
    return None if spaced[places].equals(table[places]) else spaced


def _names_whole(table: pd.DataFrame, fitted: Fitted) -> tuple[pd.DataFrame, Fitted]:
    """:func:`screen_ranking`'s first step: the places broken before their （…） where the names are
    broken inside them otherwise."""
    names, places = name_headers(table), place_headers(table)
    if not names or not places:
        return table, fitted
    whole = max((text_px(v) for v in table[names[0]].dropna().astype(str)), default=0.0) + CELL_PAD_PX
    if fitted.widths.get(names[0], whole) >= whole:
        return table, fitted
    spaced = places_spaced(table, places)
    if spaced is None:
        return table, fitted
    trial = fit_columns(spaced, key_headers(spaced), names=[*names, *places], phrases=PHRASES)
    if trial.widths.get(names[0], 0) >= whole and sum(trial.widths.values()) <= KEY_COLUMNS_PX:
        return spaced, trial
    return table, fitted


def _places_broken(table: pd.DataFrame, fitted: Fitted) -> tuple[pd.DataFrame, Fitted]:
    """:func:`screen_ranking`'s second step: where the key columns still do not fit the budget (the
    names on three lines beside places on one line: walk21, a stated 「东太湖度假区（太湖新城）」 beside a
    park shortened to 「吴江高新区（盛泽镇）东方…」), the places broken before their （…） and the names
    wrapped in what that leaves, when each place's parts are then whole."""
    places = place_headers(table)
    if not places or sum(fitted.widths.values()) <= KEY_COLUMNS_PX:
        return table, fitted
    spaced = places_spaced(table, places)
    if spaced is None:
        return table, fitted
    trial = fit_columns(
        spaced, key_headers(spaced), names=places, phrases=PHRASES, long_words=name_headers(table)
    )
    parts = {
        c: [p for v in spaced[c].dropna().astype(str).unique() for p in v.split(PLACE_BREAK)] for c in places
    }
    whole = all(text_px(p) + CELL_PAD_PX <= trial.widths.get(c, 0) for c, ps in parts.items() for p in ps)
    if whole and sum(trial.widths.values()) <= KEY_COLUMNS_PX:
        return spaced, trial
    return table, fitted


def merged_options(config: dict, extra: dict) -> dict:
    """``st.dataframe`` column options: ``extra``'s per column merged into ``config``'s (a column's
    help beside its number format, not instead of it: 综合得分 lost its two decimals)."""
    out = dict(config)
    for col, options in extra.items():
        out[col] = {**(out.get(col) or {}), **options}
    return out


def key_help(
    table: pd.DataFrame, lang: Lang, *, by: Sequence[str] = (SIZE_COL,)
) -> dict[str, dict[str, str]]:
    """``st.dataframe`` column options: the help of a :func:`ranking_table`'s 区镇, stated town and
    shortfalls columns (what the short names stand for, where the full words are) and of its two
    ranks (what each ranks within: the selection's the groups ``by``)."""
    labels, screen = table_labels(lang), screen_labels(lang)
    helps = {
        labels[ZONE_COL]: "eff.col.zone_help",
        labels["town"]: "eff.col.town_help",
        screen["score"]: "eff.col.score_help",
        labels["reasons"]: "eff.col.reasons_help",
        eval_rank_label(lang): "eff.col.rank_eval_help",
    }
    out = {col: {"help": t(key, lang)} for col, key in helps.items() if col in table.columns}
    short = screen_rank_label(by, lang)
    if short in table.columns:
        parts = [t("eff.rank.size", lang) if d == SIZE_COL else t(f"eff.dim.{d}", lang) for d in by]
        out[short] = {"help": t("eff.col.rank_sel_help", lang).format(groups=" × ".join(parts))}
    return out


def ties_note(tie_order: Sequence[str], lang: Lang) -> str:
    """How the ranking treats the same score: the same rank, the next skipped, listed by
    ``tie_order`` (the configuration's ``classes.tie_order``)."""
    if not tie_order:
        return t("eff.table.ties_by_id", lang)
    sep = "、" if lang == "zh" else ", "
    labels = [RATIOS_BY_KEY[k] for k in tie_order]
    keys = sep.join(r.label_zh if lang == "zh" else r.label_en for r in labels)
    return t("eff.table.ties", lang).format(keys=keys)


def count_delta(delta: int | None, *, worse_up: bool) -> dict:
    """``st.metric`` options for a count's change since last year: "+3" green (red when more is
    worse, as for classes C and D), "-2" the other way; no change is a grey "±0" without an arrow
    (a red "↑ +0" read as a rise)."""
    if delta is None:
        return {"delta": None}
    if delta == 0:
        return {"delta": "±0", "delta_color": "off", "delta_arrow": "off"}
    return {"delta": f"{delta:+,}", "delta_color": "inverse" if worse_up else "normal"}


def score_delta(change: float | None, *, digits: int = 2) -> dict:
    """``st.metric`` options for a score's change since last year: "+1.25" / "-0.40" with their
    arrows; a change that shows as zero at ``digits`` decimals is a grey "±0.00" without an arrow
    (a green "↑ +0.00" read as a rise)."""
    if change is None or pd.isna(change):
        return {"delta": None}
    shown = round(float(change), digits)
    if shown == 0:
        return {"delta": f"±{0:.{digits}f}", "delta_color": "off", "delta_arrow": "off"}
    return {"delta": f"{shown:+.{digits}f}"}


# The columns of the year-on-year changes shown and exported, in this order.
CHANGE_COLUMNS = (
    ID_COL,
    "from_class",
    "to_class",
    "moved_by",
    "score_prev",
    "score",
    "score_change",
    "steps",
    "name",
    ZONE_COL,
    "industry",
    "land_mu",
)


# The profile's yearly table (企业画像): what a reader looks for first — the year, its score, class,
# rank and warnings, read at 1280 px without a sideways scroll — then the other ranks, the
# shortfalls, the enterprise's own words and its figures (the amounts).
PROFILE_COLUMNS = (
    YEAR_COL,
    "score",
    CLASS_COL,
    "rank",
    "warnings",
    "rank_in_industry",
    "rank_in_zone",
    "rank_in_size",
    "status",
    "reasons",
    "land_mu",
    "sales_wan_yuan",
    "tax_wan_yuan",
    "tax_per_mu_wan_yuan",
    "sales_per_mu_wan_yuan",
    "value_added_per_mu_wan_yuan",
    "tax_per_kwh_yuan",
    "name",
    "industry",
    ZONE_COL,
    "town",
    SIZE_COL,
)


def profile_table(profile: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """An enterprise's years (:func:`geo.yearly.enterprise_profile`) as the profile shows them:
    the columns in :data:`PROFILE_COLUMNS` order (any others after), the years named, and in
    English the industry, 区镇, size, status and shortfalls in English (the shortfalls in full, as
    the downloads; the ranking names them short), headed by :func:`table_labels`."""
    if not town_says_more(profile):
        profile = profile.drop(columns=["town"], errors="ignore")
    first = [c for c in PROFILE_COLUMNS if c in profile.columns]
    out = plain(profile[first + [c for c in profile.columns if c not in first]])
    out[YEAR_COL] = out[YEAR_COL].map(lambda y: year_label(y, lang))
    if lang == "en":
        out = english_values(out)
    out = dash_unknown_places(out)
    if "rank" in out.columns:
        out["rank"] = pd.array(pd.to_numeric(out["rank"], errors="coerce").round(), dtype="Int64")
    return out.rename(columns=table_labels(lang))


def profile_heading(profile: pd.DataFrame, ent_id: str, lang: Lang) -> str:
    """The profile's line above its table: name · id · industry · 区镇 of the latest year (— when
    it lies in none) and the town it states where that says more (:func:`town_says_more`); the
    industry and the places in English on the English page, the firm's name as the data has it (a
    synthetic demo firm's mark in English)."""
    latest = dash_unknown_places(profile.iloc[[-1]]).iloc[0]
    industry, zone = latest.get("industry", ""), latest.get(ZONE_COL, "")
    if lang == "en":
        industry = industry_name(industry, "en") if isinstance(industry, str) else industry
        zone = own_place_name(zone, "en") if isinstance(zone, str) else zone
    parts = [firm_name(latest.get("name", ""), lang), ent_id, industry, zone]
    if town_says_more(profile.iloc[[-1]]):  # the town it states, named as stated
        town = latest["town"]
        sep = "：" if lang == "zh" else ": "
        parts.append(
            f"{table_labels(lang)['town']}{sep}{own_place_name(town, 'en') if lang == 'en' else town}"
        )
    return " · ".join(str(v) for v in parts)


def changes_table(changes: pd.DataFrame, columns: Sequence[str], lang: Lang) -> pd.DataFrame:
    """The year-on-year changes (``columns`` of ``changes``) as shown and exported: in English the
    区镇 and the industries in English too (the movers' indicators are in ``moved_by_en``)."""
    out = plain(changes[list(columns)])
    return (english_values(out) if lang == "en" else out).rename(columns=table_labels(lang))


def year_label(year: int, lang: Lang) -> str:
    """A year as the page names it ("2024 年", or the undated table's name)."""
    return t("eff.year.undated", lang) if year == UNDATED else t("eff.year.label", lang).format(year=year)


def matrix_view(matrix: pd.DataFrame, value: str, lang: Lang) -> pd.DataFrame:
    """The class transition matrix as a wide table of ``value`` (counts or land), totals named."""
    wide = yearly.transition_table(matrix, value=value)
    total = t("eff.total", lang)
    wide = wide.rename(index={"合计": total}, columns={"合计": total})
    wide.index.name = t("eff.cmp.rows", lang)
    return wide.reset_index()
