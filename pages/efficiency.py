"""亩均效益评价 — the script Streamlit runs for the page (url ``/efficiency``); its parts are in
the package ``pages/efficiency/``.

Year, scope, editable weights and cut-offs (kept for the session, saved by name), ranking, the
year-on-year comparison (transitions, movers, warnings), the enterprise's own years, trends,
class mix, map, D-class land, what each class pays, and the exports incl. the 公示 list. Each
part lives in its module there; this script lays them out in the page's order.
"""

from __future__ import annotations

import json

import streamlit as st

from geo.evaluation import config_from_mapping
from geo.evaluation.metrics import check_zones
from geo.messages import t
from pages.city.views import city_page_if_chosen
from pages.common.cache import shared
from pages.common.frame import lazy_tabs, loading, open_page, settings
from pages.efficiency.comparison import class_changes, comparison_tab
from pages.efficiency.config_editor import checked_config, config_editor, config_values
from pages.efficiency.downloads import download_row, export_panel
from pages.efficiency.figures import scope_figures
from pages.efficiency.map import class_map
from pages.efficiency.pay import pay_tab
from pages.efficiency.profile import enterprise_profile
from pages.efficiency.ranking import ranking
from pages.efficiency.scope import choose_year
from pages.efficiency.sections import low_land_tab, warnings_tab, zones_tab
from pages.efficiency.sources import (
    NO_PREVIOUS,
    ZONE_ID,
    choose_sources,
    data_box,
    evaluations,
    previous,
    stamp,
    year_tables,
    zones_of,
)
from pages.efficiency.trends import trend_tab
from pages.efficiency.view import Evaluated, Sources, page_view

# The Suzhou-wide demo, when chosen, is its own view (pages/city/views.py) and ends the page there.
city_page_if_chosen("efficiency", settings().lang, wujiang=data_box(settings().lang))
s = open_page("eff.header")
lang = s.lang
# The map comes first under the title; the page's controls sit in the sidebar beside it, and the
# figures follow below it, once it is drawn (docs/performance.md, seventh round).
zones_src, ents_src, prev_src = choose_sources(lang)
with loading():
    zones = zones_of(zones_src)
    # Checked once per boundary layer (a failure raises and is not kept).
    shared(("eff.zones_ok", zones_src), lambda: check_zones(zones, zone_id=ZONE_ID))
    years = sorted(year_tables(ents_src))
year = choose_year(years, lang)
# In a slot that is always there: a warning drawn above the map on one run and not the next
# would move the map to another place in the page, and the browser would make it anew (blank).
with st.container():
    raw_config = checked_config(config_values(), lang)
# The caches' key, and what they rebuild the configuration from (JSON: YAML dumping was 4 % of a run).
# In the configuration's order, not sorted: the weights are said in the order they are given, on the
# screen as in the files (sorted keys put R&D 经费占比 first in the group lists and notes, walk21 b3).
config_json = json.dumps(raw_config, ensure_ascii=False)
with loading():
    results = evaluations(config_json, zones_src, ents_src, stamp())
    config = config_from_mapping(raw_config)
    previous_frame, published = None, False
    if prev_src != NO_PREVIOUS:
        previous_frame, published = previous(config_json, zones_src, prev_src, stamp())

view = page_view(
    settings=s,
    sources=Sources(zones_src, ents_src, prev_src, zones),
    evaluated=Evaluated(config_json, config, results, previous_frame, published),
    years=years,
    year=year,
)
drawn = class_map(view)  # first: the page's one-map view, drawn before the tables' scripts load
export_slot = st.container()  # filled once the ranking table (which it exports) is made

scope_figures(view)
st.caption(t("eff.intro", lang))
config_editor(lang)  # its values are the ones read above (config_values)
ranked = ranking(view)
changes = class_changes(view)
download_row(view, ranked, changes)
with export_slot:
    export_panel(view, drawn, ranked)

# The rest, one tab at a time (only the open one is drawn and sent: pages/common/frame.lazy_tabs).
SECTIONS = {
    "low": t("eff.tab.low", lang),
    "cmp": t("eff.tab.cmp", lang),  # always there (a year change must not move the user to another tab)
    "warn": t("eff.tab.warn", lang),
    "trend": t("eff.tab.trend", lang),
    "pay": t("eff.tab.pay", lang),
    "zones": t("eff.tab.zones", lang),
}
section = dict(zip(SECTIONS, lazy_tabs(list(SECTIONS.values()), key="eff_tab"), strict=True))
if section["low"].open:
    with section["low"]:
        low_land_tab(view)
if section["cmp"].open:
    if changes is None:
        section["cmp"].caption(t("eff.cmp.none", lang))
    else:
        with section["cmp"]:
            comparison_tab(view, changes)
if section["warn"].open:
    if view.firms:
        with section["warn"]:
            warnings_tab(view)
    else:
        section["warn"].info(":material/lock: " + t("access.hidden", lang))
if section["trend"].open:
    with section["trend"]:
        trend_tab(view)
if section["pay"].open:
    with section["pay"]:
        pay_tab(view)
if section["zones"].open:
    with section["zones"]:
        zones_tab(view)

if view.firms:  # no enterprise profile for a role that sees no enterprise rows
    enterprise_profile(view, drawn, ranked)
