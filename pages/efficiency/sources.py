"""Where the evaluation page's data comes from: the demo or the user's imports (zones, each year's
enterprises, last year's results), and the evaluations of them, cached once for all sessions."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import ingest, yearly
from geo.batch import EvaluationRun, run_evaluation
from geo.evaluation import CLASS_COL, YEAR_COL, EvaluationResult, config_from_mapping, evaluate
from geo.evaluation.metrics import assign_zones
from geo.messages import Lang, message, t
from geo.storage.provenance import accuracy_label
from layers import REGISTRY
from layers.base import Field, Provenance
from layers.mapview import MapLayer
from layers.user_layers import own_named
from pages.common import cache
from pages.common.cache import shared
from pages.common.frame import page_control, stop_page
from pages.common.stored import layer_frame, map_layer, metadata, user_store_stamp

ZONE_ID = "name"  # the wujiang_towns column naming each 区镇
YEARS_LAYER = "enterprise_years"  # the demo's synthetic years (data/years.py)
UNDATED = 0  # the "year" of a table that names none
DEMO = "demo"
NO_PREVIOUS = "none"
KEEP = "eff_keep"  # a plain (non-widget) copy of the page's choices: it survives navigation
SOURCE_KEYS = ("eff_zones_src", "eff_ents_src")  # kept there with the page's other choices


def stamp() -> tuple[str, str, str, str]:
    """Changes when the built-in layers' store or the user store changes (hashed by st.cache_data)."""
    return (*cache.builtin_stamp(), *user_store_stamp())


def zones_of(zones_src: str) -> gpd.GeoDataFrame:
    """The zone boundaries: the demo's 区镇 or an imported zones layer."""
    return layer_frame("wujiang_towns") if zones_src == DEMO else ingest.load_user_layer(zones_src)


def year_tables(ents_src: str) -> dict[int, gpd.GeoDataFrame]:
    """The enterprise table of each year: the demo's synthetic years, or a user import split by
    its year column (one undated year when it has none). Split once for all sessions."""

    def split() -> dict[int, gpd.GeoDataFrame]:
        frame = layer_frame(YEARS_LAYER) if ents_src == DEMO else ingest.load_user_layer(ents_src)
        if YEAR_COL in frame.columns:
            return yearly.split_years(frame)
        return {UNDATED: frame}

    return shared(("eff.years", ents_src), split)


# The evaluations are shared by all sessions (cache.resource: one object, never copied per
# call); the page and its helpers only read them.
@cache.resource(max_entries=8)
def runs(config_json: str, zones_src: str, ents_src: str, stamp: tuple) -> dict[int, EvaluationRun]:
    """Every year evaluated with the same rules by geo.batch.run_evaluation (assignment, zone
    metrics, classes), the function ``python -m geo.cli evaluate`` calls too."""
    zones = zones_of(zones_src)
    config = config_from_mapping(json.loads(config_json))
    out = {}
    for year, ents in year_tables(ents_src).items():
        run = run_evaluation(
            zones, ents, config=config, zone_id=ZONE_ID, year=None if year == UNDATED else year
        )
        if run.failure is not None:
            raise run.failure
        out[year] = run
    return out


def evaluations(config_json: str, zones_src: str, ents_src: str, stamp: tuple) -> dict[int, EvaluationResult]:
    """Every year's classes (see :func:`runs`)."""
    return {y: r.result for y, r in runs(config_json, zones_src, ents_src, stamp).items()}


@cache.resource(max_entries=8)
def previous(config_json: str, zones_src: str, prev_src: str, stamp: tuple) -> tuple[pd.DataFrame, bool]:
    """Last year's results from another import: its published classes when it has them
    (True), else the table evaluated with the same zones and rules (False)."""
    frame = ingest.load_user_layer(prev_src)
    if CLASS_COL in frame.columns or "评价类别" in frame.columns:
        return yearly.published_classes(frame.rename(columns={"评价类别": CLASS_COL})), True
    zones = zones_of(zones_src)
    zone = assign_zones(frame, zones, zone_id=ZONE_ID).zone
    config = config_from_mapping(json.loads(config_json))
    return evaluate(frame, config=config, zone=zone).enterprises, False


@cache.resource(max_entries=8)
def warnings_by_year(
    config_json: str, zones_src: str, ents_src: str, stamp: tuple
) -> dict[int, pd.DataFrame]:
    """Each year's early warnings (预警) under the configuration's rules."""
    config = config_from_mapping(json.loads(config_json))
    evals = {y: r.enterprises for y, r in evaluations(config_json, zones_src, ents_src, stamp).items()}
    return {y: yearly.early_warnings(evals, y, config.warning_rules) for y in evals if y != UNDATED}


def _source_control(
    key: str,
    label_key: str,
    options: list[str],
    title: Callable[[str], str],
    lang: Lang,
    *,
    help_key: str = "",
) -> str:
    """One data-source select (its first option the default) among the page's controls in the sidebar."""
    return page_control(
        "eff_map",
        key,
        options[0],
        lambda: st.selectbox(
            t(label_key, lang),
            options,
            format_func=title,
            key=key,
            help=t(help_key, lang) if help_key else None,
        ),
    )


def choose_sources(lang: Lang) -> tuple[str, str, str]:
    """Which zones, enterprises and (optionally) last year's results to use: the demo or imports."""
    user_zones = ingest.list_user_layers(kind="zones")
    user_ents = ingest.list_user_layers(kind="enterprises")
    # The session's choice survives a visit to another page (a widget's own state does not); a
    # kept layer that is gone is not brought back.
    kept = st.session_state.setdefault(KEEP, {})
    for key, frame in zip(SOURCE_KEYS, (user_zones, user_ents), strict=True):
        if key not in st.session_state and kept.get(key) in (DEMO, *frame["layer"]):
            st.session_state[key] = kept[key]
    # A layer this session chose that is gone (deleted by someone else): say so, never swap in the
    # demo quietly.
    gone = [
        st.session_state[key]
        for key, frame, default in (
            ("eff_zones_src", user_zones, DEMO),
            ("eff_ents_src", user_ents, DEMO),
            ("eff_prev_src", user_ents, NO_PREVIOUS),
        )
        if st.session_state.get(key, default) not in (default, *frame["layer"])
    ]
    if gone:
        for name in gone:
            st.error(t("data.layer_gone", lang).format(name=name))
        for key in ("eff_zones_src", "eff_ents_src", "eff_prev_src"):
            if st.session_state.get(key) in gone:
                del st.session_state[key]
    if user_zones.empty and user_ents.empty:
        if gone:
            stop_page()  # nothing else to choose: the message stands, no demo results in its place
        return DEMO, DEMO, NO_PREVIOUS
    titles = {DEMO: t("eff.source.demo", lang), NO_PREVIOUS: t("eff.source.previous_none", lang)}
    for frame in (user_zones, user_ents):
        titles.update({row["layer"]: _title(row, lang) for _, row in frame.iterrows()})

    def title(value: str) -> str:
        return titles.get(value, value)

    # In the sidebar with the page's other controls, once the map is drawn (pages/common/frame.page_control).
    zones_src = _source_control(
        "eff_zones_src", "eff.source.zones", [DEMO, *user_zones["layer"]], title, lang
    )
    ents_src = _source_control(
        "eff_ents_src", "eff.source.enterprises", [DEMO, *user_ents["layer"]], title, lang
    )
    prev_src = _source_control(
        "eff_prev_src",
        "eff.source.previous",
        [NO_PREVIOUS, *user_ents["layer"]],
        title,
        lang,
        help_key="eff.source.previous_help",
    )
    if gone:
        stop_page()  # the user picks again; no results from data they did not choose
    kept.update({SOURCE_KEYS[0]: zones_src, SOURCE_KEYS[1]: ents_src})
    return zones_src, ents_src, prev_src


def _imports(kind: str) -> pd.DataFrame:
    """The stored imports of ``kind`` by layer name, read once per change of the stores (the words
    below are said on every run: four reads of the store took about 60 ms)."""
    every = shared(("eff.imports",), ingest.list_user_layers)
    return every[every["kind"] == kind].set_index("layer")


def _title(meta: pd.Series, lang: Lang) -> str:
    """An import's title in ``lang`` (its English title when it has one)."""
    english = meta["title_en"] if lang == "en" else None
    return str(english if isinstance(english, str) and english else meta["title_zh"])


def chosen_sources() -> tuple[str, str]:
    """The zones and enterprises this session evaluates, as :func:`choose_sources` will take them
    (the demo where nothing, or a layer no longer stored, is chosen): for what is said before the
    selects are drawn (the 「数据」 select at the top of the sidebar)."""
    out, kept = [], st.session_state.get(KEEP) or {}
    for key, kind in zip(SOURCE_KEYS, ("zones", "enterprises"), strict=True):
        value = st.session_state.get(key, kept.get(key, DEMO))
        out.append(value if value in _imports(kind).index else DEMO)
    return out[0], out[1]


def last_evaluated() -> tuple[str, str, int] | None:
    """The zones, enterprises and year this session last evaluated on the page (the demo's
    ``"demo"``, an import's layer name; a table without years as year 0), as kept for the session;
    None before the page has run in this session."""
    kept = st.session_state.get(KEEP) or {}
    if "eff_year" not in kept:
        return None
    zones_src, ents_src = chosen_sources()
    return zones_src, ents_src, int(kept["eff_year"])


def evaluated_words(zones_src: str, ents_src: str, lang: Lang) -> str:
    """What the page evaluates, each part with its accuracy: "企业名单「…」（导入，真实）；评价区域「…」
    （导入，示意）" ("" for the demo alone, which the page's synthetic note names)."""
    if zones_src == DEMO and ents_src == DEMO:
        return ""
    parts = []
    for src, kind, demo_key in (
        (ents_src, "enterprises", "eff.data.demo_enterprises"),
        (zones_src, "zones", "eff.data.demo_zones"),
    ):
        if src == DEMO:
            parts.append(t(demo_key, lang))
            continue
        meta = _imports(kind).loc[src]
        parts.append(
            t(f"eff.data.{kind}", lang).format(
                title=_title(meta, lang), accuracy=accuracy_label(str(meta["accuracy"]), lang)
            )
        )
    return ("；" if lang == "zh" else "; ").join(parts)


def data_box(lang: Lang) -> tuple[str, str] | None:
    """The 「数据」 select's Wujiang option and help when this session evaluates imports
    (:func:`pages.city.views.data_select`): "导入：<the enterprise list's title>" and what is
    evaluated with its accuracy; None for the demo (the box's own words are true then)."""
    zones_src, ents_src = chosen_sources()
    if zones_src == DEMO and ents_src == DEMO:
        return None
    if ents_src == DEMO:
        label = t("city.data.imported_zones", lang)
    else:
        meta = _imports("enterprises").loc[ents_src]
        label = t("city.data.imported", lang).format(title=_title(meta, lang))
    what = evaluated_words(zones_src, ents_src, lang)
    return label, t("city.data_help.imported", lang).format(what=what)


def zones_title(zones_src: str, lang: Lang) -> str:
    """The zone layer's title ("" for the demo's 区镇)."""
    if zones_src == DEMO:
        return ""
    return _title(_imports("zones").loc[zones_src], lang)


def zone_field(field: Field, accuracy: str) -> Field:
    """A field of the demo's 区镇 layer (区镇, 示意面积（km²）) as an imported zone layer heads it:
    its names as 区域名称 / Zone name, its area as 面积（km²） unless the layer is marked schematic."""
    if field.column == ZONE_ID:
        return replace(field, zh=t("eff.zones.name_col", "zh"), en=t("eff.zones.name_col", "en"))
    if field.column == "area_km2" and accuracy != "schematic":
        return replace(
            field, zh=message("exports.column.area_km2", "zh"), en=message("exports.column.area_km2", "en")
        )
    return field


def zone_map_layer(zones_src: str, zones: gpd.GeoDataFrame) -> MapLayer:
    """The zones as a map layer, titled as the user's import when it is one."""
    if zones_src == DEMO:
        return map_layer("wujiang_towns")
    meta = ingest.list_user_layers(kind="zones").set_index("layer").loc[zones_src]
    title_en = meta["title_en"] or meta["title_zh"]
    # the user's zones named as the user wrote them (walk 17: not a built-in park's English), headed
    # as what they are: 区域名称, not the demo's 区镇 (parks are not 区镇), their area 示意 only on a
    # layer marked schematic (walk18 b5 iii: 「示意面积（km²）」 for parks marked 真实)
    base = REGISTRY["wujiang_towns"]
    fields = tuple(zone_field(f, str(meta["accuracy"])) for f in base.tooltip_fields)
    layer = own_named(replace(base, title_zh=meta["title_zh"], title_en=title_en, tooltip_fields=fields))
    return MapLayer(layer, zones, Provenance(accuracy=meta["accuracy"], source=meta["source"]))


def enterprise_provenance(ents_src: str) -> Provenance:
    """Where the enterprise table comes from, as every map and download names it."""
    if ents_src == DEMO:
        return Provenance.from_metadata(metadata(), YEARS_LAYER)
    meta = ingest.list_user_layers(kind="enterprises").set_index("layer").loc[ents_src]
    return Provenance(accuracy=meta["accuracy"], source=meta["source"])
