"""The city demo's first use on a page: the build of its GeoPackage (data/city_build.py) takes
minutes at 120,000 enterprises, so the page says so — how long to expect and each step as it
starts — in a status box rather than a blank wait; once built, loading it shows a spinner."""

from __future__ import annotations

import time

import streamlit as st

from data.city_build import build_minutes, city_cached
from geo.messages import Lang, t
from pages.city.data import CityData, city_data


def city_data_shown(n_enterprises: int, lang: Lang) -> CityData:
    """:func:`pages.city.data.city_data` of ``n_enterprises``, with what the wait is for on the page:
    a status box with the expected minutes and the steps when it is built now, else a spinner."""
    if city_cached(n_enterprises=n_enterprises):
        with st.spinner(t("city.loading", lang)):
            return city_data(n_enterprises=n_enterprises)
    started = time.monotonic()
    label = t("city.build.label", lang).format(n=n_enterprises, minutes=build_minutes(n_enterprises))
    with st.status(label, expanded=True) as status:
        st.caption(t("city.build.once", lang))

        def on_step(step: str) -> None:
            st.write(t(f"city.build.{step}", lang))

        data = city_data(n_enterprises=n_enterprises, on_step=on_step)
        took = t("city.build.done", lang).format(seconds=round(time.monotonic() - started))
        status.update(label=took, state="complete", expanded=False)
    return data


__all__ = ["city_data_shown"]
