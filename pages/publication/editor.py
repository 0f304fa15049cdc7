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
from geo.errors import DataValidationError
from geo.evaluation import YEAR_COL, default_config
from geo.evaluation.metrics import assign_zones, ratio_label
from geo.evaluation.named import list_named_configs
from geo.messages import Lang, joined, t
from geo.messages.formats import beijing_minute
from geo.publication import compare, departments, objections, results, versions
from geo.publication.inputs import objectionable_columns
from geo.storage.changelog import actor_name
from geo.yearly.notice_words import size_name
from geo.yearly.period import load_objection_period, period_end, period_length
from pages.common.auth import identity
from pages.common.frame import show_error
from pages.common.stored import layer_frame

DEMO = "demo"
ZONE_ID = "name"  # the zones' name column (as on the 亩均效益评价 page)
DEMO_ENTERPRISES, DEMO_ZONES, DEMO_PARCELS = "enterprise_years", "wujiang_towns", "parcels"
UNDATED = 0
SELECT_NEXT = "pub_select_next"  # the version an action made or changed: shown after the rerun
FLASH = "pub_flash"  # (where, message) of the last action: shown there after the rerun that refreshes it
SESSION_CONFIG = "eff_applied"  # the configuration the 亩均效益评价 page applied in this session
FORM_ROUND = "pub_obj_round"  # bumped after an objection is recorded: the form starts empty again


@st.cache_data(max_entries=8, show_spinner=False)
def _results(results_sha256: str, version_id: str) -> pd.DataFrame:
    return versions.version_results(versions.get_version(version_id))


@st.cache_data(max_entries=8, show_spinner=False)
def _compared(before_sha256: str, after_sha256: str, before_id: str, after_id: str) -> pd.DataFrame:
    return compare.compare_versions(before_id, after_id)


def compared(before: versions.Version, after: versions.Version) -> pd.DataFrame:
    """Two versions compared (geo.publication.compare.compare_versions), once per pair of result
    sets (a set never changes), not on every run of the page."""
    return _compared(before.results_sha256, after.results_sha256, before.version_id, after.version_id)


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


def display_title(version: versions.Version, lang: Lang) -> str:
    """The version's title as stored (a corrected draft's own words, ``（异议更正，V3）``, were written
    with it in the language of the page that made it); a correction saved before it had its own
    title (the published version's title, perhaps with ``（异议更正）``) is named so in ``lang``."""
    own = results.CORRECTED_TITLE.search(version.title)
    if not version.replaces or (own and (own.group(2) or own.group(3))):
        return version.title
    return results.base_title(version.title) + t("pub.corrected", lang)


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


def _act(action: Callable[[], str], at: str) -> None:
    """Run an editor's action; its refusal is shown, a success is shown after the rerun that
    refreshes the page, where the action was taken (:func:`flash`)."""
    try:
        message = action()
    except DataValidationError as exc:
        show_error(exc)
        return
    st.session_state[FLASH] = (at, message)
    st.rerun()


def flash(at: str) -> None:
    """The success of the last action taken at ``at`` (a button's place), shown once, there: just
    above the button the user clicked, so in view (the page keeps its scroll position across the
    rerun; the list of versions at the top is often scrolled away)."""
    pending = st.session_state.get(FLASH)
    if pending and pending[0] == at:
        del st.session_state[FLASH]
        st.success(pending[1])


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
    default_title = t("pub.save.title_default", lang).format(
        year="" if year == UNDATED else year, kind=t(f"pub.kind.{kind}", lang)
    )
    title = st.text_input(
        t("pub.save.title", lang), value=default_title.strip(), key=f"pub_save_title_{kind}_{source}_{year}"
    )
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
                actor=_actor(),
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
                actor=_actor(),
                zone=zone,
                year=None if year == UNDATED else year,
                land_version=land_version,
            )
        st.session_state[SELECT_NEXT] = saved.version_id
        return t("pub.save.done", lang).format(label=version_label(saved, lang), n=f"{saved.n_results:,}")

    with st.spinner("…"):
        _act(save, "save")


# --------------------------------------------------------------------------- publish


def _follow(key: str, ids: list[str], fresh: str | None) -> None:
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
    _follow("pub_publish_version", list(by_id), fresh)
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
    flash("publish")
    clicked = st.button(t("pub.publish.button", lang), type="primary", key="pub_publish_button")
    if clicked:

        def publish() -> str:
            done = versions.publish_version(chosen, start=start, end=end, actor=_actor())
            st.session_state[SELECT_NEXT] = done.version_id
            return t("pub.publish.done", lang).format(label=version_label(done, lang))

        _act(publish, "publish")


# --------------------------------------------------------------------------- objections


def _indicator_labels(lang: Lang) -> dict[str, str]:
    return {c: objections.field_label(c, lang) for c in objectionable_columns()}


def _register_view(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    return objections.register_table(frame, lang=lang)


def _open_published(items: list[versions.Version]) -> dict[str, versions.Version]:
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


def _closed_note(items: list[versions.Version], lang: Lang) -> str:
    """Why no version takes objections: a published version already evaluated again says so and
    names the version that carries its objections; otherwise none is published."""
    by_id = {v.version_id: v for v in items}
    notes = []
    for v in items:
        newer = [n for n in items if n.replaces == v.version_id]
        if v.state == versions.PUBLISHED and newer:
            last = newer[-1]
            notes.append(
                t("pub.obj.closed", lang).format(
                    old=v.version_id,
                    new=last.version_id,
                    state=state_label(by_id[last.version_id].state, lang),
                )
            )
    return " ".join(notes) or t("pub.obj.none", lang)


def _current(rows: pd.DataFrame, ent: str, indicator: str) -> float | None:
    """The version's value of ``indicator`` for enterprise ``ent`` (None when it has none)."""
    return rows.loc[rows["ent_id"] == ent, "inputs"].iloc[0].get(indicator)


def _follow_choice(rows: pd.DataFrame) -> None:
    """A new enterprise or indicator chosen: the claimed value starts from the version's value and
    the department from the one that supplies the indicator (each still changeable). Run as the
    selects' callback, before the page, so nothing is drawn with the last choice's values."""
    ent, indicator = st.session_state.get("pub_obj_ent"), st.session_state.get("pub_obj_indicator")
    if ent is None or indicator is None:
        return
    st.session_state["pub_obj_value"] = float(_current(rows, ent, indicator) or 0.0)
    st.session_state["pub_obj_department"] = departments.default_department(indicator)


def _record_form(version: versions.Version, rows: pd.DataFrame, lang: Lang) -> None:
    """Record an objection; after it is recorded the form starts empty again (a second click does not
    record it twice, and geo refuses the same objection twice anyway). The department proposed is
    the one that supplied the indicator (geo/publication/departments.yaml), stored by its code."""
    names = dict(zip(rows["ent_id"], rows["name"], strict=True))
    st.markdown("**" + t("pub.obj.record", lang) + "**")
    indicators = _indicator_labels(lang)
    if version.kind == versions.KIND_LAND:
        indicators = {"land_mu": indicators["land_mu"]}
    for key, ids in (("pub_obj_ent", list(names)), ("pub_obj_indicator", list(indicators))):
        if st.session_state.get(key) not in ids:  # first run, or another version: its first
            st.session_state[key] = ids[0]
            st.session_state.pop("pub_obj_value", None)
            st.session_state.pop("pub_obj_department", None)
    ent = st.selectbox(
        t("pub.obj.enterprise", lang),
        list(names),
        format_func=lambda i: f"{i} {names[i]}",
        key="pub_obj_ent",
        on_change=_follow_choice,
        args=(rows,),
    )
    indicator = st.selectbox(
        t("pub.obj.indicator", lang),
        list(indicators),
        format_func=indicators.get,
        key="pub_obj_indicator",
        on_change=_follow_choice,
        args=(rows,),
    )
    current = _current(rows, ent, indicator)
    st.caption(t("pub.obj.current", lang).format(value="—" if current is None else f"{current:g}"))
    table = departments.load_departments()
    if (
        "pub_obj_value" not in st.session_state
        or st.session_state.get("pub_obj_department") not in table.codes
    ):
        st.session_state["pub_obj_value"] = float(current or 0.0)
        st.session_state["pub_obj_department"] = table.for_indicator(indicator)
    value = st.number_input(t("pub.obj.value", lang), format="%.4f", key="pub_obj_value")
    evidence = st.file_uploader(  # a new key each round: an uploader cannot be emptied otherwise
        t("pub.obj.evidence", lang),
        help=t("pub.obj.evidence_help", lang).format(mb=objections.MAX_EVIDENCE_BYTES // 1024 // 1024),
        key=f"pub_obj_evidence_{st.session_state.get(FORM_ROUND, 0)}",
    )
    department = st.selectbox(  # codes, named in the page's language
        t("pub.obj.department", lang),
        table.codes,
        format_func=lambda code: table.name(code, lang),
        key="pub_obj_department",
        help=t("pub.obj.department_help", lang),
    )
    answer = st.text_input(t("pub.obj.answer", lang), key="pub_obj_answer")
    flash("record")
    clicked = st.button(t("pub.obj.button", lang), type="primary", key="pub_obj_button")
    if not clicked:
        return
    if evidence is None:
        st.error(t("pub.obj.no_file", lang))
        return

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
        for key in ("pub_obj_value", "pub_obj_department", "pub_obj_answer"):
            st.session_state.pop(key, None)
        st.session_state[FORM_ROUND] = st.session_state.get(FORM_ROUND, 0) + 1
        return t("pub.obj.done", lang).format(id=found.objection_id)

    _act(record, "record")


def _decide_form(register: pd.DataFrame, lang: Lang) -> None:
    """Decide a pending objection: the department's answer (its own step, kept as recorded) and the
    decision with its reason."""
    indicators = _indicator_labels(lang)
    st.markdown("**" + t("pub.obj.decide", lang) + "**")
    pending = register[register["decision"] == ""]
    if not len(pending):
        flash("decide")
        st.caption(t("pub.obj.no_pending", lang))
        return
    labels = {
        r.objection_id: f"{r.objection_id} · {r.ent_id} {r.ent_name} · "
        f"{indicators.get(r.indicator, r.indicator)} {r.value_before} → {r.value_claimed}"
        for r in pending.itertuples()
    }
    picked = st.selectbox(
        t("pub.obj.pending", lang), list(labels), format_func=labels.get, key="pub_obj_pick"
    )
    row = pending[pending["objection_id"] == picked].iloc[0]
    final_answer = ""
    if row["department_answer"]:
        st.text(  # plain text: the answer and an older record's department are as typed
            t("pub.obj.answered", lang).format(
                department=departments.department_name(row["department"], lang),
                answer=row["department_answer"],
                who=actor_name(row["answered_by"] or row["recorded_by"], lang),
                at=when(row["answered_at"] or row["recorded_at"], lang),
            )
        )
    else:
        final_answer = st.text_area(t("pub.obj.final_answer", lang), key="pub_obj_final_answer")
    decision = st.radio(
        t("pub.obj.decision", lang),
        list(objections.DECISIONS),
        format_func=lambda d: t(f"pub.obj.decision.{d}", lang),
        horizontal=True,
        key="pub_obj_decision",
    )
    reason = st.text_area(t("pub.obj.reason", lang), key="pub_obj_reason")
    flash("decide")
    clicked = st.button(t("pub.obj.decide_button", lang), key="pub_obj_decide_button")
    if clicked:

        def decide() -> str:
            found = objections.decide_objection(
                picked, decision=decision, answer=final_answer, reason=reason, actor=_actor()
            )
            for key in ("pub_obj_final_answer", "pub_obj_reason"):
                st.session_state.pop(key, None)
            word = t(f"pub.obj.decision.{found.decision}", lang)
            return t("pub.obj.decided", lang).format(id=found.objection_id, decision=word)

        _act(decide, "decide")


def objections_tab(items: list[versions.Version], lang: Lang, *, fresh: str | None = None) -> None:
    """Record an objection with its evidence during the window; decide the pending ones (the
    version just published, else the newest, is proposed)."""
    published = _open_published(items)
    if not published:
        st.info(_closed_note(items, lang))
        return
    _follow("pub_obj_version", list(published), fresh)
    chosen = _version_choice("pub.obj.version", published, "pub_obj_version", lang)
    version = published[chosen]
    _record_form(version, results_of(version), lang)
    register = objections.objections_frame(version_id=version.version_id)
    _decide_form(register, lang)
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


def _numbers(before: float, after: float) -> tuple[str, str]:
    """Two benchmarks as a sentence shows them: thousands separated, two decimals (trailing zeros
    dropped: 3 → 3.3), more when two would show the same number (39.9599 → 39.9612)."""
    for digits in range(2, 7):
        pair = tuple(f"{v:,.{digits}f}" for v in (before, after))
        if pair[0] != pair[1]:
            break
    return tuple(p.rstrip("0").rstrip(".") if "." in p else p for p in pair)


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
        before, after = _numbers(move.before, move.after)
        words.append(t(key, lang).format(indicator=indicator, group=group, before=before, after=after))
    sep = "；" if lang == "zh" else "; "
    key = "pub.why.moved" if words else "pub.why.counts"
    return t(key, lang).format(moves=sep.join(words), n=f"{n:,}", classes=f"{classes:,}")


def finalize_tab(items: list[versions.Version], lang: Lang) -> None:
    """Evaluate a published version again with its decided objections; fix a version."""
    published = _open_published(items)
    if published:
        chosen = _version_choice("pub.re.version", published, "pub_re_version", lang)
        flash("again")
        clicked = st.button(t("pub.re.button", lang), key="pub_re_button")
        if clicked:

            def again() -> str:
                done = results.reevaluate(chosen, actor=_actor(), lang=lang)
                st.session_state[SELECT_NEXT] = done.version_id
                saved = t("pub.re.done", lang).format(label=version_label(done, lang), old=chosen)
                table = compare.compare_versions(chosen, done.version_id)
                return f"{saved} {why_scores_moved(chosen, done.version_id, table, lang)}"

            _act(again, "again")
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
    picked = _version_choice("pub.fin.version", ready, "pub_fin_version", lang, index=len(ready) - 1)
    sure = st.checkbox(t("pub.fin.confirm", lang), key="pub_fin_confirm")
    flash("again")  # (evaluated again: the version it replaces left the list above)
    flash("finalize")
    clicked = st.button(t("pub.fin.button", lang), type="primary", disabled=not sure, key="pub_fin_button")
    if clicked:

        def fix() -> str:
            done = versions.finalize_version(picked, actor=_actor())
            st.session_state[SELECT_NEXT] = done.version_id
            return t("pub.fin.done", lang).format(label=version_label(done, lang))

        _act(fix, "finalize")


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
        table = compared(by_id[before], by_id[after])
    except DataValidationError as exc:
        show_error(exc)
        return
    st.caption(
        t("pub.cmp.summary", lang).format(n=f"{len(table):,}", moved=int(table["class_changed"].sum()))
    )
    if by_id[before].kind == by_id[after].kind == versions.KIND_SCORE:
        st.caption(why_scores_moved(before, after, table, lang))
    shown = compare_view(table)
    right = st.column_config.TextColumn(alignment="right")
    numbers = ("score_before", "score_after", "score_change", "rank_before", "rank_after")
    st.dataframe(
        shown.rename(columns={c: t(f"pub.res.{c}", lang) for c in shown.columns}),
        hide_index=True,
        column_config={t(f"pub.res.{c}", lang): right for c in numbers},
    )


def compare_pair(items: list[versions.Version]) -> tuple[str, str]:
    """The pair the comparison opens on: the newest version and the one it replaces (else the one
    before it)."""
    ids = [v.version_id for v in items]
    newest = items[-1]
    before = newest.replaces if newest.replaces in ids else ids[-2]
    return before, newest.version_id


def compare_view(table: pd.DataFrame) -> pd.DataFrame:
    """The comparison as the page draws it: scores with two decimals and thousands separators (as
    the ranking), a change signed (+3.30), ranks with separators, "—" where a side is not scored."""
    out = table.copy()
    for col in ("score_before", "score_after"):
        out[col] = [f"{v:,.2f}" if pd.notna(v) else "—" for v in table[col]]
    out["score_change"] = [f"{v:+,.2f}" if pd.notna(v) else "—" for v in table["score_change"]]
    for col in ("rank_before", "rank_after"):
        out[col] = [f"{int(v):,}" if pd.notna(v) else "—" for v in table[col]]
    return out
