"""The 公示与异议 page's editor tabs (pages/publication.py): save a draft (the year's evaluation or
its land list), publish with a window, record and decide objections with evidence, evaluate again,
finalize, compare two versions. Every action calls geo.publication with the signed-in identity;
its refusals (a 定案 version, outside the window, …) are shown as they come."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from geo import ingest
from geo.catalogue import labels as column_labels
from geo.errors import DataValidationError
from geo.evaluation import YEAR_COL, default_config
from geo.evaluation.metrics import assign_zones
from geo.evaluation.named import list_named_configs
from geo.messages import Lang, t
from geo.messages.formats import beijing_minute
from geo.publication import compare, objections, results, versions
from geo.publication.inputs import objectionable_columns
from geo.yearly.period import load_objection_period, period_end, period_length
from pages.common.auth import identity
from pages.common.frame import show_error
from pages.common.stored import layer_frame

DEMO = "demo"
ZONE_ID = "name"  # the zones' name column (as on the 亩均效益评价 page)
DEMO_ENTERPRISES, DEMO_ZONES, DEMO_PARCELS = "enterprise_years", "wujiang_towns", "parcels"
UNDATED = 0
SELECT_NEXT = "pub_select_next"  # the version an action made or changed: shown after the rerun
FLASH = "pub_flash"  # the message of the last action, shown after the rerun that refreshes the list
SESSION_CONFIG = "eff_applied"  # the configuration the 亩均效益评价 page applied in this session


@st.cache_data(max_entries=8, show_spinner=False)
def _results(results_sha256: str, version_id: str) -> pd.DataFrame:
    return versions.version_results(versions.get_version(version_id))


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


def version_label(version: versions.Version, lang: Lang) -> str:
    """``V3 · 2024 · 评价结果 · 公示`` in the UI language."""
    year = f" · {version.year}" if version.year is not None else ""
    kind = t(f"pub.kind.{version.kind}", lang)
    return f"{version.version_id}{year} · {kind} · {state_label(version.state, lang)}"


def _done(message: str) -> None:
    st.session_state[FLASH] = message
    st.rerun()


def _act(action: Callable[[], str]) -> None:
    """Run an editor's action; its refusal is shown, a success is shown after the list refreshes."""
    try:
        message = action()
    except DataValidationError as exc:
        show_error(exc)
        return
    _done(message)


def _actor() -> str:
    return identity().recorded


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


def _version_choice(
    label_key: str, by_id: dict[str, versions.Version], key: str, lang: Lang, *, index: int = 0
) -> str:
    """A select of the versions ``by_id`` by their label and title; returns the chosen version's id."""
    return st.selectbox(
        t(label_key, lang),
        list(by_id),
        index=index,
        format_func=lambda i: f"{version_label(by_id[i], lang)} · {by_id[i].title}",
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


def save_tab(items: list[versions.Version], lang: Lang) -> None:
    """Save the year's evaluation (or its land list) as a draft version."""
    kind = st.radio(
        t("pub.save.kind", lang),
        [versions.KIND_SCORE, versions.KIND_LAND],
        format_func=lambda k: t(f"pub.kind.{k}", lang),
        horizontal=True,
        key="pub_save_kind",
    )
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
            v.version_id: f"{version_label(v, lang)} · {v.title}"
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
    default_title = t("pub.save.title_default", lang).format(
        year="" if year == UNDATED else year, kind=t(f"pub.kind.{kind}", lang)
    )
    title = st.text_input(
        t("pub.save.title", lang), value=default_title.strip(), key=f"pub_save_title_{kind}_{source}_{year}"
    )
    if not st.button(t("pub.save.button", lang), type="primary", key="pub_save_button"):
        return

    def save() -> str:
        frame = _enterprises(source)
        if year != UNDATED and YEAR_COL in frame.columns:
            frame = frame[pd.to_numeric(frame[YEAR_COL], errors="coerce") == year].reset_index(drop=True)
        layers = {"enterprises": (titles[source], frame)}
        if kind == versions.KIND_LAND:
            parcels = None
            if parcels_source == DEMO:
                parcels = layer_frame(DEMO_PARCELS)
            elif parcels_source:
                parcels = ingest.load_user_layer(parcels_source)
            if parcels is not None:
                layers["parcels"] = (parcels_source, parcels)
            saved = results.save_land_list(
                frame,
                parcels=parcels,
                layers=layers,
                title=title,
                actor=_actor(),
                year=None if year == UNDATED else year,
            )
        else:
            zones = layer_frame(DEMO_ZONES) if zones_source == DEMO else ingest.load_user_layer(zones_source)
            layers["zones"] = (zone_titles[zones_source], zones)
            zone = assign_zones(frame, zones, zone_id=ZONE_ID).zone
            saved = results.save_evaluation(
                frame,
                config=configs[config_key][1],
                layers=layers,
                title=title,
                actor=_actor(),
                zone=zone,
                year=None if year == UNDATED else year,
                land_version=land_version,
            )
        st.session_state[SELECT_NEXT] = saved.version_id
        return t("pub.save.done", lang).format(label=version_label(saved, lang), n=saved.n_results)

    with st.spinner("…"):
        _act(save)


# --------------------------------------------------------------------------- publish


def publish_tab(items: list[versions.Version], lang: Lang) -> None:
    """Publish a draft for a window."""
    drafts = [v for v in items if v.state == versions.DRAFT]
    if not drafts:
        st.info(t("pub.publish.none", lang))
        return
    by_id = {v.version_id: v for v in drafts}
    chosen = _version_choice("pub.publish.version", by_id, "pub_publish_version", lang)
    col1, col2 = st.columns(2)
    # the window's end proposed from the configured period (geo/evaluation/objection_period.yaml)
    period = load_objection_period()
    start = col1.date_input(t("pub.publish.start", lang), value=date.today(), key="pub_publish_start")
    end = col2.date_input(
        t("pub.publish.end", lang),
        value=period_end(date.today(), period),
        key="pub_publish_end",
        help=t("pub.publish.end_help", lang).format(length=period_length(period, lang)),
    )
    if st.button(t("pub.publish.button", lang), type="primary", key="pub_publish_button"):

        def publish() -> str:
            done = versions.publish_version(chosen, start=start, end=end, actor=_actor())
            st.session_state[SELECT_NEXT] = done.version_id
            return t("pub.publish.done", lang).format(label=version_label(done, lang))

        _act(publish)


# --------------------------------------------------------------------------- objections


def _indicator_labels(lang: Lang) -> dict[str, str]:
    known = column_labels("enterprises", lang)
    return {c: known.get(c, c) for c in objectionable_columns()}


def _register_view(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    table = objections.register_table(frame, lang=lang)
    if lang == "zh":
        return table
    return table.set_axis([t(f"pub.reg.{c}", lang) for c in objections.REGISTER_HEADERS], axis=1)


def _open_published(items: list[versions.Version]) -> dict[str, versions.Version]:
    """The published versions not yet evaluated again (objections and re-evaluation go there)."""
    replaced = {v.replaces for v in items if v.replaces}
    return {v.version_id: v for v in items if v.state == versions.PUBLISHED and v.version_id not in replaced}


def provenance_text(provenance: dict, lang: Lang) -> str:
    """Where a version's values came from, column labels in the UI language (``税收（万元）：异议 O1``)."""
    known = column_labels("enterprises", lang)
    sep = ": " if lang == "en" else "："
    return "；".join(f"{known.get(k, k)}{sep}{v}" for k, v in provenance.items())


def objections_tab(items: list[versions.Version], lang: Lang) -> None:
    """Record an objection with its evidence during the window; decide the pending ones."""
    published = _open_published(items)
    if not published:
        st.info(t("pub.obj.none", lang))
        return
    chosen = _version_choice("pub.obj.version", published, "pub_obj_version", lang)
    version = published[chosen]
    rows = results_of(version)
    names = dict(zip(rows["ent_id"], rows["name"], strict=True))
    st.markdown("**" + t("pub.obj.record", lang) + "**")
    ent = st.selectbox(
        t("pub.obj.enterprise", lang), list(names), format_func=lambda i: f"{i} {names[i]}", key="pub_obj_ent"
    )
    indicators = _indicator_labels(lang)
    if version.kind == versions.KIND_LAND:
        indicators = {"land_mu": indicators["land_mu"]}
    indicator = st.selectbox(
        t("pub.obj.indicator", lang), list(indicators), format_func=indicators.get, key="pub_obj_indicator"
    )
    current = rows.loc[rows["ent_id"] == ent, "inputs"].iloc[0].get(indicator)
    st.caption(t("pub.obj.current", lang).format(value="—" if current is None else f"{current:g}"))
    value = st.number_input(
        t("pub.obj.value", lang), value=float(current or 0.0), format="%.4f", key="pub_obj_value"
    )
    evidence = st.file_uploader(
        t("pub.obj.evidence", lang),
        help=t("pub.obj.evidence_help", lang).format(mb=objections.MAX_EVIDENCE_BYTES // 1024 // 1024),
        key="pub_obj_evidence",
    )
    department = st.text_input(
        t("pub.obj.department", lang), value=t("pub.obj.department_default", lang), key="pub_obj_department"
    )
    answer = st.text_input(t("pub.obj.answer", lang), key="pub_obj_answer")
    if st.button(t("pub.obj.button", lang), type="primary", key="pub_obj_button"):
        if evidence is None:
            st.error(t("pub.obj.no_file", lang))
        else:

            def record() -> str:
                found = objections.record_objection(
                    version.version_id,
                    ent_id=ent,
                    indicator=indicator,
                    value_claimed=value,
                    evidence_name=evidence.name,
                    evidence=evidence.getvalue(),
                    department=department,
                    department_answer=answer,
                    actor=_actor(),
                )
                return t("pub.obj.done", lang).format(id=found.objection_id)

            _act(record)

    register = objections.objections_frame(version_id=version.version_id)
    st.markdown("**" + t("pub.obj.decide", lang) + "**")
    pending = register[register["decision"] == ""]
    if not len(pending):
        st.caption(t("pub.obj.no_pending", lang))
    else:
        labels = {
            r.objection_id: f"{r.objection_id} · {r.ent_id} {r.ent_name} · "
            f"{indicators.get(r.indicator, r.indicator)} {r.value_before} → {r.value_claimed}"
            for r in pending.itertuples()
        }
        picked = st.selectbox(
            t("pub.obj.pending", lang), list(labels), format_func=labels.get, key="pub_obj_pick"
        )
        decision = st.radio(
            t("pub.obj.decision", lang),
            list(objections.DECISIONS),
            format_func=lambda d: t(f"pub.obj.decision.{d}", lang),
            horizontal=True,
            key="pub_obj_decision",
        )
        final_answer = st.text_area(t("pub.obj.final_answer", lang), key="pub_obj_final_answer")
        if st.button(t("pub.obj.decide_button", lang), key="pub_obj_decide_button"):

            def decide() -> str:
                found = objections.decide_objection(
                    picked, decision=decision, answer=final_answer, actor=_actor()
                )
                word = t(f"pub.obj.decision.{found.decision}", lang)
                return t("pub.obj.decided", lang).format(id=found.objection_id, decision=word)

            _act(decide)
    st.markdown("**" + t("pub.obj.register", lang) + "**")
    if not len(register):
        st.caption(t("pub.obj.empty", lang))
        return
    st.dataframe(_register_view(register, lang), hide_index=True)
    files = dict(zip(register["objection_id"], register["evidence_sha256"], strict=True))
    evidence_names = dict(zip(register["objection_id"], register["evidence_name"], strict=True))
    which = st.selectbox(  # option texts are drawn as plain text: a file name is never markup
        t("pub.obj.evidence_of", lang),
        list(files),
        format_func=lambda i: f"{i} · {evidence_names[i]}",
        key="pub_obj_evidence_of",
    )
    try:
        name, data = objections.evidence_file(files[which])
    except DataValidationError as exc:
        show_error(exc)
        return
    st.download_button(
        t("pub.obj.evidence_download", lang),
        data,
        file_name=name,
        mime="application/octet-stream",
        key="pub_obj_evidence_download",
    )


# --------------------------------------------------------------------------- evaluate again, finalize


def finalize_tab(items: list[versions.Version], lang: Lang) -> None:
    """Evaluate a published version again with its decided objections; fix a version."""
    published = _open_published(items)
    if published:
        chosen = _version_choice("pub.re.version", published, "pub_re_version", lang)
        if st.button(t("pub.re.button", lang), key="pub_re_button"):

            def again() -> str:
                done = results.reevaluate(chosen, actor=_actor())
                st.session_state[SELECT_NEXT] = done.version_id
                return t("pub.re.done", lang).format(label=version_label(done, lang), old=chosen)

            _act(again)
    states = {v.version_id: v.state for v in items}
    ready = {
        v.version_id: v
        for v in items
        if v.state == versions.PUBLISHED
        or (v.state == versions.DRAFT and states.get(v.replaces) in versions.VISIBLE_TO_VIEWERS)
    }
    if not ready:
        st.info(t("pub.fin.none", lang))
        return
    picked = _version_choice("pub.fin.version", ready, "pub_fin_version", lang, index=len(ready) - 1)
    sure = st.checkbox(t("pub.fin.confirm", lang), key="pub_fin_confirm")
    if st.button(t("pub.fin.button", lang), type="primary", disabled=not sure, key="pub_fin_button"):

        def fix() -> str:
            done = versions.finalize_version(picked, actor=_actor())
            st.session_state[SELECT_NEXT] = done.version_id
            return t("pub.fin.done", lang).format(label=version_label(done, lang))

        _act(fix)


# --------------------------------------------------------------------------- compare


def compare_tab(items: list[versions.Version], lang: Lang) -> None:
    """Two versions side by side: class changes, score moves, changed input values."""
    if len(items) < 2:
        st.info(t("pub.cmp.need_two", lang))
        return
    by_id = {v.version_id: v for v in items}
    ids = list(by_id)
    col1, col2 = st.columns(2)
    before = col1.selectbox(
        t("pub.cmp.before", lang),
        ids,
        index=len(ids) - 2,
        format_func=lambda i: version_label(by_id[i], lang),
        key="pub_cmp_before",
    )
    after = col2.selectbox(
        t("pub.cmp.after", lang),
        ids,
        index=len(ids) - 1,
        format_func=lambda i: version_label(by_id[i], lang),
        key="pub_cmp_after",
    )
    try:
        table = compare.compare_versions(before, after)
    except DataValidationError as exc:
        show_error(exc)
        return
    st.caption(t("pub.cmp.summary", lang).format(n=len(table), moved=int(table["class_changed"].sum())))
    shown = table.assign(
        score_before=table["score_before"].round(2),
        score_after=table["score_after"].round(2),
        score_change=table["score_change"].round(2),
    )
    st.dataframe(shown.rename(columns={c: t(f"pub.res.{c}", lang) for c in shown.columns}), hide_index=True)
