"""公示与异议: the year's evaluation (and the land list, first) saved as versions, published with a
window, disputed, evaluated again and fixed (geo.publication). Editors act on the tabs below the
list; viewers see the published and final versions, their state and class counts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.errors import DataValidationError
from geo.evaluation import EVALUATION_LABELS, EVALUATION_LABELS_EN, config_from_mapping
from geo.exports.blanks import NOT_KNOWN, town_says_more, without_empty_columns
from geo.messages import joined, t
from geo.messages.names import firm_name
from geo.place_names import own_place_name
from geo.publication import exports, objections, versions
from geo.publication.results import version_benchmarks
from geo.storage.changelog import actor_name
from geo.yearly.notice import group_name
from geo.yearly.notice_words import status_name
from pages.common.auth import can_edit, sees_firms
from pages.common.frame import loading, open_page, show_error
from pages.efficiency.fitting import FLUSH_EDGE_PX, to_the_edge
from pages.publication.actions import FLASH, SHOWN
from pages.publication.editor import (
    SELECT_NEXT,
    compare_tab,
    display_title,
    finalize_tab,
    layer_words,
    provenance_text,
    publish_tab,
    results_of,
    results_order,
    save_tab,
    state_label,
    version_label,
    versions_table,
    when,
)
from pages.publication.objection_tab import objections_tab
from pages.publication.screen import beyond_edge, results_screen, town_header, versions_screen

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
s = open_page("pub.header")
lang = s.lang
st.caption(t("pub.intro", lang))
# Everything above the editor's tabs goes into one container, so the tabs keep their place (and the
# tab the user chose) whatever comes or goes above them: an action's message, a version's lock …
top = st.container()

# Editors act; enterprise rows are shown to editors only (signed-in staff, or single-user mode).
editor = can_edit()
# 查看企业 and 编辑: the enterprise rows; 查看汇总 and visitors: states and class counts.
show_rows = sees_firms()
if not editor:
    top.info(t("pub.viewer_note", lang))

with loading():
    items = versions.list_versions(viewer=not editor)


def _digest(item: dict) -> str:
    return str(item.get("sha256"))[:12]


def _count(value: object) -> str:
    """A count as the page writes counts: 17,063."""
    return f"{value:,}" if isinstance(value, int) else str(value)


def _input_words(role: str, item: dict) -> str:
    """``企业表：演示数据（17,063 行 …）`` — an input layer by its role and name in the page's language."""
    sep = ": " if lang == "en" else "："
    name = layer_words(str(item.get("layer")), lang)
    return f"{t(f'pub.role.{role}', lang)}{sep}{name} ({_count(item.get('rows'))}, sha256 {_digest(item)}…)"


def _named(values: pd.Series, name) -> pd.Series:
    """``values`` each replaced by ``name(value)``, computed once per distinct value."""
    names = {v: name(v) for v in values.unique()}
    return values.map(names)


def _results_view(rows: pd.DataFrame, kind: str, config: dict) -> pd.DataFrame:
    """The version's rows as the page and its workbook show them, every word in the page's language
    (groups, 区镇, statuses; values' provenance); scores and ranks stay numbers."""
    # an evaluation's rows have no parcels (a land list's have): no column blank from top to bottom
    score = kind == versions.KIND_SCORE
    own = ("ent_id", "name", "zone")
    cols = [c for c in versions.RESULT_COLUMNS if (score and c != "parcels") or c in own]
    out = rows[cols].copy()
    if kind == versions.KIND_LAND:
        out["land_mu"] = rows["inputs"].map(lambda i: i.get("land_mu"))
        out["parcels"] = rows["parcels"]
        # where each row's land comes from (宗地 / 填报, geo.land.parcels), in the page's language
        sources = {"宗地": t("pub.land_source.parcels", lang), "填报": t("pub.land_source.reported", lang)}
        out["land_source"] = _named(rows["status"], lambda v: sources.get(str(v), NOT_KNOWN if not v else v))
        # a land list's 区镇 is the one each row states (geo.publication.inputs.land_list), headed so
        out = out.rename(columns={"zone": "town"})
    else:
        out["score"] = out["score"].round(2)
        # not scored: class T (不参评), as the evaluation page and the 公示 list show it
        out["eval_class"] = out["eval_class"].where(out["eval_class"].astype(str) != "", "T")
        # each group and 区镇 named once, not once per row (17,063 rows: the rules were read per
        # row, 20-50 s a run under load, and every click waited for it)
        rules = config_from_mapping(config)
        out["size_group"] = _named(out["size_group"], lambda g: group_name(rules, g, lang))
        # the 区镇 each row states (所在区镇（填报）) where it says more than the zone it lies in (an
        # import's firms outside every zone), before the zone, as the 亩均效益评价 page shows it
        town = rows["inputs"].map(lambda i: i.get("town"))
        if town_says_more(out.assign(town=town)):  # out["zone"] is the zone each lies in
            out.insert(out.columns.get_loc("zone"), "town", town)
    for col in ("town", "zone"):  # a place not known: "—", never a blank cell
        if col in out:
            named = _named(out[col].astype(object).fillna(""), lambda z: own_place_name(z, lang))
            out[col] = named.where(named.astype(str).str.strip() != "", NOT_KNOWN)
    out["name"] = _named(out["name"], lambda n: firm_name(n, lang))  # "(synthetic)" in English
    if "status" in out and lang == "en":
        out["status"] = _named(out["status"], lambda v: status_name(v, lang))
    changed = rows["provenance"].map(lambda p: provenance_text(p, lang))  # only values changed since the file
    provenance = exports.changed_values_column(changed, t("pub.provenance.reported", lang))
    if provenance is not None:
        out["provenance"] = provenance
    # a column no row fills left out, as the 亩均 page's files and the CLI's CSVs (walk 14 item 3);
    # the key columns (and the group, which parts the workbook into sheets) always stay
    out = without_empty_columns(out, keep=("ent_id", "name", "size_group", "score", "rank", "eval_class"))
    town_label = (EVALUATION_LABELS if lang == "zh" else EVALUATION_LABELS_EN)["town"]
    labels = {c: town_label if c == "town" else t(f"pub.res.{c}", lang) for c in out.columns}
    return out.rename(columns=labels)


def _on_screen(view: pd.DataFrame) -> pd.DataFrame:
    """The results as the page draws them: a score with two decimals, a rank with separators, "—"
    where an enterprise is not scored (the grid would print "None"); the workbook keeps numbers."""
    out = view.copy()
    score, rank = t("pub.res.score", lang), t("pub.res.rank", lang)
    if score in out:
        out[score] = [f"{v:,.2f}" if pd.notna(v) else "—" for v in out[score]]
    if rank in out:
        out[rank] = [f"{int(v):,}" if pd.notna(v) else "—" for v in out[rank]]
    land = t("pub.res.land_mu", lang)
    if land in out:  # as the objection form and the register write 用地 (10.50)
        out[land] = [f"{v:,.2f}" if pd.notna(v) else "—" for v in pd.to_numeric(out[land], errors="coerce")]
    return out[results_order(list(out.columns), lang)]


def _detail(version: versions.Version) -> None:
    window = (
        t("pub.detail_window", lang).format(start=version.window_start, end=version.window_end)
        if version.window_start
        else ""
    )
    st.text(
        t("pub.detail", lang).format(
            label=version_label(version, lang), title=display_title(version, lang), window=window
        )
    )
    if version.locked:
        st.warning(
            t("pub.locked", lang).format(
                who=actor_name(version.finalized_by, lang), at=when(version.finalized_at, lang)
            )
        )
    inputs = joined(
        (_input_words(role, item) for role, item in version.inputs.items()),
        lang,
        mark="clause",
    )
    if inputs:
        st.caption(t("pub.inputs", lang).format(items=inputs))
    rows = results_of(version)
    if version.kind == versions.KIND_SCORE:
        counts = (
            rows["eval_class"]
            .replace("", "T")
            .value_counts()
            .reindex(["A", "B", "C", "D", "T"], fill_value=0)
        )
        st.markdown("**" + t("pub.class_counts", lang) + "**")
        st.dataframe(
            pd.DataFrame(
                {
                    t("pub.col.class", lang): counts.index,
                    # each class by what it means (A 优先发展 … T 不参评), a legend beside the letter
                    t("pub.col.class_meaning", lang): [
                        t(f"yearly.notice.class_label.{c}", lang) for c in counts.index
                    ],
                    t("pub.col.count", lang): [f"{int(n):,}" for n in counts.to_numpy()],
                }
            ),
            hide_index=True,
            column_config={t("pub.col.count", lang): st.column_config.TextColumn(alignment="right")},
        )
        if not show_rows and counts["T"]:  # else said once, under the rows, with where each reason is
            st.caption(exports.class_t_legend(pd.Series(counts.index), lang))
    if not show_rows:
        return
    st.markdown("**" + t("pub.results", lang) + "**")
    view = _results_view(rows, version.kind, version.config)
    view = view[results_order(list(view.columns), lang)]  # the workbook's columns as the screen's
    # an English status and town in short, their help in full; the names whole (walk 18 b3)
    shown, fitted = results_screen(_on_screen(view), lang)
    fitted = to_the_edge(shown, fitted, FLUSH_EDGE_PX)  # no column cut at the edge (walk 18 c1)
    right = {"alignment": "right"}
    options = {t(f"pub.res.{c}", lang): right for c in ("score", "rank", "land_mu")}
    options[t("pub.res.status", lang)] = {"help": t("pub.res.status_help", lang)}
    options[town_header(lang)] = {"help": t("pub.res.town_help", lang)}
    options[t("pub.res.zone", lang)] = {"help": t("pub.res.zone_help", lang)}
    options[t("pub.res.size_group", lang)] = {"help": t("pub.res.size_group_help", lang)}
    st.dataframe(
        shown,
        hide_index=True,
        row_height=fitted.row_px,
        column_config=fitted.apply(options),
    )
    class_col, status_col = t("pub.res.eval_class", lang), t("pub.res.status", lang)
    if class_col in view:  # what T means where the list shows it, and where each one's reason is
        if legend := exports.class_t_legend(view[class_col], lang, reason_column=status_col):
            st.caption(legend)
    # V1_公示_2024, V1_公示 without a year: no empty part, no "__" or trailing "_"
    parts = (
        version.version_id,
        state_label(version.state, lang),
        "" if version.year is None else version.year,
    )
    name = "_".join(str(p) for p in parts if str(p)).replace(" ", "_")
    col1, col2 = st.columns(2)
    shown_title = display_title(version, lang)  # a proposed title in the page's language, as above
    title = exports.heading(version, t("pub.results", lang), lang, title=shown_title)

    def results() -> bytes:  # one sheet of all, then one per group (issue 24 item 4)
        if version.kind == versions.KIND_SCORE:
            return exports.results_xlsx_bytes(
                view,
                version=version,
                title=title,
                group_column=t("pub.res.size_group", lang),
                lang=lang,
                class_column=class_col,
                status_column=status_col,
                # a version saved before its benchmarks were kept: worked out again from its own inputs
                benchmarks=version_benchmarks(version),
                inputs=rows,  # a dropped indicator said with the inputs it lacks, as on screen
            )
        lines = exports.window_lines(version, lang)  # its 公示期 and where to object
        return exports.table_xlsx_bytes(view, title=title, sheet=version.version_id, lines=lines)

    # The workbooks are made when clicked, not on every run of the page (17,000 rows: seconds)
    col1.download_button(
        t("pub.download_results", lang),
        data=results,
        file_name=f"{name}.xlsx",
        mime=XLSX_MIME,
        key="pub_dl_results",
        on_click="ignore",
    )
    col2.download_button(
        t("pub.download_register", lang),
        # the objections this version answers: its own and those of the version it corrects
        data=lambda: objections.register_xlsx_bytes(
            objections.register_objections(version), version=version, lang=lang, title=shown_title
        ),
        file_name=f"{name}_{t('pub.file.register', lang)}.xlsx",
        mime=XLSX_MIME,
        key="pub_dl_register",
        on_click="ignore",
    )


wanted = st.session_state.pop(SELECT_NEXT, None)  # the version the last action made or changed
with top:
    if not items:
        st.info(t("pub.none_editor" if editor else "pub.none", lang))
    else:
        st.subheader(t("pub.versions", lang))
        table = versions_table(items, lang)  # its key columns sized to be read whole at 1280 px
        table, fitted = versions_screen(table, items, lang)  # English in short where it must (walk 18 b3)
        fitted = to_the_edge(table, fitted, FLUSH_EDGE_PX)  # no column cut at the edge (walk 18 c1)
        right = {t("pub.col.n_results", lang): {"alignment": "right"}}
        if lang == "en":
            right.update(
                {t(f"pub.col.{c}", lang): {"help": t("pub.col.short_help", lang)} for c in ("state", "title")}
            )
        st.dataframe(table, hide_index=True, column_config=fitted.apply(right), row_height=fitted.row_px)
        if more := beyond_edge(table, fitted, lang):  # the columns a sideways scroll away, named
            st.caption(more)
        by_id = {v.version_id: v for v in items}
        ids = list(by_id)
        if wanted in ids:
            st.session_state["pub_version"] = wanted
        elif st.session_state.get("pub_version") not in ids:
            st.session_state["pub_version"] = ids[-1]
        chosen = st.selectbox(
            t("pub.version", lang),
            ids,
            format_func=lambda i: f"{version_label(by_id[i], lang)} · {display_title(by_id[i], lang)}",
            key="pub_version",
        )
        try:
            _detail(by_id[chosen])
        except DataValidationError as exc:
            show_error(exc)

if editor:
    tabs = st.tabs(
        [
            t("pub.tab.save", lang),
            t("pub.tab.publish", lang),
            t("pub.tab.objections", lang),
            t("pub.tab.finalize", lang),
            t("pub.tab.compare", lang),
        ],
        key=f"pub_tabs_{lang}",
    )
    with tabs[0]:
        save_tab(items, lang)
    with tabs[1]:
        publish_tab(items, lang, fresh=wanted)
    with tabs[2]:
        objections_tab(items, lang, fresh=wanted)
    with tabs[3]:
        finalize_tab(items, lang, fresh=wanted)
    with tabs[4]:
        compare_tab(items, lang)
    pending = st.session_state.get(FLASH)
    if pending and not st.session_state.pop(SHOWN, False):  # its place is gone (a tab now empty): on top
        del st.session_state[FLASH]
        top.success(pending["text"])
