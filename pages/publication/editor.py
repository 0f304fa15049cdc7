"""The 公示与异议 page's editor tabs (pages/publication.py): save a draft (the year's evaluation or
its land list), publish with a window, evaluate again, finalize, compare two versions (objections:
pages/publication/objection_tab.py), and what the tabs share (an action and its message:
pages/publication/actions.py).
Every action calls geo.publication with the signed-in identity; its refusals (a 定案 version,
outside the window, …) are shown as they come."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import ingest
from geo.errors import DataValidationError
from geo.evaluation import YEAR_COL, default_config
from geo.evaluation.metrics import assign_zones, ratio_label
from geo.evaluation.named import list_named_configs
from geo.messages import Lang, joined, t
from geo.messages.formats import beijing_minute, beijing_today
from geo.messages.names import firm_name
from geo.publication import compare, exports, objections, results, versions
from geo.publication.titles import UNDATED, default_title, display_title
from geo.storage.changelog import actor_name
from geo.yearly.notice import benchmark_format, benchmark_text
from geo.yearly.notice_words import size_name
from geo.yearly.period import load_objection_period, period_end, period_length
from pages.common.frame import show_error
from pages.common.stored import layer_frame
from pages.efficiency.config_editor import APPLIED
from pages.efficiency.sources import last_evaluated
from pages.publication.actions import act, actor, flash

DEMO = "demo"
ZONE_ID = "name"  # the zones' name column (as on the 亩均效益评价 page)
DEMO_ENTERPRISES, DEMO_ZONES, DEMO_PARCELS = "enterprise_years", "wujiang_towns", "parcels"
SELECT_NEXT = "pub_select_next"  # the version an action made or changed: shown after the rerun
SESSION_CONFIG = APPLIED  # the configuration the 亩均效益评价 page applied in this session
FORM_ROUND = "pub_obj_round"  # bumped after an objection is recorded: the form starts empty again


@st.cache_data(max_entries=8, show_spinner=False)
def _results(results_sha256: str, version_id: str) -> pd.DataFrame:
    return versions.version_results(versions.get_version(version_id))


@st.cache_data(max_entries=8, show_spinner=False)
def _compared(
    before_sha256: str, after_sha256: str, before_id: str, after_id: str, lang: Lang
) -> pd.DataFrame:
    return compare.compare_versions(before_id, after_id, lang=lang)


def compared(before: versions.Version, after: versions.Version, lang: Lang = "zh") -> pd.DataFrame:
    """Two versions compared (geo.publication.compare.compare_versions), once per pair of result
    sets (a set never changes) and language, not on every run of the page."""
    return _compared(before.results_sha256, after.results_sha256, before.version_id, after.version_id, lang)


def results_of(version: versions.Version) -> pd.DataFrame:
    """A version's results (geo.publication.versions.version_results), read once per result set:
    a set is keyed by the SHA-256 of its rows and never changes, so the cache needs no other key."""
    return _results(version.results_sha256, version.version_id)


def when(stamp: str, lang: Lang) -> str:
    """A stored UTC time as people in Suzhou read it, as the change log shows it:
    ``2026-12-06 20:09 北京时间`` (empty stays empty)."""
    return beijing_minute(stamp, lang) if stamp else ""


def state_label(state: str, lang: Lang) -> str:
    """草稿 / 公示 / 定案 in the UI language."""
    return t(f"pub.state.{state}", lang)


def layer_words(layer: str, lang: Lang) -> str:
    """An input layer as a version names it, in the UI language: the demo's layers (and versions
    saved when the demo was named by the page's words) as the demo data; an import by its title."""
    demo_words = {t("pub.save.demo", "zh"), t("pub.save.demo", "en"), DEMO}
    if layer in demo_words or layer in (DEMO_ENTERPRISES, DEMO_ZONES, DEMO_PARCELS):
        return t("pub.save.demo", lang)
    return layer


def version_label(version: versions.Version, lang: Lang) -> str:
    """``V3 · 2024 · 评价结果 · 公示`` in the UI language."""
    year = f" · {version.year}" if version.year is not None else ""
    kind = t(f"pub.kind.{version.kind}", lang)
    return f"{version.version_id}{year} · {kind} · {state_label(version.state, lang)}"


# --------------------------------------------------------------------------- the versions table

# The versions' key columns: which version, its state, year and title, its window and size. They
# come first and are sized to their texts (pages/efficiency/fitting.py), so that they are read whole
# beside the sidebar at 1280 px (walk11: 公示期 was cut to "2026-12-" and the rest pushed off); who
# saved it and when among them (walk 13: "保存人 · 时间", the last column, was cut).
VERSION_KEYS = ("version_id", "state", "year", "title", "window", "n_results", "created")


def versions_table(found: list[versions.Version], lang: Lang) -> pd.DataFrame:
    """The versions as the page lists them, headed in ``lang``: the key columns first
    (:data:`VERSION_KEYS`, who saved it among them), then kind, what each replaces or was replaced
    by, the land list used and who fixed it; no year is —, never "None"."""
    replaced: dict[str, list[str]] = {}
    for v in found:
        if v.replaces:
            replaced.setdefault(v.replaces, []).append(v.version_id)
    rows = [
        {
            "version_id": v.version_id,
            "state": state_label(v.state, lang)
            + (
                t("pub.state_replaced", lang).format(new=replaced[v.version_id][-1])
                if v.version_id in replaced
                else ""
            ),
            "year": "—" if v.year is None else str(v.year),
            "title": display_title(v, lang),
            "window": f"{v.window_start} – {v.window_end}" if v.window_start else "",
            "n_results": f"{v.n_results:,}",
            # the zone in the header: the cell wraps into the width the key columns have at 1280
            "created": f"{actor_name(v.created_by, lang)} · {beijing_minute(v.created_at, lang, zone=False)}",
            "kind": t(f"pub.kind.{v.kind}", lang),
            "replaces": v.replaces,
            "replaced_by": "、".join(replaced.get(v.version_id, [])),
            "land_version": v.land_version,
            "finalized": (
                f"{actor_name(v.finalized_by, lang)} · {when(v.finalized_at, lang)}" if v.finalized_by else ""
            ),
        }
        for v in found
    ]
    frame = pd.DataFrame(rows)
    return frame.rename(columns={c: t(f"pub.col.{c}", lang) for c in frame.columns})


# --------------------------------------------------------------------------- save a draft


def _enterprises(source: str):
    return layer_frame(DEMO_ENTERPRISES) if source == DEMO else ingest.load_user_layer(source)


def _years(source: str) -> list[int]:
    if source == DEMO:
        return sorted(int(y) for y in layer_frame(DEMO_ENTERPRISES)[YEAR_COL].unique())
    return ingest.user_layer_years(source) or [UNDATED]


def _configs(lang: Lang) -> dict[str, tuple[str, dict]]:
    """The configurations to choose from: key -> (label, mapping)."""
    out = {"default": (t("pub.save.config.default", lang), default_config().to_dict())}
    if st.session_state.get(SESSION_CONFIG):
        out["session"] = (t("pub.save.config.session", lang), dict(st.session_state[SESSION_CONFIG]))
    for item in list_named_configs():
        label = "pub.save.config.official" if item.official else "pub.save.config.named"
        out[item.key] = (t(label, lang).format(name=item.name), item.config)
    return out


def version_choice(
    label_key: str, by_id: dict[str, versions.Version], key: str, lang: Lang, *, index: int = 0
) -> str:
    """A select of the versions ``by_id`` by their label and title; returns the chosen version's id."""
    return st.selectbox(
        t(label_key, lang),
        list(by_id),
        index=index,
        format_func=lambda i: f"{version_label(by_id[i], lang)} · {display_title(by_id[i], lang)}",
        key=key,
    )


def _layer_choice(
    label_key: str, key: str, first: dict[str, str], kind: str, lang: Lang
) -> tuple[str, dict[str, str]]:
    """A select of the entries ``first`` (value: label), then the user's imported layers of ``kind``
    by their titles; returns the choice and the titles of every entry."""
    user = ingest.list_user_layers(kind=kind)
    titles = {**first, **dict(zip(user["layer"], user["title_zh"], strict=True))}
    return st.selectbox(t(label_key, lang), list(titles), format_func=titles.get, key=key), titles


def _as_evaluated(kind: str) -> tuple[str, str, int] | None:
    """The form's first choices (enterprise table, zones, year and, for an evaluation, the
    configuration): what this session evaluated last on the 亩均效益评价 page, set before the form's
    widgets are drawn and only where the form has no choice of its own yet; returns that choice
    (None before the page has run in this session: the form opens on the demo)."""
    evaluated = last_evaluated()
    if evaluated is None:
        return None
    zones_src, ents_src, year = evaluated
    state = st.session_state
    if "pub_save_ents" not in state and (ents_src == DEMO or ents_src in _imports("enterprises")):
        state["pub_save_ents"] = ents_src
        if year in _years(ents_src):
            state["pub_save_year"] = year
    if kind == versions.KIND_SCORE:
        if "pub_save_zones" not in state and (zones_src == DEMO or zones_src in _imports("zones")):
            state["pub_save_zones"] = zones_src
        if "pub_save_config" not in state and state.get(SESSION_CONFIG):
            state["pub_save_config"] = "session"
    return evaluated


def _imports(kind: str) -> set[str]:
    return set(ingest.list_user_layers(kind=kind)["layer"])


def save_tab(items: list[versions.Version], lang: Lang) -> None:
    """Save the year's evaluation (or its land list) as a draft version."""
    kind = st.radio(
        t("pub.save.kind", lang),
        [versions.KIND_SCORE, versions.KIND_LAND],
        format_func=lambda k: t(f"pub.kind.{k}", lang),
        horizontal=True,
        key="pub_save_kind",
    )
    evaluated = _as_evaluated(kind)
    demo = {DEMO: t("pub.save.demo", lang)}
    source, titles = _layer_choice("pub.save.enterprises", "pub_save_ents", demo, "enterprises", lang)
    years = _years(source)
    year = st.selectbox(
        t("pub.save.year", lang),
        years[::-1],
        format_func=lambda y: t("pub.save.undated", lang) if y == UNDATED else str(y),
        key="pub_save_year",
    )
    land_version, parcels_source, zones_source, config_key = "", "", DEMO, "default"
    zone_titles: dict[str, str] = {}
    configs: dict[str, tuple[str, dict]] = {}
    if kind == versions.KIND_SCORE:
        zones_source, zone_titles = _layer_choice("pub.save.zones", "pub_save_zones", demo, "zones", lang)
        configs = _configs(lang)
        config_key = st.selectbox(
            t("pub.save.config", lang),
            list(configs),
            format_func=lambda k: configs[k][0],
            key="pub_save_config",
        )
        lands = {
            v.version_id: f"{version_label(v, lang)} · {display_title(v, lang)}"
            for v in items
            if v.kind == versions.KIND_LAND and v.state in versions.VISIBLE_TO_VIEWERS
        }
        lands[""] = t("pub.save.land_none", lang)
        land_version = st.selectbox(
            t("pub.save.land_version", lang),
            ["", *(i for i in lands if i)],
            format_func=lands.get,
            key="pub_save_land",
        )
    else:
        first = {"": t("pub.save.parcels_none", lang)}
        if source == DEMO:
            first[DEMO] = t("pub.save.parcels_demo", lang)
        parcels_source, _ = _layer_choice("pub.save.parcels", "pub_save_parcels", first, "other", lang)
    if evaluated is not None and evaluated[1:] == (source, year):
        if kind == versions.KIND_LAND:
            st.caption(t("pub.save.as_evaluated_land", lang))
        elif (evaluated[0], config_key) == (zones_source, "session"):
            st.caption(t("pub.save.as_evaluated", lang))
    title_key = f"pub_save_title_{kind}_{source}_{year}"
    proposed = {default_title(year, kind, other) for other in ("zh", "en")}
    if st.session_state.get(title_key, next(iter(proposed))) in proposed:
        # the proposed title in the page's language (after a switch of language too); a typed one stays
        st.session_state[title_key] = default_title(year, kind, lang)
    title = st.text_input(t("pub.save.title", lang), key=title_key)
    flash("save")
    clicked = st.button(t("pub.save.button", lang), type="primary", key="pub_save_button")
    if not clicked:
        return

    def save() -> str:
        frame = _enterprises(source)
        if year != UNDATED and YEAR_COL in frame.columns:
            frame = frame[pd.to_numeric(frame[YEAR_COL], errors="coerce") == year].reset_index(drop=True)
        # the demo by its layer's name (drawn in the page's language), an import by its title
        layers = {"enterprises": (DEMO_ENTERPRISES if source == DEMO else titles[source], frame)}
        if kind == versions.KIND_LAND:
            parcels = None
            if parcels_source == DEMO:
                parcels = layer_frame(DEMO_PARCELS)
            elif parcels_source:
                parcels = ingest.load_user_layer(parcels_source)
            if parcels is not None:
                layers["parcels"] = (DEMO_PARCELS if parcels_source == DEMO else parcels_source, parcels)
            saved = results.save_land_list(
                frame,
                parcels=parcels,
                layers=layers,
                title=title,
                actor=actor(),
                year=None if year == UNDATED else year,
            )
        else:
            zones = layer_frame(DEMO_ZONES) if zones_source == DEMO else ingest.load_user_layer(zones_source)
            layers["zones"] = (DEMO_ZONES if zones_source == DEMO else zone_titles[zones_source], zones)
            zone = assign_zones(frame, zones, zone_id=ZONE_ID).zone
            saved = results.save_evaluation(
                frame,
                config=configs[config_key][1],
                layers=layers,
                title=title,
                actor=actor(),
                zone=zone,
                year=None if year == UNDATED else year,
                land_version=land_version,
            )
        st.session_state[SELECT_NEXT] = saved.version_id
        return t("pub.save.done", lang).format(label=version_label(saved, lang), n=f"{saved.n_results:,}")

    with st.spinner("…"):
        act(save, "save", working=t("pub.save.working", lang))


# --------------------------------------------------------------------------- publish


def follow(key: str, ids: list[str], fresh: str | None) -> None:
    """Select the version an action just made or changed (``fresh``) in the select ``key`` when it is
    one of ``ids``, else keep the choice while it is still one of them, else the newest."""
    if fresh in ids:
        st.session_state[key] = fresh
    elif st.session_state.get(key) not in ids:
        st.session_state[key] = ids[-1]


def publish_tab(items: list[versions.Version], lang: Lang, *, fresh: str | None = None) -> None:
    """Publish a draft for a window (the draft just saved, else the newest, is proposed)."""
    drafts = [v for v in items if v.state == versions.DRAFT]
    if not drafts:
        flash("publish")
        st.info(t("pub.publish.none", lang))
        return
    by_id = {v.version_id: v for v in drafts}
    follow("pub_publish_version", list(by_id), fresh)
    chosen = version_choice("pub.publish.version", by_id, "pub_publish_version", lang)
    col1, col2 = st.columns(2)
    # the window's end proposed from the configured period (geo/evaluation/objection_period.yaml)
    period = load_objection_period()
    start = col1.date_input(t("pub.publish.start", lang), value=beijing_today(), key="pub_publish_start")
    end = col2.date_input(
        t("pub.publish.end", lang),
        value=period_end(beijing_today(), period),
        key="pub_publish_end",
        help=t("pub.publish.end_help", lang).format(length=period_length(period, lang)),
    )
    flash("publish")
    clicked = st.button(t("pub.publish.button", lang), type="primary", key="pub_publish_button")
    if clicked:

        def publish() -> str:
            done = versions.publish_version(chosen, start=start, end=end, actor=actor())
            st.session_state[SELECT_NEXT] = done.version_id
            return t("pub.publish.done", lang).format(label=version_label(done, lang))

        act(publish, "publish")


# --------------------------------------------------------------------------- shared by the tabs


def open_published(items: list[versions.Version]) -> dict[str, versions.Version]:
    """The published versions not yet evaluated again (objections and re-evaluation go there)."""
    replaced = {v.replaces for v in items if v.replaces}
    return {v.version_id: v for v in items if v.state == versions.PUBLISHED and v.version_id not in replaced}


def provenance_text(provenance: dict, lang: Lang) -> str:
    """Where a version's values came from, column labels in the UI language (``税收（万元）：异议 O1``)."""
    sep = ": " if lang == "en" else "："
    words = (
        f"{objections.field_label(k, lang)}{sep}{objections.provenance_words(v, lang)}"
        for k, v in provenance.items()
    )
    return ("; " if lang == "en" else "；").join(words)


# --------------------------------------------------------------------------- evaluate again, finalize


def _numbers(indicator: str, before: float, after: float) -> tuple[str, str]:
    """Two benchmarks as a sentence shows them: in the indicator's benchmark format, as the page and
    the workbook show them (亩均税收 ``40.20 → 42.21``, never ``40.2 → 42.21``: walk18 b7;
    :func:`geo.yearly.notice.benchmark_text`), more decimals when that would show the same number
    twice (39.9599 → 39.9612)."""
    pair = (benchmark_text(indicator, before), benchmark_text(indicator, after))
    if pair[0] != pair[1]:
        return pair
    for digits in range(benchmark_format(indicator).decimals + 1, 7):
        pair = (f"{before:,.{digits}f}", f"{after:,.{digits}f}")
        if pair[0] != pair[1]:
            break
    return pair


def why_scores_moved(before_id: str, after_id: str, table: pd.DataFrame, lang: Lang) -> str:
    """Why scores moved from one version to the other: the benchmarks that moved with the changed
    values (a benchmark is a multiple of the area's mean) and how many scores and classes changed
    (``table``: :func:`geo.publication.compare.compare_versions`)."""
    moves = compare.benchmark_moves(before_id, after_id)
    n = int((table["score_change"].fillna(0).abs() > 1e-9).sum()) if len(table) else 0
    classes = int(table["class_changed"].sum()) if len(table) else 0
    words = []
    for move in moves:
        indicator = ratio_label(move.indicator, with_unit=False, lang=lang)
        key = "pub.why.move_group" if move.groups else "pub.why.move"
        group = joined((str(size_name(g, lang)) for g in move.groups), lang)
        before, after = _numbers(move.indicator, move.before, move.after)
        words.append(t(key, lang).format(indicator=indicator, group=group, before=before, after=after))
    sep = "；" if lang == "zh" else "; "
    key = "pub.why.moved" if words else "pub.why.counts"
    return t(key, lang).format(moves=sep.join(words), n=f"{n:,}", classes=f"{classes:,}")


CHANGES_SHOWN = 20  # the class changes a message lists by name (the rest: the comparison tab)


def change_line(change: compare.ClassChange, lang: Lang, *, why: bool = True) -> str:
    """``同里古镇文创有限公司（…W）：C → D（未提异议，自身数据未变：因基准变化）`` (without its
    reason: ``why`` false)."""
    if not why:
        reason = ""
    elif change.own:
        reason = t("pub.chg.own", lang)
    else:
        reason = t("pub.chg.bench_objected" if change.objected else "pub.chg.bench", lang)
    name = firm_name(change.name, lang)
    return t("pub.chg.item", lang).format(
        name=name, id=change.ent_id, before=change.before or "—", after=change.after or "—", why=reason
    )


def class_changes_text(changes: list[compare.ClassChange], lang: Lang, *, here: bool = False) -> str:
    """The enterprises whose class changed as a list (Markdown), those moved by the benchmarks alone
    first and marked so (walk 19: 同里古镇文创, which filed nothing, went C → D when another firm's
    land objection was accepted; the page only said 「2 家类别变动」); empty when none changed. The
    first :data:`CHANGES_SHOWN` by name, then how many more and where to read them; ``here``: said in
    the comparison tab itself (no pointer at it)."""
    if not changes:
        return ""
    lines = [f"- {change_line(c, lang)}" for c in changes[:CHANGES_SHOWN]]
    if len(changes) > CHANGES_SHOWN:
        more = t("pub.chg.more_here" if here else "pub.chg.more", lang)
        lines.append(f"- {more.format(n=f'{len(changes) - CHANGES_SHOWN:,}')}")
    return "\n".join([t("pub.chg.head_here" if here else "pub.chg.head", lang), "", *lines])


def unheard_downgrades(
    picked: versions.Version, items: list[versions.Version], lang: Lang
) -> list[compare.ClassChange]:
    """The enterprises a draft correction (``picked``, replacing a published version) puts in a worse
    class though their own values did not change: the benchmarks moved with another's corrected
    values, and the draft has not been published, so they have had no chance to object."""
    by_id = {v.version_id: v for v in items}
    before = by_id.get(picked.replaces)
    if picked.state != versions.DRAFT or before is None:
        return []
    if not before.kind == picked.kind == versions.KIND_SCORE:
        return []
    table = compared(before, picked, lang)
    return [c for c in compare.class_changes(table, before.version_id) if c.down and not c.own]


def finalize_tab(items: list[versions.Version], lang: Lang, *, fresh: str | None = None) -> None:
    """Evaluate a published version again with its decided objections; fix a version (the one just
    evaluated again, ``fresh``, is proposed)."""
    published = open_published(items)
    if published:
        chosen = version_choice("pub.re.version", published, "pub_re_version", lang)
        flash("again")
        clicked = st.button(t("pub.re.button", lang), key="pub_re_button")
        if clicked:

            def again() -> str:
                done = results.reevaluate(chosen, actor=actor(), lang=lang)
                st.session_state[SELECT_NEXT] = done.version_id
                saved = t("pub.re.done", lang).format(label=version_label(done, lang), old=chosen)
                table = compare.compare_versions(chosen, done.version_id)
                said = f"{saved} {why_scores_moved(chosen, done.version_id, table, lang)}"
                listed = class_changes_text(compare.class_changes(table, chosen), lang)
                return f"{said}\n\n{listed}" if listed else said

            act(again, "again", working=t("pub.re.working", lang))
    states = {v.version_id: v.state for v in items}
    ready = {
        v.version_id: v
        for v in items
        if v.state == versions.PUBLISHED
        or (v.state == versions.DRAFT and states.get(v.replaces) in versions.VISIBLE_TO_VIEWERS)
    }
    if not ready:
        flash("again")
        flash("finalize")
        st.info(t("pub.fin.none", lang))
        return
    follow("pub_fin_version", list(ready), fresh)
    picked = version_choice("pub.fin.version", ready, "pub_fin_version", lang)  # (follow: the newest)
    try:
        unheard = unheard_downgrades(ready[picked], items, lang)
    except DataValidationError as exc:
        show_error(exc)
        unheard = []
    if unheard:  # told before 定案, not after (DOMAIN.md §8: 公示 → 异议 → 核实 → 调整 → 定案)
        firms = joined((change_line(c, lang, why=False) for c in unheard), lang)
        st.warning(t("pub.fin.unheard", lang).format(firms=firms, version=picked))
    sure = st.checkbox(t("pub.fin.confirm", lang), key="pub_fin_confirm")
    flash("again")  # (evaluated again: the version it replaces left the list above)
    flash("finalize")
    clicked = st.button(t("pub.fin.button", lang), type="primary", disabled=not sure, key="pub_fin_button")
    if clicked:

        def fix() -> str:
            done = versions.finalize_version(picked, actor=actor())
            st.session_state[SELECT_NEXT] = done.version_id
            return t("pub.fin.done", lang).format(label=version_label(done, lang))

        act(fix, "finalize")


# --------------------------------------------------------------------------- compare


def compare_tab(items: list[versions.Version], lang: Lang) -> None:
    """Two versions side by side: class changes, score moves, changed input values."""
    if len(items) < 2:
        st.info(t("pub.cmp.need_two", lang))
        return
    by_id = {v.version_id: v for v in items}
    ids = list(by_id)
    first, last = compare_pair(items)
    col1, col2 = st.columns(2)
    # keyed by the newest version: a new one (evaluated again) opens the comparison on the new pair
    before = col1.selectbox(
        t("pub.cmp.before", lang),
        ids,
        index=ids.index(first),
        format_func=lambda i: version_label(by_id[i], lang),
        key=f"pub_cmp_before_{last}",
    )
    after = col2.selectbox(
        t("pub.cmp.after", lang),
        ids,
        index=ids.index(last),
        format_func=lambda i: version_label(by_id[i], lang),
        key=f"pub_cmp_after_{last}",
    )
    try:
        table = compared(by_id[before], by_id[after], lang)
    except DataValidationError as exc:
        show_error(exc)
        return
    st.caption(
        t("pub.cmp.summary", lang).format(n=f"{len(table):,}", moved=int(table["class_changed"].sum()))
    )
    if by_id[before].kind == by_id[after].kind == versions.KIND_SCORE:
        st.caption(why_scores_moved(before, after, table, lang))
        if listed := class_changes_text(compare.class_changes(table, before), lang, here=True):
            st.markdown(listed)
    shown = compare_view(table)
    right = st.column_config.TextColumn(alignment="right")
    numbers = ("score_before", "score_after", "score_change", "rank_before", "rank_after")
    st.dataframe(
        shown.rename(columns={c: t(f"pub.res.{c}", lang) for c in shown.columns}),
        hide_index=True,
        column_config={
            **{t(f"pub.res.{c}", lang): right for c in numbers},
            t("pub.res.changed_inputs", lang): st.column_config.TextColumn(width="large"),
        },
    )
    if legend := exports.class_t_legend(pd.concat([table["class_before"], table["class_after"]]), lang):
        st.caption(legend)  # what T means, where the comparison shows it


def compare_pair(items: list[versions.Version]) -> tuple[str, str]:
    """The pair the comparison opens on: the newest version and the one it replaces (else the one
    before it)."""
    ids = [v.version_id for v in items]
    newest = items[-1]
    before = newest.replaces if newest.replaces in ids else ids[-2]
    return before, newest.version_id


# The comparison's columns as drawn: what moved first (class, score change, the inputs that
# changed), then the scores and ranks either side; 类别变化 last (the two classes already say it).
COMPARE_VIEW_COLUMNS = (
    *("ent_id", "name", "class_before", "class_after", "score_change", "changed_inputs"),
    *("score_before", "score_after", "rank_before", "rank_after", "class_changed"),
)


# The results per enterprise as drawn: who, then class, score and rank side by side (in view at
# 1280 px in either language), then group, 区镇 and the rest.
RESULTS_VIEW_FIRST = ("ent_id", "name", "eval_class", "score", "rank")


def results_order(columns: list[str], lang: Lang) -> list[str]:
    """``columns`` (headers in ``lang``) with :data:`RESULTS_VIEW_FIRST` first, the rest as they were."""
    first = [t(f"pub.res.{c}", lang) for c in RESULTS_VIEW_FIRST]
    head = [c for c in first if c in columns]
    return head + [c for c in columns if c not in head]


def signed_change(value: float) -> str:
    """A score change signed to two decimals (+3.30, -1.25); one that rounds to nothing is 0.00,
    never -0.00 or +0.00; "—" when a side is not scored."""
    if pd.isna(value):
        return "—"
    text = f"{value:+,.2f}"
    return "0.00" if text in ("+0.00", "-0.00") else text


def compare_view(table: pd.DataFrame) -> pd.DataFrame:
    """The comparison as the page draws it (:data:`COMPARE_VIEW_COLUMNS`, the key columns first so
    they fit at 1280 px): scores with two decimals and thousands separators (as the ranking), a
    change signed (+3.30, 0.00), ranks with separators, "—" where a side is not scored (a class
    "—" where the enterprise is not in that version)."""
    out = table.copy()
    for col in ("score_before", "score_after"):
        out[col] = [f"{v:,.2f}" if pd.notna(v) else "—" for v in table[col]]
    out["score_change"] = [signed_change(v) for v in table["score_change"]]
    for col in ("rank_before", "rank_after"):
        out[col] = [f"{int(v):,}" if pd.notna(v) else "—" for v in table[col]]
    for col in ("class_before", "class_after"):  # an enterprise in one version only: "—", not blank
        out[col] = [v if str(v).strip() else "—" for v in table[col].fillna("")]
    return out[
        [c for c in COMPARE_VIEW_COLUMNS if c in out] + [c for c in out if c not in COMPARE_VIEW_COLUMNS]
    ]
