"""The 亩均效益评价 page's method selector: the configuration editor starts from a county's published
method (geo/evaluation/methods/: huangyan-2023, huaian-2024) or from the local defaults; the method's
source, fixed benchmarks and missing-data rule are shown, its indicators become the editor's, and the
configuration the page evaluates with carries the method (so every result and export names it).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from geo.config_yaml import layered
from geo.evaluation import MISSING_RULE_EN, MISSING_RULE_ZH, SIZE_ABOVE, EvaluationConfig, default_config
from geo.evaluation.metrics import RATIOS_BY_KEY
from geo.evaluation.published import list_methods, method_config, method_mapping
from geo.messages import Lang, t

METHOD_KEY = "eff_base_method"  # the selectbox's key: '' = the local defaults (evaluation.yaml)
LOCAL = ""


def chosen_method() -> str:
    """The method the editor starts from ('' for the local defaults); an unknown name counts as ''."""
    name = st.session_state.get(METHOD_KEY, st.session_state.get("eff_keep", {}).get(METHOD_KEY, LOCAL))
    return name if name in {m.name for m in list_methods()} else LOCAL


def base_config() -> EvaluationConfig:
    """The configuration the editor starts from: the chosen method's, or the local defaults."""
    name = chosen_method()
    return method_config(name) if name else default_config()


def over_method(raw: dict) -> dict:
    """The editor's values ``raw`` laid over the chosen method's file (its fixed benchmarks, missing
    -data rule, ``method:`` name and source stay); ``raw`` as it is for the local defaults."""
    name = chosen_method()
    if not name:
        return raw
    return layered(method_mapping(name), raw, shallow=("weights",))


def method_of(raw: dict) -> str:
    """The method a saved configuration started from (its ``method: name``), '' for none."""
    about = raw.get("method") or {}
    return str(about.get("name") or "") if isinstance(about, dict) else ""


def method_selector(lang: Lang, *, on_change: Callable[[str], None]) -> None:
    """The selectbox of methods with the chosen one's source, fixed benchmarks and missing-data rule.

    ``on_change(name)`` runs when the user picks another method (before the widgets are drawn
    again): the page loads that method's values into its editor.
    """
    methods = {m.name: m for m in list_methods()}
    options = [LOCAL, *methods]
    current = chosen_method()
    st.session_state.setdefault(METHOD_KEY, current)
    st.session_state.setdefault("eff_keep", {})[METHOD_KEY] = current

    def title(name: str) -> str:
        if not name:
            return t("method.default", lang)
        return f"{methods[name].title_en if lang == 'en' else methods[name].title} · {name}"

    def changed() -> None:
        name = st.session_state[METHOD_KEY]
        st.session_state.setdefault("eff_keep", {})[METHOD_KEY] = name
        on_change(name)

    st.selectbox(t("method.pick", lang), options, format_func=title, key=METHOD_KEY, on_change=changed)
    if not current:
        return
    config = method_config(current)
    st.caption(t("method.source", lang).format(source=methods[current].source))
    items = []
    for group, values in config.benchmark_fixed_by_size.items():
        prefix = t("eff.size.above" if group == SIZE_ABOVE else "eff.size.below", lang)
        for key, value in values.items():
            label = RATIOS_BY_KEY[key].label_zh if lang == "zh" else RATIOS_BY_KEY[key].label_en
            items.append(f"{prefix} {label} {value:g}")
    if items:
        st.caption(t("method.fixed", lang).format(items=("、" if lang == "zh" else ", ").join(items)))
    rule = (MISSING_RULE_ZH if lang == "zh" else MISSING_RULE_EN)[config.missing_indicator]
    st.caption(t("method.missing", lang).format(rule=rule))


def method_note(config: EvaluationConfig, lang: Lang) -> None:
    """Say which published method the results come from (nothing for the local defaults)."""
    if config.method:
        st.caption(t("method.used", lang).format(title=config.method_title(lang)))
