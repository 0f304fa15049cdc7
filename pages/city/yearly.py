"""The yearly part of the city evaluation (亩均效益评价 on 苏州全市（合成）): the class transitions from
the year before, the early warnings, what each class pays, the per-district and per-development-zone
tables, their CSV/XLSX downloads and, for roles that see enterprises, the scope's 公示 list.

Everything is computed once per process, data set and scope (:func:`scope_tables`, shared by every
session; the downloads' bytes once per audience and language). 查看汇总 sees the aggregates with
the figures of groups under ``[atlas] min_group_firms`` (3) enterprises blanked; counts are kept.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data.city import CITY_SEED
from data.city_build import load_city
from geo import access
from geo.city import CITY_SCOPE
from geo.city_cycle import CityTables, basis_line, city_tables, evaluation_title
from geo.evaluation import CLASSES_T, default_config
from geo.exports.cells import csv_text_bytes
from geo.exports.tables import xlsx_bytes
from geo.messages import Lang, message, t
from geo.number_formats import rounded_to_format
from geo.place_names import file_word, place_name
from geo.storage.provenance import accuracy_label, source_label
from geo.yearly import surcharge_labels, transition_words
from geo.yearly.notice import notice_xlsx_bytes
from pages.city.data import CityData, city_size
from pages.common import cache
from pages.common.auth import aggregates_for_role, atlas_config, sees_firms
from pages.efficiency.display import number_config
from pages.efficiency.tables import english_values

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
TABLES = ("transitions", "warnings", "surcharges", "districts", "dev_zones")


@cache.resource(max_entries=2)
def _previous_year(key: str, year: int, n_enterprises: int) -> pd.DataFrame:
    """The year before ``year`` of the data set ``key`` (read once per process)."""
    frame = load_city("city_enterprise_years", year=year - 1, n_enterprises=n_enterprises, seed=CITY_SEED)
    return frame.reset_index(drop=True)


@cache.resource(max_entries=6)
def _tables(key: str, scope: str, own: bool, _data: CityData) -> CityTables:
    previous = _previous_year(key, _data.year, city_size())
    # a district as the city evaluates it: the city's evaluations reused (the city is evaluated once)
    at_hand = None if own or scope == CITY_SCOPE else _tables(key, CITY_SCOPE, False, _data).results
    return city_tables(
        _data.enterprises,
        previous,
        year=_data.year,
        districts=_data.districts,
        dev_zones=_data.dev_zones,
        scope=scope,
        config=default_config(),
        own_benchmarks=own,
        results=at_hand,
    )


def scope_tables(data: CityData, scope: str, *, own: bool = False) -> CityTables:
    """The yearly tables of ``scope`` (苏州市 or one district), once per process, scope and basis:
    a district as the city evaluates it, or with ``own`` its own evaluation (geo.city.city_year)."""
    return _tables(data.key, scope, bool(own and scope != CITY_SCOPE), data)


def _names(lang: Lang) -> dict[str, str]:
    names = {
        "district": t("city.col.district", lang),
        "dev_zone": t("city.col.dev_zone", lang),
        "eval_class": t("city.col.class", lang),
        "warning": t("city.col.warning", lang),
        "note": t("city.col.note", lang),
        "n_enterprises": t("city.col.n", lang),
        "n_above_scale": t("city.col.above", lang),
        "n_paying": t("city.col.paying", lang),
        "land_mu": t("city.col.land", lang),
        "tax_wan_yuan": t("city.col.tax", lang),
        "tax_per_mu_wan_yuan": t("city.col.tax_per_mu", lang),
        "sales_per_mu_wan_yuan": t("city.col.sales_per_mu", lang),
        "d_land_mu": t("city.col.d_land", lang),
        "total_wan_yuan": t("city.col.total", lang),
        "合计": t("city.col.total", lang),
    }
    names.update({f"n_{c}": t("city.col.n_class", lang).format(c=c) for c in CLASSES_T})
    names.update(surcharge_labels(default_config(), lang))
    return names


def _shown(tables: CityTables, lang: Lang) -> dict[str, pd.DataFrame]:
    """The five tables as this session's audience sees them, headed in ``lang``."""
    names = _names(lang)
    moves = tables.transitions.rename(index={"合计": names["合计"]}).rename_axis(t("city.col.from", lang))
    moves = moves.reset_index().rename(columns=names)
    drop = ["warning", "note"] if lang == "en" else ["warning_en", "note_en"]
    warnings = tables.warnings.drop(columns=drop).rename(columns={"warning_en": "warning", "note_en": "note"})
    paid = aggregates_for_role(tables.surcharges)
    paid = paid[[c for c in paid.columns if not (c.endswith("_wan_yuan") and (paid[c] == 0).all())]]
    places = english_values if lang == "en" else (lambda frame: frame)  # English names of places
    return {
        "transitions": moves,
        "warnings": places(warnings).rename(columns=names),
        "surcharges": places(paid).rename(columns=names),
        "districts": places(aggregates_for_role(tables.districts)).rename(columns=names),
        "dev_zones": places(aggregates_for_role(tables.dev_zones)).rename(columns=names),
    }


def _titles(tables: CityTables, lang: Lang) -> dict[str, str]:
    years = {"prev": tables.previous_year, "year": tables.year}
    return {
        "transitions": t("city.cycle.transitions", lang).format(**years),
        "warnings": t("city.cycle.warnings", lang).format(**years),
        "surcharges": t("city.cycle.surcharges", lang).format(**years),
        "districts": t("city.cycle.districts", lang),
        "dev_zones": t("city.cycle.dev_zones", lang),
    }


def _notice(data: CityData, tables: CityTables, edition: Lang, own: bool) -> bytes:
    """The 公示 workbook of the scope in ``edition``'s language (title, scope line, source)."""
    scope = place_name(tables.scope, edition)
    title = t("city.cycle.notice_title", edition).format(scope=scope, year=tables.year)
    meta = data.metadata.loc["city_enterprise_years"]
    if edition == "en":
        source = f"{source_label(meta['source'], 'en')} ({accuracy_label(meta['accuracy'], 'en')})"
    else:
        source = f"{meta['source']}（{accuracy_label(meta['accuracy'], 'zh')}）"
    return notice_xlsx_bytes(
        tables.evaluated,
        default_config(),
        tables.benchmarks,
        year=tables.year,
        title=title,
        filters=basis_line(tables.scope, own_benchmarks=own, lang=edition),
        source=source,
        lang=edition,
        used=tables.weights,
    )


def city_yearly(data: CityData, scope: str, lang: Lang, *, own: bool = False) -> None:
    """Draw the yearly tables of ``scope`` with their downloads (the 公示 list only for roles that
    see enterprises); ``own``: the district's own evaluation (the files say which, as the page)."""
    own = bool(own and scope != CITY_SCOPE)
    tables = scope_tables(data, scope, own=own)
    shown = cache.shared(("city.cycle.shown", data.key, scope, own, lang), lambda: _shown(tables, lang))
    titles = _titles(tables, lang)
    for name in TABLES:
        st.subheader(titles[name])
        if name == "transitions":
            st.caption(t("city.cycle.transitions_note", lang))
        st.dataframe(  # "—" for a count that cannot be judged (预警 without the years it needs), never "None"
            shown[name],
            hide_index=True,
            width="stretch",
            column_config=number_config(shown[name]),
            placeholder="—",
        )
        if name == "surcharges":
            for note in tables.surcharge_notes_en if lang == "en" else tables.surcharge_notes:
                st.caption(note)
    if not sees_firms():
        st.caption(t("city.cycle.small_note", lang).format(n=access.min_group_firms(atlas_config())))
    st.subheader(t("city.cycle.downloads", lang))
    stem = f"{t('city.cycle.file', lang)}_{file_word(tables.scope, lang)}_{tables.year}"
    if own:  # the district's own evaluation is never taken for the city's
        stem = f"{stem}_{t('city.cycle.file_own', lang)}"
    # The audience named in the keys: a download's bytes are made when it is clicked, outside the
    # page's run, where the session's audience is not known to cache.shared.
    aud = cache.audience()
    columns = st.columns(4)
    # the files say 新进入/退出 in Chinese where the screen's legend explains NEW/GONE
    shown = {
        **shown,
        "transitions": transition_words(shown["transitions"], lang, class_columns=[t("city.col.from", lang)]),
    }
    for i, name in enumerate(TABLES):
        columns[i % 4].download_button(
            t("city.cycle.csv", lang).format(what=titles[name]),
            data=lambda name=name: cache.shared(
                ("city.cycle.csv", aud, data.key, scope, own, lang, name),
                lambda: csv_text_bytes(rounded_to_format(shown[name]), as_shown=True),
            ),
            file_name=f"{stem}_{name}.csv",
            mime=CSV,
            key=f"city_csv_{name}",
            on_click="ignore",
        )
    sheets = {titles[name]: shown[name] for name in TABLES}  # xlsx_bytes names the sheets (31 characters)
    title = message(
        "city.cycle.xlsx_title",
        lang,
        header=evaluation_title(tables.scope, own_benchmarks=own, lang=lang),
        scope=place_name(tables.scope, lang),
        year=tables.year,
        basis=basis_line(tables.scope, own_benchmarks=own, lang=lang),
    )
    columns[1].download_button(
        t("city.cycle.xlsx", lang),
        data=lambda: cache.shared(
            ("city.cycle.xlsx", aud, data.key, scope, own, lang),
            lambda: xlsx_bytes(sheets, title=title, lang=lang),
        ),
        file_name=f"{stem}.xlsx",
        mime=XLSX,
        key="city_xlsx",
        on_click="ignore",
    )
    if sees_firms():
        # published in Chinese: from the English page it says so, and an English edition comes beside it
        editions = (("zh", columns[2]), ("en", columns[3])) if lang == "en" else (("zh", columns[2]),)
        for edition, where in editions:
            english = edition == "en"
            file_key = (
                "eff.file.notice_en"
                if english
                else ("eff.file.notice_zh" if lang == "en" else "eff.file.notice")
            )
            where.download_button(
                t("city.cycle.notice_en" if english else "city.cycle.notice", lang),
                data=lambda edition=edition: cache.shared(
                    ("city.cycle.notice", aud, data.key, scope, own, edition),
                    lambda: _notice(data, tables, edition, own),
                ),
                file_name=f"{stem}_{t(file_key, lang)}.xlsx",
                mime=XLSX,
                key=f"city_notice_{edition}",
                on_click="ignore",
                help=t("city.cycle.notice_en_help" if english else "city.cycle.notice_help", lang).format(
                    scope=place_name(tables.scope, lang), year=tables.year
                ),
            )


__all__ = ["city_yearly", "scope_tables"]
