"""用地强度's controls, in the sidebar beside its map (pages/common/frame.page_control). Not a page itself."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from geo.messages import Lang, t
from geo.messages.names import industry_name
from geo.storage.schema import WUJIANG_INDUSTRIES
from layers import intensity
from pages.common.frame import controls_slot, map_first_run, page_control

ALL = ""
VIEWS = ("parcels", "zones")


def view_control(lang: Lang) -> str:
    """宗地 or 区镇: which map the page shows. Left out only until the first of the two maps is
    drawn: a switch starts the other map's first run, and the switch must stay where it was."""
    if map_first_run("parcel_map") and map_first_run("intensity_map"):
        return st.session_state.get("int_view", VIEWS[0])
    with controls_slot():
        return st.radio(
            t("int.view", lang), VIEWS, format_func=lambda v: t(f"int.view.{v}", lang), key="int_view"
        )


def class_controls(
    prefix: str,
    map_key: str,
    metric_title: str,
    metrics: tuple[str, ...],
    metric_label: Callable[[str], str],
    lang: Lang,
) -> tuple[str, str, int, str]:
    """The pickers both views share: metric, class scheme, number of classes, industry.

    Their keys are ``{prefix}_metric``, ``{prefix}_scheme``, ``{prefix}_k`` and ``{prefix}_industry``.
    """
    metric = page_control(
        map_key,
        f"{prefix}_metric",
        metrics[0],
        lambda: st.selectbox(metric_title, metrics, format_func=metric_label, key=f"{prefix}_metric"),
    )
    scheme = page_control(
        map_key,
        f"{prefix}_scheme",
        intensity.SCHEMES[0],
        lambda: st.radio(
            t("int.scheme", lang),
            intensity.SCHEMES,
            format_func=lambda v: t(f"int.scheme.{v}", lang),
            horizontal=True,
            key=f"{prefix}_scheme",
        ),
    )
    k = page_control(
        map_key,
        f"{prefix}_k",
        intensity.DEFAULT_K,
        lambda: st.slider(
            t("int.k", lang), min_value=3, max_value=7, value=intensity.DEFAULT_K, key=f"{prefix}_k"
        ),
    )
    industry = page_control(
        map_key,
        f"{prefix}_industry",
        ALL,
        lambda: st.selectbox(
            t("int.industry", lang),
            [ALL, *WUJIANG_INDUSTRIES],
            format_func=lambda v: industry_name(v, lang) if v else t("int.industry_all", lang),
            key=f"{prefix}_industry",
        ),
    )
    return metric, scheme, k, industry
