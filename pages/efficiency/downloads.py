"""The evaluation page's downloads, every one naming its year, filters and configuration: the
CSV and the workbook of the scope's tables, the 公示 list, and the map's export panel."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.evaluation import land_renewal_by_zone, low_efficiency_land
from geo.exports.blanks import dash_unknown_places, without_empty_columns
from geo.exports.filenames import safe_filename
from geo.exports.tables import csv_bytes, xlsx_bytes
from geo.messages import Lang, message, t
from geo.storage.provenance import accuracy_label, source_label
from geo.yearly import transition_words
from geo.yearly.notice import config_summary, export_columns, filters_text, notice_xlsx_bytes, parameter_rows
from layers.mapview import frame_extent, shown_layers, view_extent
from layers.offline_html import map_downloads
from pages.common.cache import shared
from pages.common.maps import download_buttons, full_map
from pages.efficiency.comparison import Changes
from pages.efficiency.map import DrawnMap, evaluated_extent
from pages.efficiency.ranking import Ranking
from pages.efficiency.scope import scope_words
from pages.efficiency.tables import (
    changes_table,
    english_values,
    plain,
    ranking_table,
    table_labels,
    year_label,
)
from pages.efficiency.view import PageView

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The sheets that name enterprises: left out for a role that sees no enterprise rows.
FIRM_SHEETS = {"企业排名", "Ranking", "D 类企业清单", "Class D", "企业变化", "Changes", "预警", "Warnings"}


def renewal_table(view: PageView) -> pd.DataFrame:
    """The D-class land per zone (empty when nothing is scored)."""
    lang, scope = view.lang, view.scope

    def compute() -> pd.DataFrame:
        renewal = land_renewal_by_zone(scope) if len(view.scored) else pd.DataFrame()
        if not len(renewal):
            return pd.DataFrame()
        out = plain(renewal.reset_index())
        return (english_values(out) if lang == "en" else out).rename(columns=table_labels(lang))

    return shared(("eff.renewal", *view.scope_key, lang), compute)


def low_table(view: PageView) -> pd.DataFrame:
    """The D-class enterprises and their land."""
    return shared(
        ("eff.low", *view.scope_key, view.lang),
        lambda: ranking_table(low_efficiency_land(view.scope), view.lang),
    )


def empty_class_sheet(class_list: pd.DataFrame, ranking: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """A class's list for the workbook: as it is when it has rows; an empty one under the columns
    of the whole ranking (the empty list cannot tell which columns its rows would fill: walk 15
    item 8, 21 columns beside the ranking's 16) and one line 「本类无企业。」, as the 公示 workbook
    says an empty class."""
    if len(class_list):
        return class_list
    columns = [c for c in class_list.columns if c in ranking.columns] or list(ranking.columns)
    if not columns:
        return class_list
    line = message("yearly.notice.class_none", lang)
    return pd.DataFrame([[line, *[None] * (len(columns) - 1)]], columns=columns, dtype=object)


def warnings_table(view: PageView) -> pd.DataFrame:
    """The scope's warnings in the UI language (the other language's columns left out), as shown
    and as exported."""
    lang = view.lang

    def compute() -> pd.DataFrame:
        other = ["warning_en", "reason_en"] if lang == "zh" else ["warning", "reason"]
        out = plain(view.warnings.drop(columns=["rule", *other], errors="ignore"))
        out = without_empty_columns(out)  # a column no warning fills (an import without 行业) left out
        # a place not known reads — as on the other sheets and the screen (walk 14)
        return dash_unknown_places(english_values(out) if lang == "en" else out).rename(
            columns={
                **table_labels(lang),
                "warning_en": t("eff.warn.col", lang),
                "reason_en": t("eff.warn.why", lang),
            }
        )

    return shared(("eff.warn_view", *view.scope_key, lang), compute)


def _sheets(view: PageView, ranked: Ranking, found: Changes | None) -> dict[str, pd.DataFrame]:
    """The workbook's sheets: parameters, ranking, groups, low land, class D, changes, warnings."""
    lang, scope_key, zh = view.lang, view.scope_key, view.lang == "zh"
    src = view.sources
    params = shared(
        (
            "eff.params",
            view.evaluated.config_json,
            src.zones_src,
            src.ents_src,
            view.year,
            view.filters_words,
            lang,
        ),
        lambda: parameter_rows(
            view.config,
            view.result.benchmarks,
            year=view.year_or_none,
            filters=view.filters_words,
            lang=lang,
            used=view.result.weights,
            why=view.scope_why,
        ),
    )
    sheets = {
        "评价参数" if zh else "Parameters": params,
        "企业排名" if zh else "Ranking": ranked.table,
        "分组汇总" if zh else "Groups": ranked.summary,
        "低效用地（区镇）" if zh else "Low land by town": renewal_table(view),
        "D 类企业清单" if zh else "Class D": empty_class_sheet(low_table(view), ranked.table, lang),
    }
    if found is not None:
        labels = table_labels(lang)
        # NEW/GONE as 新进入/退出 in a Chinese workbook (the screen's legend explains NEW/GONE)
        sheets["类别转移" if zh else "Transitions"] = shared(
            ("eff.matrix_sheet", *scope_key, lang),
            lambda: transition_words(plain(found.matrix), lang).rename(columns=labels),
        )
        sheets["企业变化" if zh else "Changes"] = shared(
            ("eff.changes_sheet", *scope_key, lang),
            lambda: changes_table(
                transition_words(plain(found.changes[found.columns]), lang), found.columns, lang
            ),
        )
    if len(view.warnings):
        sheets["预警" if zh else "Warnings"] = warnings_table(view)
    return {
        n: frame for n, frame in sheets.items() if len(frame.columns) and (view.firms or n not in FIRM_SHEETS)
    }


def file_stem(view: PageView) -> str:
    """The downloads' file name stem, with the year: the map's title as its own downloads name it
    (PNG, XLSX, GeoJSON), so that every file of the page reads alike (walk19: per_mu_evaluation_2025.csv
    beside Per-mu_efficiency_evaluation_2025.xlsx)."""
    return safe_filename(f"{view.title} {view.year_words}".strip())


def _meta(view: PageView) -> dict:
    """What every export names: year, filters, configuration."""
    return {
        "year": view.year_or_none,
        "filters": view.filters_words,
        "config": view.config,
        "lang": view.lang,
        "used": view.result.weights,  # the configured weights and, rescaled, those used
        "why": view.scope_why,  # what an indicator left out lacked (工业增加值 …)
    }


def csv_button(view: PageView, where, label: str, frame: pd.DataFrame, file_name: str, key: str) -> None:
    """A CSV of ``frame`` (made on click) naming its year, filters and configuration."""
    where.download_button(
        label,
        data=lambda: csv_bytes(export_columns(frame, **_meta(view)), view.provenance, lang=view.lang),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
    )


def download_row(view: PageView, ranked: Ranking, found: Changes | None) -> None:
    """The CSV, the workbook and (for roles that see enterprises) the 公示 list, in a row."""
    lang, firms, stem = view.lang, view.firms, file_stem(view)
    # the ranking's files apart from the map's (the map export's CSV and XLSX take the stem alone)
    part = t("eff.file.ranking" if firms else "eff.file.groups", lang)
    sheets = _sheets(view, ranked, found)
    d1, d2, d3, d4 = st.columns([1, 1, 1.3, 1.3])  # the notices' labels say which edition: room for it
    csv_button(
        view,
        d1,
        t("eff.download.csv" if firms else "eff.download.groups_csv", lang),
        ranked.table if firms else ranked.summary,
        f"{stem}_{part}.csv",
        "eff_csv",
    )
    title = t("eff.download.book_title", lang).format(
        title=f"{view.title} {view.year_words}".strip(), filters=view.filters_words
    )
    d2.download_button(
        t("eff.download.xlsx" if firms else "eff.download.groups_xlsx", lang),
        data=lambda: xlsx_bytes(sheets, dict.fromkeys(sheets, view.provenance), title=title, lang=lang),
        file_name=f"{stem}_{part}.xlsx",
        mime=XLSX,
        key="eff_xlsx",
        on_click="ignore",
    )
    if firms:  # the 公示 list names every enterprise with its class
        # published in Chinese: from the English page it says so, and an English edition comes beside it
        editions = (("zh", d3), ("en", d4)) if lang == "en" else (("zh", d3),)
        for edition, where in editions:
            notice_button(view, where, edition, stem)


def notice_button(view: PageView, where, edition: Lang, stem: str) -> None:
    """The 公示 workbook of the scope in ``edition``'s language: its title, scope line and source
    all in that language."""
    lang = view.lang
    english = edition == "en"
    prov = view.provenance
    # the English page names the Chinese edition as such: ..._public_notice_zh.xlsx
    file_key = (
        "eff.file.notice_en" if english else ("eff.file.notice_zh" if lang == "en" else "eff.file.notice")
    )
    source = (
        f"{source_label(prov.source, 'en')} ({accuracy_label(prov.accuracy, 'en')})"
        if english
        else f"{prov.source}（{accuracy_label(prov.accuracy, 'zh')}）"
    )
    where.download_button(
        t("eff.download.notice_en" if english else "eff.download.notice", lang),
        data=lambda: notice_xlsx_bytes(
            view.scope,
            view.config,
            view.result.benchmarks,
            year=view.year_or_none,
            title=t("eff.notice.title", edition).format(year=view.year_words),
            filters=filters_text(scope_words(view.chosen, edition), edition),
            source=source,
            lang=edition,
            used=view.result.weights,
            why=view.scope_why,
        ),
        file_name=f"{stem}_{t(file_key, lang)}.xlsx",
        mime=XLSX,
        key="eff_notice_en" if english else "eff_notice",
        on_click="ignore",
        help=t("eff.download.notice_en_help" if english else "eff.download.notice_help", lang),
    )


def _opens_on(view: PageView, drawn: DrawnMap) -> tuple[float, float, float, float] | None:
    """The view the map opens on (it sends none, see map.py), for the briefing PNG: towns chosen,
    the scope's extent, as the map zooms to it; the user's zones over the outlines, the zones and
    firms (as the map fits them, not all of 苏州's districts); else None, every layer drawn whole
    (e.g. 吴江's towns, whose tips reach past the firms)."""
    if view.chosen[0]:
        return shared(("eff.fit", *view.scope_key), lambda: frame_extent(view.scope))
    if drawn.under:
        return shared(("eff.opens_on", *view.scope_key), lambda: frame_extent(evaluated_extent(view)))
    return None


def export_panel(view: PageView, drawn: DrawnMap, ranked: Ranking) -> None:
    """The map's export panel (offline HTML, PNG, GeoJSON and the table, named and subtitled)."""
    lang = view.lang
    with st.expander(t("export.panel", lang), icon=":material/download:"):
        st.caption(t("export.panel_note", lang))
        # The configured weights and, an indicator left out for want of data, those used (rescaled).
        subtitle = "\n".join(
            [
                f"{year_label(view.year, lang)} · {view.filters_words}",
                config_summary(view.config, lang, used=view.result.weights, why=view.scope_why),
            ]
        )
        table_key = ("eff.export", *view.scope_key, tuple(ranked.dims), ranked.show_unscored, lang)
        table = shared(
            table_key, lambda: export_columns(ranked.table if view.firms else ranked.summary, **_meta(view))
        )
        items = shown_layers([drawn.zone_item, *drawn.class_items], drawn.out, lang=lang)
        if not items:  # every layer switched off in the map
            st.info(t("export.none_shown", lang))
            return
        whole = full_map(drawn.build, drawn.class_items, lang=lang, gcj02=drawn.gcj02)
        download_buttons(
            map_downloads(
                drawn.title,
                items,
                whole,
                lang=lang,
                subtitle=subtitle,
                table=table,
                under=shown_layers(drawn.under, drawn.out, lang=lang),  # the outlines placing the zones
                extent=view_extent(drawn.out) or _opens_on(view, drawn),
            ),
            key="eff_export",
        )
