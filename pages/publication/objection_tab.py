"""The 公示与异议 page's objections tab (pages/publication.py): record an objection to a published
version with its evidence — the department that checks it proposed from the disputed indicator
(geo/publication/departments.yaml) and stored by its code — and decide the pending ones on the
department's answer; the version's register below, with each objection's evidence file."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.errors import DataValidationError
from geo.messages import Lang, t
from geo.publication import departments, objections, versions
from geo.publication.inputs import objectionable_columns
from geo.storage.changelog import actor_name
from pages.common.frame import show_error
from pages.publication.actions import act, actor, flash
from pages.publication.editor import (
    FORM_ROUND,
    follow,
    open_published,
    results_of,
    state_label,
    version_choice,
    when,
)
from pages.publication.screen import register_fitted


def _indicator_labels(lang: Lang) -> dict[str, str]:
    return {c: objections.field_label(c, lang) for c in objectionable_columns()}


def _register_view(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The register as the page shows it: values each in its indicator's format."""
    return objections.register_table(frame, lang=lang, shown=True)


def pending_label(row, indicators: dict[str, str]) -> str:
    """A pending objection in the select: ``O1 · E1 甲 · 用电量 699,500 → 1,200,000``, its values
    in the indicator's format as everywhere on the page (:func:`geo.publication.objections.shown_value`)."""
    before = objections.shown_value(row.indicator, row.value_before)
    claimed = objections.shown_value(row.indicator, row.value_claimed)
    name = indicators.get(row.indicator, row.indicator)
    return f"{row.objection_id} · {row.ent_id} {row.ent_name} · {name} {before} → {claimed}"


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


def value_key(round_: int, ent: str, indicator: str) -> str:
    """The claimed value's widget key: one per form round, enterprise and indicator."""
    return f"pub_obj_value_{round_}_{ent}_{indicator}"


def answer_key(round_: int) -> str:
    """The department's first answer's widget key: one per form round (a text box keeps what the
    browser holds under its key, so a new round is a new box, empty)."""
    return f"pub_obj_answer_{round_}"


def department_key(round_: int, indicator: str) -> str:
    """The department select's widget key: one per form round and indicator."""
    return f"pub_obj_department_{round_}_{indicator}"


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
    ent = st.selectbox(
        t("pub.obj.enterprise", lang),
        list(names),
        format_func=lambda i: f"{i} {names[i]}",
        key="pub_obj_ent",
    )
    indicator = st.selectbox(
        t("pub.obj.indicator", lang), list(indicators), format_func=indicators.get, key="pub_obj_indicator"
    )
    current = _current(rows, ent, indicator)
    st.caption(t("pub.obj.current", lang).format(value=objections.shown_value(indicator, current)))
    round_ = st.session_state.get(FORM_ROUND, 0)
    # The value and the department are keyed by what they belong to: another enterprise or indicator
    # is another widget, so nothing chosen for the last one (or held over a rerun) is saved for this
    # one. The value starts empty (never the version's value or 0 by default); the department is
    # the one that supplies THIS indicator until changed for it.
    value = st.number_input(
        t("pub.obj.value", lang),
        value=None,
        format=objections.input_format(indicator),  # the decimals the version's value is shown in
        key=value_key(round_, ent, indicator),
    )
    # bounded as every upload is, and said so (Streamlit's own 200 MB was shown before)
    limit = t("pub.obj.evidence_help", lang).format(mb=objections.MAX_EVIDENCE_MB)
    evidence = st.file_uploader(  # a new key each round: an uploader cannot be emptied otherwise
        t("pub.obj.evidence", lang),
        help=limit,
        max_upload_size=objections.MAX_EVIDENCE_MB,
        key=f"pub_obj_evidence_{st.session_state.get(FORM_ROUND, 0)}",
    )
    st.caption(limit)
    table = departments.load_departments()
    department = st.selectbox(  # codes, named in the page's language
        t("pub.obj.department", lang),
        table.codes,
        index=table.codes.index(table.for_indicator(indicator)),
        format_func=lambda code: table.name(code, lang),
        key=department_key(round_, indicator),
        help=t("pub.obj.department_help", lang),
    )
    answer = st.text_input(t("pub.obj.answer", lang), key=answer_key(round_))
    flash("record")
    clicked = st.button(t("pub.obj.button", lang), type="primary", key="pub_obj_button")
    if not clicked:
        return
    if value is None:
        st.error(t("pub.obj.no_value", lang))
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
            actor=actor(),
        )
        st.session_state[FORM_ROUND] = st.session_state.get(FORM_ROUND, 0) + 1
        return t("pub.obj.done", lang).format(id=found.objection_id)

    act(record, "record")


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
    labels = {r.objection_id: pending_label(r, indicators) for r in pending.itertuples()}
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
    decision = st.radio(  # no default: a legal decision is chosen, never preset
        t("pub.obj.decision", lang),
        list(objections.DECISIONS),
        index=None,
        format_func=lambda d: t(f"pub.obj.decision.{d}", lang),
        horizontal=True,
        key="pub_obj_decision",
    )
    reason = st.text_area(t("pub.obj.reason", lang), key="pub_obj_reason")
    flash("decide")
    clicked = st.button(t("pub.obj.decide_button", lang), key="pub_obj_decide_button")
    if clicked and decision is None:
        st.error(t("pub.obj.no_decision", lang))
    elif clicked:

        def decide() -> str:
            found = objections.decide_objection(
                picked, decision=decision, answer=final_answer, reason=reason, actor=actor()
            )
            for key in ("pub_obj_final_answer", "pub_obj_reason", "pub_obj_decision"):
                st.session_state.pop(key, None)
            word = t(f"pub.obj.decision.{found.decision}", lang)
            return t("pub.obj.decided", lang).format(id=found.objection_id, decision=word)

        act(decide, "decide")


def objections_tab(items: list[versions.Version], lang: Lang, *, fresh: str | None = None) -> None:
    """Record an objection with its evidence during the window; decide the pending ones (the
    version just published, else the newest, is proposed)."""
    published = open_published(items)
    if not published:
        st.info(_closed_note(items, lang))
        return
    follow("pub_obj_version", list(published), fresh)
    chosen = version_choice("pub.obj.version", published, "pub_obj_version", lang)
    version = published[chosen]
    _record_form(version, results_of(version), lang)
    register = objections.objections_frame(version_id=version.version_id)
    _decide_form(register, lang)
    st.markdown("**" + t("pub.obj.register", lang) + "**")
    if not len(register):
        st.caption(t("pub.obj.empty", lang))
        return
    view = _register_view(register, lang)
    headers = objections.REGISTER_HEADERS_EN if lang == "en" else objections.REGISTER_HEADERS
    right = {"alignment": "right"}  # numbers shown as text keep their side
    fitted = register_fitted(view)  # a whole column at the table's edge, none cut (walk21 c11)
    st.dataframe(
        view,
        hide_index=True,
        row_height=fitted.row_px,
        column_config=fitted.apply({headers[c]: right for c in ("value_before", "value_claimed")}),
    )
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
