"""The list to publish (公示) as an XLSX, and the words every evaluation export carries: the year,
the filters and the configuration (method, weights, benchmarks, cut-offs) it was made with."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

import pandas as pd

from geo.errors import DataValidationError
from geo.evaluation import (
    CLASS_COL,
    CLASS_LABELS_T,
    CLASSES_T,
    SIZE_GROUPS,
    EvaluationConfig,
    classes_with_t,
)
from geo.evaluation.compounds import allocation_words
from geo.evaluation.metrics import ID_COL, RATIOS_BY_KEY, ZONE_COL, ratio_label
from geo.exports.cells import formula_safe
from geo.messages import joined, labelled, message

OBJECTION_DAYS = 3  # 黄岩: xlsx lists with a 3-day objection period (DOMAIN.md §7); the page may change it


def _size_name(group: str, lang: str) -> str:
    """规上 / 规下 in ``lang`` (above-size / below-size); any other group as named."""
    if group in SIZE_GROUPS:
        return message("yearly.size_above" if group == SIZE_GROUPS[0] else "yearly.size_below", lang)
    return group


def _group_name(config: EvaluationConfig, group: str, lang: str) -> str:
    """A list's group in ``lang``: a configured group by its own name (``name_en`` in English), else
    规上 / 规下 by :func:`_size_name`."""
    for g in config.groups:
        if g.name == group:
            return g.name_en if lang == "en" else g.name
    return _size_name(group, lang)


def _weights_body(weights: Mapping[str, float], lang: str, *, digits: int | None = 2) -> str:
    """``亩均税收 40、亩均销售收入 20（合计 60）``: the weights given (> 0) with their total, each
    rounded to ``digits`` decimals (None: as they are)."""
    shown = {k: (w if digits is None else round(w, digits)) for k, w in weights.items() if w > 0}
    total = sum(w for w in weights.values() if w > 0)
    body = joined((f"{ratio_label(k, with_unit=False, lang=lang)} {w:g}" for k, w in shown.items()), lang)
    return message(
        "yearly.weights_total", lang, weights=body, total=total if digits is None else round(total, digits)
    )


def _weights_text(config: EvaluationConfig, lang: str, used: pd.DataFrame | None = None) -> str:
    """The weights per size group; with ``used`` (an evaluation's effective weights, groups as
    rows), those: indicators left out for want of data are not named, the others scaled up."""
    parts = []
    for group in SIZE_GROUPS:
        on = config.score_above_scale if group == SIZE_GROUPS[0] else config.score_below_scale
        if not on:
            continue
        given = config.weights_for(group)
        if used is not None and group in used.index:
            given = {k: float(used.loc[group, k]) for k in given if k in used.columns}
        parts.append(labelled(_size_name(group, lang), _weights_body(given, lang), lang))
    return joined(parts, lang, mark="clause")


def _cutoffs_text(config: EvaluationConfig, lang: str) -> str:
    if config.class_method == "percentile":
        c = config.percentile_cutoffs
        return message("yearly.cutoffs_percentile", lang, a=c["A"], b=c["B"], c=c["C"])
    c = config.score_cutoffs
    return message("yearly.cutoffs_score", lang, a=c["A"], b=c["B"], c=c["C"])


def method_text(config: EvaluationConfig, lang: str = "zh") -> str:
    """The method in one paragraph: formula, benchmark rule, cap, who is scored, T class."""
    cap = (
        message("yearly.cap", lang, times=config.max_ratio)
        if config.max_ratio
        else message("yearly.no_cap", lang)
    )
    excluded = config.exclusion_industries
    return message(
        "yearly.method_text",
        lang,
        mean=message(
            "yearly.mean_pooled" if config.benchmark_mean == "pooled" else "yearly.mean_simple", lang
        ),
        multiple=config.benchmark_multiple,
        cap=cap,
        min_land=config.below_scale_min_land_mu,
        exclusions=joined(excluded, lang) if excluded else message("yearly.no_exclusions", lang),
        min_years=config.min_years_in_production,
        cutoffs=_cutoffs_text(config, lang),
        ranking=message(
            "yearly.ranked_by_size" if config.rank_within == "size" else "yearly.ranked_together", lang
        ),
    )


def config_summary(config: EvaluationConfig, lang: str = "zh", *, used: pd.DataFrame | None = None) -> str:
    """Weights, benchmark rule and cut-offs in one line (for CSV columns and map subtitles);
    ``used``: the evaluation's effective weights, shown instead of the configured ones."""
    bench = message("yearly.benchmark", lang, times=config.benchmark_multiple)
    named = config.method_title(lang)
    method = [message("yearly.method", lang, title=named)] if named else []
    parts = [*method, _weights_text(config, lang, used), bench, _cutoffs_text(config, lang)]
    return joined(parts, lang, mark="clause")


def filters_text(filters: Mapping[str, Sequence[str] | str], lang: str = "zh") -> str:
    """The page's filters as words; an empty selection reads 全部 / all. The names and values are
    written as given: pass them in ``lang`` (``pages.efficiency.scope.scope_words``)."""
    everything = message("yearly.filters_all", lang)
    parts = []
    for name, chosen in filters.items():
        values = [chosen] if isinstance(chosen, str) else list(chosen)
        parts.append(labelled(name, joined(values, lang) if values else everything, lang))
    return joined(parts, lang, mark="clause") if parts else everything


def export_columns(
    table: pd.DataFrame, *, year: int | None, filters: str, config: EvaluationConfig, lang: str = "zh"
) -> pd.DataFrame:
    """A copy of ``table`` with three columns saying what it was made with: year, filters, configuration."""
    out = table.copy()
    names = tuple(message(f"yearly.column_{what}", lang) for what in ("year", "filters", "config"))
    out[names[0]] = year if year is not None else ""
    out[names[1]] = filters
    out[names[2]] = config_summary(config, lang)
    return out


def parameter_rows(
    config: EvaluationConfig,
    benchmarks: pd.DataFrame,
    *,
    year: int | None,
    filters: str,
    lang: str = "zh",
) -> pd.DataFrame:
    """Rows (item, value) for an export's parameter sheet: year, filters, method, weights,
    each benchmark with its unit, cut-offs."""
    source = f"{config.method_title(lang)} · {config.method.get('source', '')}"
    rows = [
        (message("yearly.param.year", lang), "" if year is None else str(year)),
        (message("yearly.param.filters", lang), filters),
        *([(message("yearly.param.source", lang), source)] if config.method else []),
        (message("yearly.param.method", lang), method_text(config, lang)),
        (message("yearly.param.weights", lang), _weights_text(config, lang)),
        (message("yearly.param.classes", lang), _cutoffs_text(config, lang)),
    ]
    for group in benchmarks.index:
        for key in benchmarks.columns:
            value = benchmarks.loc[group, key]
            if value == value:
                item = message(
                    "yearly.param.benchmark",
                    lang,
                    group=_group_name(config, str(group), lang),
                    indicator=ratio_label(key, lang=lang),
                )
                rows.append((item, f"{value:,.4g}"))
    return pd.DataFrame(
        rows, columns=[message("yearly.param.item", lang), message("yearly.param.value", lang)]
    )


NOTICE_COLUMNS = (ID_COL, "name", ZONE_COL, "industry", "size_class", "land_mu", "score", CLASS_COL, "status")
_NOTICE_HEAD = {
    ID_COL: "企业编号",
    "name": "企业名称",
    ZONE_COL: "区镇/园区",
    "industry": "行业",
    "size_class": "规模",
    "land_mu": "用地面积（亩）",
    "score": "综合得分（分）",
    CLASS_COL: "类别",
    "status": "说明",
}


def notice_xlsx_bytes(
    evaluated: pd.DataFrame,
    config: EvaluationConfig,
    benchmarks: pd.DataFrame,
    *,
    year: int | None,
    title: str,
    filters: str,
    source: str = "",
    objection_days: int = OBJECTION_DAYS,
    when: date | None = None,
) -> bytes:
    """The 公示 workbook: sheet 公示 with the title, year, method, weights, benchmarks, cut-offs
    and then the class lists A, B, C, D, T (each ranked by score, T with its reason); one sheet
    per class as well. Names and other user text are written as cell values (never formulas).

    Raises
    ------
    DataValidationError
        When the frame is not an evaluation result.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    for col in (ID_COL, CLASS_COL, "scored", "score"):
        if col not in evaluated.columns:
            raise DataValidationError.of("yearly.notice_needs_column", column=col)
    cls = classes_with_t(evaluated).astype(object)
    frame = evaluated.assign(**{CLASS_COL: cls.to_numpy()})
    wb = Workbook()
    ws = wb.active
    ws.title = "公示"
    bold = Font(bold=True)
    year_text = f"{year} 年度" if year is not None else ""
    _append_text_safe(ws, [title or f"{year_text}工业企业资源集约利用综合评价结果公示"])
    ws["A1"].font = Font(bold=True, size=14)
    _append_text_safe(ws, [f"评价年份：{year if year is not None else '未标明'}"])
    _append_text_safe(ws, [f"范围：{filters}"])
    start = when or date.today()
    end = start + timedelta(days=max(objection_days, 1) - 1)
    _append_text_safe(
        ws,
        [
            f"公示日期：{start.isoformat()}；公示期：{start.isoformat()} 至 {end.isoformat()}"
            f"（共 {objection_days} 天），期间如有异议请向主管部门书面反映。"
        ],
    )
    if source:
        _append_text_safe(ws, [f"数据来源：{source}"])
    ws.append([])
    _append_text_safe(ws, ["一、评价方法"])
    ws.cell(ws.max_row, 1).font = bold
    _append_text_safe(ws, [method_text(config, "zh")])
    ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=False)
    _append_text_safe(ws, ["二、指标权重"])
    ws.cell(ws.max_row, 1).font = bold
    _append_text_safe(ws, ["规模", "指标", "权重（分）"])
    for group in SIZE_GROUPS:
        for key, w in config.weights_for(group).items():
            if w > 0:
                _append_text_safe(ws, [group, ratio_label(key), float(w)])
    _append_text_safe(ws, ["三、基准值"])
    ws.cell(ws.max_row, 1).font = bold
    _append_text_safe(ws, ["规模", "指标", "基准值"])
    for group in benchmarks.index:
        for key in benchmarks.columns:
            value = benchmarks.loc[group, key]
            if value == value:
                _append_text_safe(ws, [str(group), ratio_label(key), round(float(value), 4)])
    _append_text_safe(ws, ["四、分类标准"])
    ws.cell(ws.max_row, 1).font = bold
    _append_text_safe(ws, [_cutoffs_text(config, "zh")])
    _append_text_safe(ws, ["五、评价结果名单"])
    ws.cell(ws.max_row, 1).font = bold
    cols = [c for c in NOTICE_COLUMNS if c in frame.columns]
    for c in CLASSES_T:
        part = frame[frame[CLASS_COL] == c].sort_values("score", ascending=False, kind="stable")
        _append_text_safe(ws, [f"{c} 类（{CLASS_LABELS_T[c]}）：{len(part)} 家"])
        ws.cell(ws.max_row, 1).font = bold
        _append_text_safe(ws, ["序号", *[_NOTICE_HEAD[k] for k in cols]])
        for i, row in enumerate(part[cols].itertuples(index=False), start=1):
            _append_text_safe(ws, [i, *[_cell(v) for v in row]])
        sheet = wb.create_sheet(f"{c} 类名单")
        _append_text_safe(sheet, ["序号", *[_NOTICE_HEAD[k] for k in cols]])
        for i, row in enumerate(part[cols].itertuples(index=False), start=1):
            _append_text_safe(sheet, [i, *[_cell(v) for v in row]])
    _group_sheets(wb, frame, config, benchmarks, title=title or "评价结果公示")
    ws.column_dimensions["A"].width = 14
    for letter in "BCDEFGHIJ":
        ws.column_dimensions[letter].width = 22
    for sheet in wb.worksheets:
        _print_setup(sheet, header_row=sheet is not ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


GROUP_COLUMNS = ("rank", "land_role", "land_host_name", "land_share")
_GROUP_HEAD = {
    **_NOTICE_HEAD,
    "rank": "组内排名",
    "land_role": "用地身份",
    "land_host_name": "房东（土地权利人）",
    "land_share": "用地分摊比例",
}
_SHEET_BAD = str.maketrans({c: "_" for c in "[]:*?/\\"})


def group_method_rows(
    config: EvaluationConfig, group: str, benchmarks: pd.DataFrame, lang: str = "zh"
) -> list[tuple[str, str]]:
    """What one group's list was made with: (item, text) for its weights, benchmarks and classes;
    a group only listed says so. ``group`` is a configured group's name, or (without groups) 规上 /
    规下 / the 规下 below the land minimum."""
    configured = {g.name: g for g in config.groups}
    if group in configured:
        g = configured[group]
        scored, weights = g.scored, dict(g.weights)
        cut_config = replace(
            config,
            class_method=g.class_method or config.class_method,
            percentile_cutoffs=g.percentile_cutoffs or config.percentile_cutoffs,
            score_cutoffs=g.score_cutoffs or config.score_cutoffs,
        )
    elif not config.groups and group in SIZE_GROUPS:
        on = config.score_above_scale if group == SIZE_GROUPS[0] else config.score_below_scale
        scored, weights, cut_config = on, config.weights_for(group), config
    else:
        scored, weights, cut_config = False, {}, config
    if not scored:
        return [(message("yearly.group.method", lang), message("yearly.group.listed_only", lang))]
    order = list(RATIOS_BY_KEY)  # the indicators in the catalogue's order
    weights = {k: weights[k] for k in sorted(weights, key=order.index) if weights[k] > 0}
    rows = [(message("yearly.group.weights", lang), _weights_body(weights, lang, digits=None))]
    if group in benchmarks.index:
        values = benchmarks.loc[group]
        text = joined(
            (
                f"{ratio_label(k, lang=lang)} {float(v):,.4g}"
                for k, v in values.items()
                if v == v and k in weights
            ),
            lang,
            mark="clause",
        )
        rows.append((message("yearly.group.benchmarks", lang), text))
    cutoffs = _cutoffs_text(cut_config, lang)
    rows.append(
        (message("yearly.group.classes", lang), message("yearly.group.cutoffs", lang, cutoffs=cutoffs))
    )
    return rows


def _group_sheets(
    wb, frame: pd.DataFrame, config: EvaluationConfig, benchmarks: pd.DataFrame, *, title: str
) -> None:
    """One sheet per group (规上, 规下 …, tenants): the group's method and weights, then its list,
    scored enterprises by rank and the rest (T) with their reasons."""
    from openpyxl.styles import Font

    if "eval_group" not in frame.columns:
        return
    group = frame["eval_group"]
    names = list(group.cat.categories) if isinstance(group.dtype, pd.CategoricalDtype) else sorted(set(group))
    cols = [c for c in (*NOTICE_COLUMNS[:-2], *GROUP_COLUMNS, *NOTICE_COLUMNS[-2:]) if c in frame.columns]
    if "land_role" in frame.columns:
        frame = allocation_words(frame)
    for name in names:
        part = frame[group.astype(object) == name]
        if part.empty:
            continue
        part = part.sort_values(["score"], ascending=False, kind="stable", na_position="last")
        sheet = wb.create_sheet(f"{str(name).translate(_SHEET_BAD)} 名单"[:31])
        _append_text_safe(sheet, [f"{title} · {name}（{len(part)} 家）"])
        sheet["A1"].font = Font(bold=True)
        for item, text in group_method_rows(config, str(name), benchmarks):
            _append_text_safe(sheet, [item, text])
        sheet.append([])
        _append_text_safe(sheet, ["序号", *[_GROUP_HEAD[k] for k in cols]])
        for i, row in enumerate(part[cols].itertuples(index=False), start=1):
            _append_text_safe(sheet, [i, *[_cell(v) for v in row]])


def _print_setup(ws, *, header_row: bool) -> None:
    """A4 landscape, one page wide, centred, page numbers in the footer; a list's header row
    repeated on every printed page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    if header_row:
        ws.print_title_rows = "1:1"


def _append_text_safe(ws, values: list) -> None:
    """Append a row; text cells are string cells, never formulas, and those starting with a formula
    character get a leading ``'`` (:func:`geo.exports.cells.formula_safe`) so re-entering them is safe too."""
    ws.append([formula_safe(v) for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _cell(value):
    """A cell value: numbers as numbers, NaN empty, anything else as text."""
    if value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, int | bool):
        return value
    return str(value)
