"""The evaluation's rules as the user edits them: the parameter editor below the map (weights,
cut-offs, method), the configurations saved by name, and the check that the weights sum to 100.
The values are kept in the session (a plain copy that survives navigation)."""

from __future__ import annotations

import streamlit as st

from geo.errors import DataValidationError
from geo.evaluation import SIZE_ABOVE, SIZE_BELOW, EvaluationConfig, config_from_mapping, default_config
from geo.evaluation.metrics import RATIOS_BY_KEY
from geo.evaluation.named import list_named_configs, save_named_config
from geo.evaluation.published import method_mapping
from geo.messages import Lang, t
from geo.yearly.notice import group_name
from pages.common.auth import can_edit, identity
from pages.common.frame import show_error
from pages.efficiency.groups import keep_groups, with_groups
from pages.efficiency.method import (
    METHOD_KEY,
    base_config,
    method_note,
    method_of,
    method_selector,
    over_method,
)
from pages.efficiency.sources import KEEP  # the page's kept choices (they survive navigation)

PARAMS_OPEN = "eff_params_open"  # whether the parameter editor is open (its widget key)
PARAMS_LANG = "_eff_params_lang"  # the UI language it was last drawn in
APPLIED = "eff_applied"  # the configuration last used for the evaluation
NAMED = "eff_named"  # configurations saved by name in this session
SAID = "eff_cfg_said"  # (message key, name, configuration) of the last save: said while the editor holds it


def restore(key: str, default) -> None:
    """Give the widget ``key`` its kept value (or ``default``) before it is drawn."""
    kept = st.session_state.setdefault(KEEP, {})
    if key not in st.session_state:
        st.session_state[key] = kept.get(key, default)


def keep(keys) -> None:
    """Copy the widgets ``keys`` into the kept choices (they survive a visit to another page)."""
    kept = st.session_state.setdefault(KEEP, {})
    for key in keys:
        if key in st.session_state:
            kept[key] = st.session_state[key]


def widget_values(config: EvaluationConfig) -> dict:
    """The editor's widget values for a configuration."""
    base = base_config()  # the chosen published method's, or the local defaults (method.py)
    values = {}
    for group, short in (("above_scale", "above"), ("below_scale", "below")):
        given = config.weights_above_scale if group == "above_scale" else config.weights_below_scale
        defaults = base.weights_above_scale if group == "above_scale" else base.weights_below_scale
        for key in defaults:
            values[f"eff_w_{short}_{key}"] = float(given.get(key, 0.0))
    values["eff_min_land"] = float(config.below_scale_min_land_mu)
    values["eff_multiple"] = float(config.benchmark_multiple)
    values["eff_max_ratio"] = float(config.max_ratio or 0.0)
    values["eff_method"] = config.class_method
    for c in ("A", "B", "C"):
        values[f"eff_cut_percentile_{c}"] = float(config.percentile_cutoffs[c])
        values[f"eff_cut_score_{c}"] = float(config.score_cutoffs[c])
    return values


def _load_into_widgets(raw: dict) -> None:
    """Callback: put a saved configuration into the editor (runs before the widgets are drawn)."""
    st.session_state[METHOD_KEY] = st.session_state.setdefault(KEEP, {})[METHOD_KEY] = method_of(raw)
    values = widget_values(config_from_mapping(raw))
    keep_groups(raw)  # lists per group and land sharing: no widget holds them
    st.session_state.update(values)
    st.session_state.setdefault(KEEP, {}).update(values)
    st.session_state["eff_accept_weights"] = False


def _kept_number(where, label: str, key: str, **options) -> float:
    """A number input of the editor whose value is kept the moment it changes (its callback runs
    before anything else of the run): a run stopped before the editor's end (the map's own rerun, a
    language switch) loses nothing."""
    return where.number_input(label, key=key, on_change=keep, args=((key,),), **options)


def _weights_editor(group: str, defaults: dict[str, float], lang: Lang) -> dict[str, float]:
    """Number inputs for the weights of one size group; returns the edited weights."""
    out = {}
    cols = st.columns(3)
    for i, key in enumerate(defaults):
        widget = f"eff_w_{group}_{key}"
        out[key] = _kept_number(
            cols[i % 3],
            RATIOS_BY_KEY[key].label_zh if lang == "zh" else RATIOS_BY_KEY[key].label_en,
            widget,
            min_value=0.0,
            max_value=100.0,
            step=5.0,
        )
    return out


def _named_configs(raw: dict, lang: Lang) -> None:
    """Save the editor's configuration under a name (official only for editors) or load one."""
    saved = list_named_configs()
    session = st.session_state.setdefault(NAMED, {})
    options = {"__default__": (t("eff.cfg.default", lang), dict(default_config().to_dict()))}
    for item in saved:
        label = (
            (t("eff.cfg.official", lang) + " · " if item.official else "") + item.name + f" ({item.saved})"
        )
        options[f"cfg:{item.key}"] = (label, item.config)
    for name, cfg in session.items():
        options.setdefault(f"session:{name}", (name + " · " + t("eff.cfg.session", lang), cfg))
    c1, c2 = st.columns([3, 1])
    choice = c1.selectbox(
        t("eff.cfg.load", lang), list(options), format_func=lambda k: options[k][0], key="eff_cfg_choice"
    )
    c2.button(
        t("eff.cfg.load_button", lang),
        key="eff_cfg_load",
        on_click=_load_into_widgets,
        args=(options[choice][1],),
    )
    c1, c2, c3 = st.columns([3, 1, 1])
    name = c1.text_input(t("eff.cfg.name", lang), key="eff_cfg_name", max_chars=40)
    if c2.button(t("eff.cfg.save", lang), key="eff_cfg_save"):
        try:
            save_named_config(name, raw, actor=identity().recorded)  # recorded in the change log
        except DataValidationError as exc:
            show_error(exc)
        else:
            session[name.strip()] = raw
            st.session_state[SAID] = ("eff.cfg.saved", name, raw)
    if can_edit():  # the official configuration is an editor's to save (pages/common/auth.py)
        if c3.button(t("eff.cfg.save_official", lang), key="eff_cfg_official"):
            try:
                cfg_name = name or t("eff.cfg.official", lang)
                save_named_config(cfg_name, raw, official=True, actor=identity().recorded)
            except DataValidationError as exc:
                show_error(exc)
            else:
                st.session_state[SAID] = ("eff.cfg.saved_official", name, raw)
    else:
        c3.caption(t("eff.cfg.official_editors", lang))
    _say_saved(name, raw, lang)


def _say_saved(name: str, raw: dict, lang: Lang) -> None:
    """Say the last save while the editor still holds what was saved: a rerun of the page's own (the
    map's, a language switch) keeps the message, a changed value or name takes it away."""
    said = st.session_state.get(SAID)
    if said is None:
        return
    key, saved_name, saved_raw = said
    if (saved_name, saved_raw) != (name, raw):
        del st.session_state[SAID]
        return
    st.success(t(key, lang).format(name=saved_name.strip()))


def config_values() -> dict:
    """The configuration the parameter widgets hold (kept or default), laid out like the YAML file.

    Read before the map, from the session: the widgets themselves are drawn below the map by
    :func:`config_editor` (once this session's map is drawn, pages/common/frame.map_first_run), and
    a change in any of them starts a run that reads the new value here first.
    """
    base = base_config()
    # Read, not written: a value written for a widget not drawn in the same run lingers under its
    # key and comes back (Streamlit) once the widget, drawn later, is no longer drawn.
    kept = st.session_state.setdefault(KEEP, {})
    state = {
        k: st.session_state[k] if k in st.session_state else kept.get(k, v)
        for k, v in widget_values(base).items()
    }
    return over_method(
        _raw_config(
            {key: state[f"eff_w_above_{key}"] for key in base.weights_above_scale},
            {key: state[f"eff_w_below_{key}"] for key in base.weights_below_scale},
            state["eff_min_land"],
            state["eff_multiple"],
            state["eff_max_ratio"],
            state["eff_method"],
            {c: state[f"eff_cut_{state['eff_method']}_{c}"] for c in ("A", "B", "C")},
        )
    )


def config_editor(lang: Lang) -> dict:
    """The parameter expander (below the map); returns what its widgets show, which is what
    :func:`config_values` read at the start of the run.

    Its contents are drawn only while it is open (a rerun when it opens or closes): folded, the
    fourteen number inputs and the saved configurations were a sixth of the page's script time
    on every run (cProfile), for a panel most visits never open. Folded, the values stay those
    kept in the session (:func:`restore`). Keyed and kept, it stays open across a language
    switch and a visit to another page."""
    base = base_config()
    # Open or folded as this session left it: from the kept copy after a visit elsewhere, and
    # written again after a language switch (the label is part of the expander's identity).
    state, kept = st.session_state, st.session_state.setdefault(KEEP, {})
    if PARAMS_OPEN not in state or state.get(PARAMS_LANG) != lang:
        state[PARAMS_OPEN] = state.get(PARAMS_OPEN, kept.get(PARAMS_OPEN, False))
    state[PARAMS_LANG] = lang
    box = st.expander(t("eff.params", lang), key=PARAMS_OPEN, on_change="rerun")
    keep((PARAMS_OPEN,))
    if not box.open:
        return config_values()
    for key, value in widget_values(base).items():
        restore(key, value)
    with box:
        st.caption(t("eff.params.help", lang))
        method_selector(lang, on_change=lambda name: _load_into_widgets(method_mapping(name) if name else {}))
        st.markdown(f"**{t('eff.weights_above', lang)}**")
        above = _weights_editor("above", dict(base.weights_above_scale), lang)
        st.markdown(f"**{t('eff.weights_below', lang)}**")
        below = _weights_editor("below", dict(base.weights_below_scale), lang)
        c1, c2, c3, c4 = st.columns(4)
        min_land = _kept_number(c1, t("eff.min_land", lang), "eff_min_land", min_value=0.0, step=1.0)
        multiple = _kept_number(c2, t("eff.multiple", lang), "eff_multiple", min_value=0.1, step=0.5)
        cap = _kept_number(
            c3,
            t("eff.max_ratio", lang),
            "eff_max_ratio",
            min_value=0.0,
            step=0.5,
            help=t("eff.max_ratio.help", lang),
        )
        method = c4.radio(
            t("eff.method", lang),
            ["percentile", "score"],
            format_func=lambda v: t(f"eff.method.{v}", lang),
            key="eff_method",
            horizontal=True,
            on_change=keep,
            args=(("eff_method",),),
        )
        cuts = {}
        cols = st.columns(3)
        for col, c in zip(cols, ("A", "B", "C"), strict=True):
            label = t("eff.cut.pct" if method == "percentile" else "eff.cut.score", lang).format(c=c)
            cuts[c] = _kept_number(
                col,
                label,
                f"eff_cut_{method}_{c}",
                min_value=0.0,
                max_value=100.0 if method == "percentile" else None,
                step=5.0,
            )
        raw = over_method(_raw_config(above, below, min_land, multiple, cap, method, cuts))
        st.divider()
        _named_configs(raw, lang)
    keep(widget_values(base))
    return raw


def _raw_config(above, below, min_land, multiple, cap, method, cuts) -> dict:
    """The editor's values laid out like the YAML file (with a loaded configuration's groups)."""
    return with_groups(
        {
            "scope": {"below_scale_min_land_mu": min_land},
            "weights": {"above_scale": above, "below_scale": below},
            "benchmark": {"multiple": multiple, "max_ratio": cap or None},
            "classes": {"method": method, method: cuts},
        }
    )


def checked_config(raw: dict, lang: Lang) -> dict:
    """The configuration to use: ``raw`` unless its weights do not sum to 100 and the user has
    not confirmed them (then the last one used, said so)."""
    try:
        config = config_from_mapping(raw)
    except DataValidationError as exc:
        show_error(exc)
        return st.session_state.get(APPLIED) or {}
    off = config.weights_off_100()  # the rule the CLI applies too (evaluate --accept-weights)
    if off:
        sizes = {SIZE_ABOVE: "eff.size.above", SIZE_BELOW: "eff.size.below"}
        text = "；".join(
            t("eff.weights_total", lang).format(
                group=t(sizes[g], lang) if g in sizes else group_name(config, g, lang), total=v
            )
            for g, v in off.items()
        )
        st.warning(t("eff.weights_not_100", lang).format(totals=text))
        # A confirmation holds for these totals only (and survives navigation); new totals ask again.
        sig = repr(sorted(off.items()))
        if "eff_accept_weights" not in st.session_state or st.session_state.get("eff_accept_sig") != sig:
            st.session_state["eff_accept_weights"] = st.session_state.get("eff_accepted_for") == sig
        st.session_state["eff_accept_sig"] = sig
        accepted = st.checkbox(t("eff.weights_accept", lang), key="eff_accept_weights")
        if accepted:
            st.session_state["eff_accepted_for"] = sig
        else:
            previous = st.session_state.get(APPLIED)
            st.info(t("eff.weights_kept", lang) if previous else t("eff.weights_default_used", lang))
            return previous or {}
    method_note(config, lang)  # the results name the published method they come from
    st.session_state[APPLIED] = raw
    return raw
