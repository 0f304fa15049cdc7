"""吴江产业布局: the 8 区镇, core vs supporting towns per industry, carriers and enterprises."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.evaluation.metrics import total_metrics
from geo.messages import Lang, t
from geo.messages.formats import yi_yuan_amount, yuan_amount
from geo.messages.names import industry_name
from geo.place_names import name_list, place_label, place_name
from geo.storage.schema import WUJIANG_TOWNS
from layers import carrier_parks, clusters, enterprise_counts, enterprises
from pages.common.auth import sees_firms
from pages.common.cache import shared
from pages.common.frame import loading, map_first_run, open_page, page_control, rest_after_map
from pages.common.maps import WUJIANG_ZOOM, clicked_properties, wujiang_base, wujiang_map
from pages.common.stored import layer_frame, map_layer_of, provenance_html, provenance_table

SHOW = ("all", "industry", "none")
TOWN_CARD = "wj_town_card"  # a town whose card an enterprise's card opened (until the map is clicked again)
LAST_CLICK = "wj_last_click"
YI = 10_000  # 万元 per 亿元


def _label(key: str, lang: Lang) -> str:
    """A UI label followed by the colon of the UI language."""
    return t(key, lang) + (": " if lang == "en" else "：")


def _fmt(value, unit: str = "", decimals: int = 2) -> str:
    if value is None or value != value:
        return "—"
    return f"{value:,.{decimals}f}{(' ' + unit) if unit else ''}"


def _money(wan_yuan, lang: Lang, *, yi: bool = False, decimals: int = 2) -> str:
    """An amount of 万元: in Chinese in 亿元 (``yi``) or 万元 with ``decimals``; in English as English
    prose says money ("CNY 115.05 billion", never "1,150.46 100M yuan")."""
    if wan_yuan is None or wan_yuan != wan_yuan:
        return "—"
    if yi:
        return yi_yuan_amount(wan_yuan / YI, lang, decimals=decimals)
    if lang == "en":
        return yuan_amount(wan_yuan, lang)
    return _fmt(wan_yuan, t("unit.wan_yuan", lang), decimals)


def _per_mu(wan_yuan_per_mu, lang: Lang, *, decimals: int = 2) -> str:
    """An amount of 万元 per 亩: ``16.3 万元/亩``; in English as English prose says money,
    ``CNY 163,000 per mu`` (never "16.3 10k yuan/mu")."""
    if wan_yuan_per_mu is None or wan_yuan_per_mu != wan_yuan_per_mu:
        return "—"
    if lang == "en":
        return t("unit.per_mu_amount", lang).format(amount=yuan_amount(wan_yuan_per_mu, lang))
    return _fmt(wan_yuan_per_mu, t("unit.wan_yuan_per_mu", lang), decimals)


def _note(row: pd.Series, lang: Lang) -> str:
    """The plan's words on a town's role, in English the atlas's translation (``note_en``)."""
    english = row.get("note_en") if lang == "en" else None
    return str(english) if isinstance(english, str) and english else str(row["note"] or "")


def _town_panel(
    town: str, layout: pd.DataFrame, figures: pd.DataFrame, ents: pd.DataFrame, lang: Lang
) -> None:
    """What the plan lays out in ``town``, with the district-wide 2020 figures and 2025 targets."""
    st.markdown(f"### {place_label(town, lang)}")
    rows = layout[layout["town"] == town].merge(figures, on="industry", how="left")
    rows = rows.sort_values("role", key=lambda r: r.map({"core": 0, "supporting": 1}))
    if len(rows):
        lines = []
        for _, r in rows.iterrows():
            figs = t("wj.panel.figures", lang).format(
                sales=_money(r["sales_2020_yi_yuan"] * YI, lang, yi=True),
                target=_money(r["target_2025_yi_yuan"] * YI, lang, yi=True, decimals=0),
            )
            words = _note(r, lang)
            note = f"  \n{words}" if words else ""
            name = industry_name(r["industry"], lang)
            lines.append(f"- **{name}** · {clusters.role_label(r['role'], lang)}  \n{figs}{note}")
        st.markdown("\n".join(lines))
        st.caption(t("wj.figures_note", lang))
    else:
        st.write(t("wj.no_layout", lang))
    here = ents[ents["town"] == town]
    stats = total_metrics(here) if len(here) else None
    tax_per_mu = stats["tax_per_mu_wan_yuan"] if stats is not None else None
    st.markdown(
        t("wj.panel.enterprises", lang).format(
            n=f"{len(here):,}",
            above=f"{int(here['above_scale'].sum()):,}",
            sales=_money(here["sales_wan_yuan"].sum(), lang, yi=True, decimals=1),
            tax_per_mu=_per_mu(tax_per_mu, lang, decimals=1),
        )
    )
    st.caption(t("wj.synthetic_note", lang))


def _enterprise_panel(ent_id: str, ents: pd.DataFrame, lang: Lang) -> None:
    row = ents[ents["ent_id"] == ent_id]
    if not len(row):
        return
    e = row.iloc[0]
    st.markdown(f"### {e['name']}")
    st.markdown(f"{e['ent_id']} · {industry_name(e['industry'], lang)} · {place_name(e['town'], lang)}")
    land = e["land_mu"]
    items = [
        (t("wj.ent.land", lang), _fmt(land, t("unit.mu", lang))),
        (t("wj.ent.sales", lang), _money(e["sales_wan_yuan"], lang)),
        (t("wj.ent.tax", lang), _money(e["tax_wan_yuan"], lang)),
        (
            t("wj.ent.tax_per_mu", lang),
            _per_mu(e["tax_wan_yuan"] / land if land > 0 else None, lang),
        ),
        (t("wj.ent.employees", lang), f"{int(e['employees']):,}"),
        (t("wj.ent.above_scale", lang), t("common.yes" if bool(e["above_scale"]) else "common.no", lang)),
    ]
    # one line per item (a table's cell cut "Above designated size" in the narrow panel at 1280)
    colon = ": " if lang == "en" else "："
    st.markdown("  \n".join(f"**{item}**{colon}{value}" for item, value in items))
    st.caption(t("wj.synthetic_note", lang))
    # the enterprise's town: its card from here (a click on the map at this zoom picks enterprises)
    if e["town"] in WUJIANG_TOWNS:
        st.button(
            t("wj.ent.town_card", lang),  # the town is named in the line under the firm's name
            key="wj_town_card_button",
            on_click=lambda: st.session_state.update({TOWN_CARD: e["town"]}),
        )


def _carrier_panel(name: str, parks: pd.DataFrame, lang: Lang) -> None:
    row = parks[parks["name"] == name].iloc[0]
    st.markdown(f"### {place_label(name, lang)}")
    town, industries = place_name(row["town"], lang), name_list(row["industries"], lang, industry_name)
    st.markdown(f"{_label('wj.col.town', lang)}{town}  \n{_label('wj.col.industry', lang)}{industries}")


s = open_page("wj.header")
lang = s.lang

with loading():
    towns = layer_frame("wujiang_towns")
    ents = layer_frame("enterprises")
    parks = layer_frame("carrier_parks")
    layout = layer_frame("wujiang_clusters")
    figures = layer_frame("wujiang_industry_figures")
    # The 区镇 outlines (schematic) stay underneath; the coloured fills above them change.
    base = wujiang_base()

# The page's controls sit in the sidebar, beside the map (they come once the map is drawn).
industries = list(figures["industry"])
industry = page_control(
    "wujiang_map",
    "wj_industry",
    industries[0],
    lambda: st.selectbox(
        t("wj.industry", lang), industries, format_func=lambda v: industry_name(v, lang), key="wj_industry"
    ),
)
show = page_control(
    "wujiang_map",
    "wj_show",
    SHOW[0],
    lambda: st.radio(t("wj.show", lang), SHOW, format_func=lambda v: t(f"wj.show.{v}", lang), key="wj_show"),
)

# Only these follow the widgets; the map underneath (districts, 区镇) stays, and so does the view.
changing = [
    map_layer_of(
        clusters.for_industry(industry),
        shared(
            ("wj.clusters", industry, lang),
            lambda: clusters.cluster_frame(towns, layout, industry, lang=lang),
        ),
        provenance_of=clusters.PROVENANCE,
    )
]
firms = sees_firms()  # the enterprise points only for the roles that see enterprise rows
if show != "none":
    shown = ents if show == "all" else shared(("wj.of", industry), lambda: ents[ents["industry"] == industry])
    if firms:
        changing.append(map_layer_of(enterprises.LAYER, shown))
    else:  # how many per 区镇 instead of the firms themselves
        what = ("", "") if show == "all" else (f"「{industry}」", f"{industry_name(industry, 'en')} ")
        counted = shared(("wj.counts", show, industry), lambda: enterprise_counts.count_frame(towns, shown))
        changing.append(
            map_layer_of(
                enterprise_counts.for_counts(counted, what_zh=what[0], what_en=what[1]),
                counted,
                provenance_of=enterprise_counts.PROVENANCE,
            )
        )
changing.append(map_layer_of(carrier_parks.for_industry(industry)))

left, right = st.columns([3, 1.3])
with left:
    out = wujiang_map(
        base,
        changing,
        towns,
        title=t("wj.header", lang),
        export_title=t("wj.header", lang)
        + (f"：{industry}" if lang == "zh" else f": {industry_name(industry, lang)}"),
        key="wujiang_map",
        note=t("wj.schematic_note", lang),
        # One key per changing layer: all enterprises do not follow the industry.
        changing_key=[(industry,), (show, industry if show == "industry" else ""), (industry,)]
        if show != "none"
        else [(industry,), (industry,)],
        signal_drawn=True,
    )

with right:
    # The panel beside the map follows it (a first run sends nothing else for the map to wait on).
    props = {} if map_first_run("wujiang_map") else clicked_properties(out)
    if props != st.session_state.get(LAST_CLICK):  # a new click on the map: its feature, not the button's
        st.session_state[LAST_CLICK] = props
        st.session_state.pop(TOWN_CARD, None)
    if st.session_state.get(TOWN_CARD) in WUJIANG_TOWNS:
        _town_panel(st.session_state[TOWN_CARD], layout, figures, ents, lang)
    elif props.get("ent_id") and firms:
        _enterprise_panel(str(props["ent_id"]), ents, lang)
    elif props.get("name") in WUJIANG_TOWNS:
        _town_panel(props["name"], layout, figures, ents, lang)
    elif props.get("name") in set(parks["name"]):
        _carrier_panel(props["name"], parks, lang)
    elif not map_first_run("wujiang_map"):
        st.subheader(t("wj.panel", lang))
        st.info(t("wj.panel_hint", lang))
    if firms and show != "none" and not map_first_run("wujiang_map"):
        zoom = shared(
            ("wj.click_zoom", show, industry), lambda: enterprises.click_zoom(enterprises.LAYER, shown)
        )
        st.caption(t("wj.pick_zoom_hint", lang).format(zoom=zoom, start=WUJIANG_ZOOM))
rest_after_map("wujiang_map", lang)  # what follows comes once the map is drawn
st.caption(t("wj.intro", lang))
if not firms and show != "none":
    st.caption(":material/lock: " + t("wj.counts_note", lang))

# The chosen industry's layout, as the Wujiang plan writes it.
st.subheader(t("wj.layout_of", lang).format(industry=industry_name(industry, lang)))
fig = figures.set_index("industry").loc[industry]
m1, m2, m3 = st.columns(3)
# the amount with its unit, as 两轴三带's metric: "1,150.46 亿元", "CNY 115.05 billion"
m1.metric(t("wj.metric.sales_2020", lang), yi_yuan_amount(fig["sales_2020_yi_yuan"], lang))
m2.metric(t("wj.metric.target_2025", lang), yi_yuan_amount(fig["target_2025_yi_yuan"], lang, decimals=0))
m3.metric(t("wj.metric.enterprises_of", lang), f"{int((ents['industry'] == industry).sum()):,}")
mine = layout[layout["industry"] == industry]
order = {"core": 0, "supporting": 1}
mine = mine.sort_values("role", key=lambda r: r.map(order))
st.dataframe(
    pd.DataFrame(
        {
            t("wj.col.town", lang): [place_name(v, lang) for v in mine["town"]],
            t("wj.col.role", lang): [clusters.role_label(r, lang) for r in mine["role"]],
            t("wj.col.note", lang): [_note(r, lang) for _, r in mine.iterrows()],
        }
    ),
    hide_index=True,
    width="stretch",
)
carriers = parks[[industry in str(v).split("、") for v in parks["industries"]]]
colon = ": " if lang == "en" else "："  # outside the bold: "**x: **" would not render as bold
names = [place_name(n, lang) for n in carriers["name"]]
st.markdown(f"**{t('wj.carriers', lang)}**{colon}{(', ' if lang == 'en' else '、').join(names) or '—'}")

st.subheader(t("overview.provenance", lang))
st.html(
    provenance_html(
        provenance_table(
            ["wujiang_towns", "wujiang_clusters", "wujiang_industry_figures", "carrier_parks", "enterprises"],
            lang,
        ),
        lang,
    )
)
