"""The list to publish (公示) as an XLSX, and the words every evaluation export carries: the year,
the filters and the configuration (method, weights, benchmarks, cut-offs) it was made with."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from geo.errors import DataValidationError
from geo.evaluation import (
    CLASS_COL,
    CLASSES_T,
    SIZE_GROUPS,
    EvaluationConfig,
    classes_with_t,
    list_order,
)
from geo.evaluation.compounds import allocation_words
from geo.evaluation.metrics import ID_COL, ZONE_COL, ratio_label
from geo.evaluation.summary import NO_ENTERPRISES, dropped_reasons
from geo.exports.blanks import dash_unknown_places, town_says_more, without_empty_columns
from geo.exports.sheets import sheet_names
from geo.messages import Lang, joined, labelled, message
from geo.messages.formats import beijing_today
from geo.messages.names import industry_name
from geo.number_formats import FORMATS, NumberFormat, as_text, measure_of
from geo.yearly.notice_words import notice_values, size_name
from geo.yearly.period import ObjectionPeriod, load_objection_period, period_end, period_length

if TYPE_CHECKING:  # the writer is imported when a workbook is written, not with the page
    from geo.exports.streamed import StreamedSheet, StreamedWorkbook


def _size_name(group: str, lang: str) -> str:
    """规上 / 规下 (and 规下 under the land minimum) in ``lang``; any other group as named."""
    return str(size_name(group, lang))


def group_name(config: EvaluationConfig, group: str, lang: str) -> str:
    """A list's group in ``lang``: a configured group by its own name (``name_en`` in English), else
    规上 / 规下 (and 规下 under the land minimum) by :func:`geo.yearly.notice_words.size_name`."""
    for g in config.groups:
        if g.name == group and (lang != "en" or g.name_en != g.name):
            return g.name_en if lang == "en" else g.name
    return _size_name(group, lang)  # (a configured 规上 without an English name: above designated size)


# Why an indicator was left out of a group's score: ``{(group, indicator): {"zh": ..., "en": ...}}``
# (:func:`geo.evaluation.summary.dropped_reasons`: 全员劳动生产率缺少工业增加值数据).
Why = Mapping[tuple[str, str], Mapping[str, str]]


def dropped_reason(why: Why | None, group: str, key: str, lang: str) -> str | None:
    """Why ``key`` was left out of ``group``'s score in ``lang`` (its missing inputs named, else its
    benchmark failed); None without ``why`` (the files then say only 无数据)."""
    if why is None:
        return None
    said = (why.get((str(group), key)) or {}).get(lang)
    label = ratio_label(key, with_unit=False, lang=lang)
    return said or message("evaluation.dropped_no_benchmark", lang, label=label)


def group_empty(why: Why | None, group: str) -> bool:
    """Whether ``group`` had no enterprise at all (:data:`geo.evaluation.summary.NO_ENTERPRISES`):
    the files then say 「无企业，未评价」 once, not its weights and benchmarks."""
    return why is not None and (str(group), NO_ENTERPRISES) in why


def group_empty_words(why: Why | None, group: str, lang: str) -> str:
    """What an empty group's line says: 「无企业，未评价」, or the words ``why`` gives it (the page's
    scope: 「本范围无企业」, walk 14 item 8)."""
    said = ((why or {}).get((str(group), NO_ENTERPRISES)) or {}).get(lang)
    return said or message("yearly.notice.group_empty", lang)


def dropped_note(why: Why | None, group: str, key: str, lang: str) -> str:
    """The weights table's note on an indicator left out: 「全员劳动生产率缺少工业增加值数据，未参评；其
    权重按比例分给其余指标」 (as the 公示 results workbook says it); without ``why`` 「无数据，未参评；…」."""
    reason = dropped_reason(why, group, key, lang)
    if reason is None:
        return message("yearly.notice.weight_dropped", lang)
    return message("publication.weight_dropped_why", lang, why=reason)


def _weights_said(
    given: Mapping[str, float],
    used: pd.DataFrame | None,
    group: str,
    lang: str,
    *,
    digits: int | None = 2,
    why: Why | None = None,
) -> str:
    """The configured weights of ``group``; where an indicator was dropped for want of data (its
    weight in ``used`` is 0), also the weights the others were rescaled to, and with ``why`` which
    inputs it lacked."""
    body = _weights_body(given, lang, digits=digits)
    if used is None or group not in used.index:
        return body
    effective = {k: float(used.loc[group, k]) for k in given if k in used.columns}
    dropped = [k for k, w in given.items() if w > 0 and not effective.get(k, 0) > 0]
    if not dropped or not any(w > 0 for w in effective.values()):
        return body
    if why is not None:
        reasons = [dropped_reason(why, group, k, lang) for k in dropped]
        return message(
            "yearly.weights_rescaled_why",
            lang,
            weights=body,
            why=joined(reasons, lang) if lang == "zh" else " and ".join(map(str, reasons)),
            used=_weights_body(effective, lang),
        )
    return message(
        "yearly.weights_rescaled",
        lang,
        weights=body,
        dropped=joined((ratio_label(k, with_unit=False, lang=lang) for k in dropped), lang),
        used=_weights_body(effective, lang),
    )


def _weights_body(weights: Mapping[str, float], lang: str, *, digits: int | None = 2) -> str:
    """``亩均税收 40、亩均销售收入 20（合计 60）``: the weights given (> 0) with their total, each
    rounded to ``digits`` decimals (None: as they are)."""
    shown = {k: (w if digits is None else round(w, digits)) for k, w in weights.items() if w > 0}
    total = sum(w for w in weights.values() if w > 0)
    body = joined((f"{ratio_label(k, with_unit=False, lang=lang)} {w:g}" for k, w in shown.items()), lang)
    return message(
        "yearly.weights_total", lang, weights=body, total=total if digits is None else round(total, digits)
    )


def _weights_text(
    config: EvaluationConfig, lang: str, used: pd.DataFrame | None = None, why: Why | None = None
) -> str:
    """The configured weights per size group; with ``used`` (an evaluation's effective weights,
    groups as rows) that differ from them (an indicator left out for want of data, the others
    scaled up), those too, labelled as rescaled: both figures, so that a map's subtitle, a table's
    configuration column and the page's group list say the same weights."""
    parts = []
    for group in SIZE_GROUPS:
        on = config.score_above_scale if group == SIZE_GROUPS[0] else config.score_below_scale
        if not on:
            continue
        given = config.weights_for(group)
        if group_empty(why, group):
            parts.append(labelled(_size_name(group, lang), group_empty_words(why, group, lang), lang))
            continue
        body = _weights_said(given, used, group, lang, why=why)
        parts.append(labelled(_size_name(group, lang), body, lang))
    return joined(parts, lang, mark="clause")


def _cutoffs_text(config: EvaluationConfig, lang: str) -> str:
    if config.class_method == "percentile":
        c = config.percentile_cutoffs
        return message("yearly.cutoffs_percentile", lang, a=c["A"], b=c["B"], c=c["C"])
    c = config.score_cutoffs
    return message("yearly.cutoffs_score", lang, a=c["A"], b=c["B"], c=c["C"])


def _within(config: EvaluationConfig, lang: str) -> str:
    """Whose mean a benchmark is (``benchmark.within``): each size group's own, or the area's."""
    return message("yearly.within_size" if config.benchmark_within == "size" else "yearly.within_all", lang)


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
        within=_within(config, lang),
        multiple=config.benchmark_multiple,
        cap=cap,
        min_land=config.below_scale_min_land_mu,
        exclusions=joined([industry_name(i, lang) for i in excluded], lang)
        if excluded
        else message("yearly.no_exclusions", lang),
        min_years=config.min_years_in_production,
        cutoffs=_cutoffs_text(config, lang),
        ranking=message(
            "yearly.ranked_by_size" if config.rank_within == "size" else "yearly.ranked_together", lang
        ),
    )


def config_summary(
    config: EvaluationConfig, lang: str = "zh", *, used: pd.DataFrame | None = None, why: Why | None = None
) -> str:
    """Weights, benchmark rule and cut-offs in one line (for CSV columns and map subtitles);
    ``used``: the evaluation's effective weights, named beside the configured ones where an
    indicator was left out for want of data (:func:`_weights_text`), with ``why`` the inputs it
    lacked (:data:`Why`)."""
    bench = message("yearly.benchmark", lang, within=_within(config, lang), times=config.benchmark_multiple)
    named = config.method_title(lang)
    method = [message("yearly.method", lang, title=named)] if named else []
    parts = [*method, _weights_text(config, lang, used, why), bench, _cutoffs_text(config, lang)]
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
    table: pd.DataFrame,
    *,
    year: int | None,
    filters: str,
    config: EvaluationConfig,
    lang: str = "zh",
    used: pd.DataFrame | None = None,
    why: Why | None = None,
) -> pd.DataFrame:
    """A copy of ``table`` with three columns saying what it was made with: year, filters, configuration
    (``used``: the evaluation's effective weights, ``why``: what a dropped indicator lacked, see
    :func:`config_summary`)."""
    out = table.copy()
    names = tuple(message(f"yearly.column_{what}", lang) for what in ("year", "filters", "config"))
    out[names[0]] = year if year is not None else ""
    out[names[1]] = filters
    out[names[2]] = config_summary(config, lang, used=used, why=why)
    return out


def benchmark_format(indicator: str) -> NumberFormat:
    """The number format of an indicator's benchmark: its measure's (:mod:`geo.number_formats`:
    亩均税收 in 万元/亩 money ``#,##0.00``, R&D 经费占比 a share ``0.0``)."""
    return FORMATS[measure_of(indicator) or "number"]


def benchmark_text(indicator: str, value: float) -> str:
    """An indicator's benchmark as the page, the 公示 workbook and the parameters write it, in its
    measure's format (``1,059.84``; :func:`benchmark_format`)."""
    return as_text(value, benchmark_format(indicator).measure)


def parameter_rows(
    config: EvaluationConfig,
    benchmarks: pd.DataFrame,
    *,
    year: int | None,
    filters: str,
    lang: str = "zh",
    used: pd.DataFrame | None = None,
    why: Why | None = None,
) -> pd.DataFrame:
    """Rows (item, value) for an export's parameter sheet: year, filters, method, weights (with
    ``used``, the effective ones too where they differ: :func:`config_summary`), each benchmark
    with its unit, cut-offs."""
    source = f"{config.method_title(lang)} · {config.method.get('source', '')}"
    rows = [
        (message("yearly.param.year", lang), "" if year is None else str(year)),
        (message("yearly.param.filters", lang), filters),
        *([(message("yearly.param.source", lang), source)] if config.method else []),
        (message("yearly.param.method", lang), method_text(config, lang)),
        (message("yearly.param.weights", lang), _weights_text(config, lang, used, why)),
        (message("yearly.param.classes", lang), _cutoffs_text(config, lang)),
    ]
    for group in benchmarks.index:
        if group_empty(why, str(group)):
            continue
        weights = _group_weights(config, str(group))  # only what the group is scored on (walk 14 item 8)
        for key in benchmarks.columns:
            value = benchmarks.loc[group, key]
            if value == value and weights.get(key, 0) > 0:
                item = message(
                    "yearly.param.benchmark",
                    lang,
                    group=group_name(config, str(group), lang),
                    indicator=ratio_label(key, lang=lang),
                )
                rows.append((item, benchmark_text(key, value)))
    return pd.DataFrame(
        rows, columns=[message("yearly.param.item", lang), message("yearly.param.value", lang)]
    )


NOTICE_COLUMNS = (ID_COL, "name", ZONE_COL, "industry", "size_class", "land_mu", "score", CLASS_COL, "status")
GROUP_COLUMNS = ("rank", "land_role", "land_host_name", "land_share")
_NOTICE_WIDTHS = {"A": 14, **dict.fromkeys("BCDEFGHIJ", 22)}
# a list's column widths (characters), so that a name or a status is read whole when the sheet opens
_LIST_WIDTHS = {
    "number": 7,
    ID_COL: 14,
    "name": 36,
    ZONE_COL: 24,
    "town": 20,
    "industry": 24,
    "size_class": 22,
    "land_mu": 14,
    "score": 14,
    CLASS_COL: 8,
    "status": 36,
    "rank": 12,
    "land_role": 18,
    "land_host_name": 32,
    "land_share": 14,
}


def _filled(frame: pd.DataFrame, columns: Sequence[str]) -> list[str]:
    """Those of ``columns`` in ``frame`` that some row fills (walk 14 item 3: an import without 行业
    printed an empty 行业 column on every list); the id, name, score and class always."""
    present = [c for c in columns if c in frame.columns]
    keep = (ID_COL, "name", "score", CLASS_COL)
    return list(without_empty_columns(frame[present], keep=keep).columns)


def _with_town(columns: Sequence[str], with_town: bool) -> list[str]:
    """``columns`` with the stated town right after the zone, where it says more."""
    out = []
    for c in columns:
        out.append(c)
        if c == ZONE_COL and with_town:
            out.append("town")
    return out


def _list_widths(columns: Sequence[str], *, at_least: Mapping[str, float] | None = None) -> dict[str, float]:
    """Column letter -> width of a list led by 序号 then ``columns``; ``at_least``: widths the sheet
    needs for what else it holds."""
    from openpyxl.utils import get_column_letter

    widths = dict(at_least or {})
    for i, col in enumerate(("number", *columns), start=1):
        letter = get_column_letter(i)
        widths[letter] = max(widths.get(letter, 0), _LIST_WIDTHS.get(col, 16))
    return widths


def _head(columns: Sequence[str], lang: str) -> list[str]:
    """The header row of a list: 序号 and each column's name."""
    return [
        message("yearly.notice.head.number", lang),
        *(message(f"yearly.notice.head.{c}", lang) for c in columns),
    ]


def _default_title(year: int | None, lang: str) -> str:
    if year is None:
        return message("yearly.notice.title", lang)
    return message("yearly.notice.title_year", lang, year=year)


def _group_weights(config: EvaluationConfig, group: str) -> dict[str, float]:
    """The configured weights of an evaluation group (a configured group, or 规上 / 规下)."""
    configured = {g.name: g for g in config.groups}
    if group in configured:
        return dict(configured[group].weights)
    return config.weights_for(group) if group in SIZE_GROUPS else {}


def _method_section(
    ws: StreamedSheet,
    config: EvaluationConfig,
    benchmarks: pd.DataFrame,
    lang: str,
    used: pd.DataFrame | None = None,
    why: Why | None = None,
) -> None:
    """Sections 一 to 四 of the 公示 sheet: the method, the weights (with ``used``, the weights applied
    beside them: an indicator left out for want of data at 0, the others rescaled), the benchmarks of
    the indicators each group is scored on, the cut-offs."""
    ws.text(message("yearly.notice.section_method", lang), bold=True)
    ws.text(method_text(config, lang), wrap=False)
    ws.text(message("yearly.notice.section_weights", lang), bold=True)
    heads = ["yearly.notice.head_size", "yearly.notice.head_indicator", "yearly.notice.head_weight"]
    if used is not None:
        heads += ["yearly.notice.head_weight_used", "yearly.notice.head_note"]
    ws.text(*(message(k, lang) for k in heads))
    for group in SIZE_GROUPS:
        if group_empty(why, group):  # said once, not its weights (walk13)
            ws.text(_size_name(group, lang), group_empty_words(why, group, lang))
            continue
        for key, w in config.weights_for(group).items():
            if w <= 0:
                continue
            row = [_size_name(group, lang), ratio_label(key, lang=lang), float(w)]
            if used is not None and group in used.index and key in used.columns:
                applied = round(float(used.loc[group, key]), 2)
                note = None if applied > 0 else dropped_note(why, group, key, lang)
                row += [applied, note]
            ws.text(*row, number_format=FORMATS["score"].xlsx)  # points, as the scores: 40.00, 44.44
    ws.text(message("yearly.notice.section_benchmarks", lang), bold=True)
    heads = ["yearly.notice.head_size", "yearly.notice.head_indicator", "yearly.notice.head_benchmark"]
    ws.text(*(message(k, lang) for k in heads))
    for group in benchmarks.index:
        if group_empty(why, str(group)):
            continue
        weights = _group_weights(config, str(group))
        for key in benchmarks.columns:
            value = benchmarks.loc[group, key]
            if value == value and weights.get(key, 0) > 0:
                # in its measure's format, as the page and the group sheets say it (万元/亩 1,059.84)
                fmt = benchmark_format(key)
                shown = round(float(value), fmt.decimals)
                ws.text(
                    group_name(config, str(group), lang),
                    ratio_label(key, lang=lang),
                    shown,
                    number_format=fmt.xlsx,
                )
    ws.text(message("yearly.notice.section_classes", lang), bold=True)
    ws.text(_cutoffs_text(config, lang))


def notice_xlsx_bytes(
    evaluated: pd.DataFrame,
    config: EvaluationConfig,
    benchmarks: pd.DataFrame,
    *,
    year: int | None,
    title: str,
    filters: str,
    source: str = "",
    period: ObjectionPeriod | None = None,
    when: date | None = None,
    lang: Lang = "zh",
    used: pd.DataFrame | None = None,
    why: Why | None = None,
) -> bytes:
    """The 公示 workbook: sheet 公示 with the title, year, method, weights, benchmarks, cut-offs
    and then the class lists A, B, C, D, T (each ranked by score, T with its reason); one sheet
    per class as well, and one per evaluation group. Names and other user text are written as cell
    values (never formulas). Written row by row (:mod:`geo.exports.streamed`): 120,000 enterprises
    take seconds, not minutes.

    The bureau publishes it in Chinese (``lang="zh"``, the default); ``lang="en"`` writes the
    English edition of the same rows: headers, sheet names, the method, groups, classes, 区镇,
    industries, sizes and statuses in English (:func:`geo.yearly.notice_words.notice_values`),
    enterprises' names as registered. ``title`` and ``filters`` are written as given: pass them in
    ``lang`` (the scope line never mixes languages when ``filters`` is in ``lang``).

    The objection period opens on ``when`` (default: today) and lasts ``period`` (default: the
    configured one, ``geo/evaluation/objection_period.yaml``: 5 working days, a weekend skipped);
    the workbook states both dates and the length in its unit ("共 5 个工作日").

    ``used`` (the evaluation's effective weights, groups as rows: ``EvaluationResult.weights``): the
    weights applied are published beside the configured ones, on the first sheet and each group's
    sheet, wherever an indicator was left out for want of data, with the inputs it lacked: ``why``
    (:func:`geo.evaluation.summary.dropped_reasons` of the whole evaluation), else found among
    ``evaluated``'s rows.

    Raises
    ------
    DataValidationError
        When the frame is not an evaluation result.
    """
    from geo.exports.streamed import StreamedSheet, new_workbook, workbook_bytes

    for col in (ID_COL, CLASS_COL, "scored", "score"):
        if col not in evaluated.columns:
            raise DataValidationError.of("yearly.notice_needs_column", column=col)
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    cls = classes_with_t(evaluated).astype(object)
    values = notice_values(evaluated.assign(**{CLASS_COL: cls.to_numpy()}), lang)
    frame, with_town = dash_unknown_places(values), town_says_more(values)
    cols = _filled(frame, _with_town(NOTICE_COLUMNS, with_town))
    ties = [c for c in config.tie_order if c in frame.columns]  # a tie listed as the ranking lists it
    parts = {c: list_order(frame[frame[CLASS_COL] == c], tie_order=ties) for c in CLASSES_T}
    footer = message("yearly.notice.footer", lang)
    wb = new_workbook()
    first = _list_widths(cols, at_least=_NOTICE_WIDTHS)
    # its title frozen above the scrolling rows and printed atop every page, as each list's header
    ws = StreamedSheet(wb, message("yearly.notice.sheet", lang), widths=first, header_row=1, footer=footer)
    lists = {
        c: StreamedSheet(
            wb,
            message("yearly.notice.class_sheet", lang, cls=c),
            widths=_list_widths(cols),
            header_row=1,
            footer=footer,
        )
        for c in CLASSES_T
    }
    period = load_objection_period() if period is None else period
    start = when or beijing_today()
    end = period_end(start, period)
    ws.text(title or _default_title(year, lang), bold=True, size=14)
    ws.text(
        message(
            "yearly.notice.year",
            lang,
            year=year if year is not None else message("yearly.notice.year_unknown", lang),
        )
    )
    ws.text(message("yearly.notice.scope", lang, filters=filters))
    ws.text(
        message(
            "yearly.notice.period",
            lang,
            start=start.isoformat(),
            end=end.isoformat(),
            length=period_length(period, lang),
        )
    )
    if source:
        ws.text(message("yearly.notice.source", lang, source=source))
    ws.blank()
    if why is None and used is not None:
        why = dropped_reasons(evaluated, used)
    _method_section(ws, config, benchmarks, lang, used, why)
    ws.text(message("yearly.notice.section_lists", lang), bold=True)
    for c in CLASSES_T:
        heading = message(
            "yearly.notice.class_heading",
            lang,
            cls=c,
            label=message(f"yearly.notice.class_label.{c}", lang),
            n=len(parts[c]),
        )
        ws.text(heading, bold=True)
        if parts[c].empty:  # a line saying so, not a bare header (walk13), under its heading
            ws.text(message("yearly.notice.class_none", lang))
        else:
            ws.text(*_head(cols, lang))
            ws.frame(parts[c], cols, numbered=True)
        # the class's own sheet: always its header row (as the ranking XLSX's 「D 类企业清单」, walk16
        # item 12), then its rows or the line saying there are none
        lists[c].text(*_head(cols, lang))
        if parts[c].empty:
            lists[c].text(message("yearly.notice.class_none", lang))
        else:
            lists[c].frame(parts[c], cols, numbered=True)
    _group_sheets(
        wb,
        frame,
        config,
        benchmarks,
        title=title or message("yearly.notice.group_title", lang),
        lang=lang,
        used=used,
        why=why,
        with_town=with_town,
    )
    return workbook_bytes(wb)


def scored_weights(config: EvaluationConfig, group: str) -> dict[str, float]:
    """The configured weights (> 0) of a scored group, in the configuration's order of indicators (the
    order every weights sentence says them in: walk20 item 11); empty for a group only listed.
    ``group`` is a configured group's name, or (without groups) 规上 / 规下."""
    configured = {g.name: g for g in config.groups}
    if group in configured:
        scored, weights = configured[group].scored, dict(configured[group].weights)
    elif not config.groups and group in SIZE_GROUPS:
        on = config.score_above_scale if group == SIZE_GROUPS[0] else config.score_below_scale
        scored, weights = on, config.weights_for(group)
    else:
        scored, weights = False, {}
    if not scored:
        return {}
    return {k: float(w) for k, w in weights.items() if w > 0}


def group_method_rows(
    config: EvaluationConfig,
    group: str,
    benchmarks: pd.DataFrame,
    lang: str = "zh",
    *,
    used: pd.DataFrame | None = None,
    why: Why | None = None,
) -> list[tuple[str, str]]:
    """What one group's list was made with: (item, text) for its weights, benchmarks and classes;
    a group only listed says so. ``group`` is a configured group's name, or (without groups) 规上 /
    规下 / the 规下 below the land minimum. ``used`` (the evaluation's effective weights, groups as
    rows): where an indicator was left out for want of data, the rescaled weights beside the
    configured ones, as :func:`config_summary` says them (with ``why``, the inputs it lacked)."""
    weights = scored_weights(config, group)
    configured = {g.name: g for g in config.groups}
    cut_config = config
    if group in configured:
        g = configured[group]
        cut_config = replace(
            config,
            class_method=g.class_method or config.class_method,
            percentile_cutoffs=g.percentile_cutoffs or config.percentile_cutoffs,
            score_cutoffs=g.score_cutoffs or config.score_cutoffs,
        )
    if not weights:
        return [(message("yearly.group.method", lang), message("yearly.group.listed_only", lang))]
    body = _weights_said(weights, used, group, lang, digits=None, why=why)
    rows = [(message("yearly.group.weights", lang), body)]
    if group in benchmarks.index:
        values = benchmarks.loc[group]
        text = joined(
            (
                f"{ratio_label(k, lang=lang)} {benchmark_text(k, values[k])}"
                for k in weights  # in the weights' order, however the benchmarks were kept
                if k in values.index and values[k] == values[k]
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


def group_sheet_title(group: str, lang: str) -> str:
    """A group's list sheet named in ``lang``: ``规上名单``, ``规下（≥3亩）名单`` (no space between
    Chinese words), ``Group A 名单`` (a space after a Latin letter or digit), ``Above designated size
    list``."""
    spaced = f"{group} " if lang != "en" and re.search(r"[A-Za-z0-9]$", group) else group
    return message("yearly.notice.group_sheet", lang, group=spaced)


def _group_sheets(
    wb: StreamedWorkbook,
    frame: pd.DataFrame,
    config: EvaluationConfig,
    benchmarks: pd.DataFrame,
    *,
    title: str,
    lang: Lang = "zh",
    used: pd.DataFrame | None = None,
    why: Why | None = None,
    with_town: bool = False,
) -> None:
    """One sheet per group (规上, 规下 …, tenants): the group's method and weights, then its list,
    scored enterprises by rank and the rest (T) with their reasons."""
    from geo.exports.streamed import StreamedSheet

    if "eval_group" not in frame.columns:
        return
    group = frame["eval_group"]
    names = list(group.cat.categories) if isinstance(group.dtype, pd.CategoricalDtype) else sorted(set(group))
    listed = _with_town((*NOTICE_COLUMNS[:-2], *GROUP_COLUMNS, *NOTICE_COLUMNS[-2:]), with_town)
    cols = _filled(frame, listed)
    if "land_role" in frame.columns:
        frame = allocation_words(frame, lang)
    members = group.astype(object)
    footer = message("yearly.notice.footer", lang)
    for name in names:
        part = frame[members == name]
        if part.empty:
            continue
        part = list_order(part, tie_order=[c for c in config.tie_order if c in part.columns])
        method = group_method_rows(config, str(name), benchmarks, lang, used=used, why=why)
        shown = group_name(config, str(name), lang)
        # at most 31 characters, cut between words, unique; the whole name heads the sheet (A1)
        sheet_name = sheet_names([group_sheet_title(shown, lang)], lang=lang, taken=wb.sheetnames)[0]
        widths = _list_widths(cols, at_least={"A": 14, "B": 40})
        sheet = StreamedSheet(wb, sheet_name, widths=widths, header_row=len(method) + 3, footer=footer)
        sheet.text(
            message("yearly.notice.group_heading", lang, title=title, group=shown, n=len(part)), bold=True
        )
        for item, text in method:
            sheet.text(item, text)
        sheet.blank()
        sheet.text(*_head(cols, lang))
        sheet.frame(part, cols, numbered=True)
