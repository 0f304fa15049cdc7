"""The enterprise profile's sources: which department, file and rows each collected value came from
("税收 450 万元 ← 税务.csv，3 行"), for an enterprise layer saved by 数据归集 (its ``src_*`` columns)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import ingest
from geo.catalogue import ENTERPRISE_BY_KEY
from geo.collect.report import source_column, value_sources
from geo.errors import DataValidationError
from geo.messages import Lang, t
from pages.common.stored import user_store_stamp


@st.cache_data(show_spinner=False, max_entries=4)
def _sources(layer: str, stamp: tuple[str, str]) -> pd.DataFrame:
    """The layer's ids, years and source columns (``src_*``, or as the page's download labels
    them) with their values (empty when it has none)."""
    frame = ingest.load_user_layer(layer)
    sources = [c for c in frame.columns if source_column(c) is not None]
    if not sources:
        return pd.DataFrame()
    values = [source_column(c) for c in sources if source_column(c) in frame.columns]
    keep = ["ent_id", *(["year"] if "year" in frame.columns else []), *values, *sources]
    return pd.DataFrame(frame[keep])


def show_sources(layer: str, ent_id: str, lang: Lang) -> None:
    """Under the profile: each collected value of ``ent_id`` with its file and rows, per year.
    Nothing for the demo or a layer that was not collected."""
    if not layer.startswith(ingest.USER_PREFIX):
        return
    try:
        frame = _sources(layer, user_store_stamp())
    except DataValidationError:
        return  # the layer went meanwhile: the profile above says what there is
    if frame.empty:
        return
    for _, row in frame[frame["ent_id"].astype(str) == str(ent_id)].iterrows():
        lines = []
        for column, value, file, n in value_sources(row.to_dict()):
            spec = ENTERPRISE_BY_KEY.get(column)
            label = spec.label(lang, with_unit=False) if spec is not None else column
            unit = (spec.unit_en if lang == "en" else spec.unit_zh) if spec is not None else ""
            shown = "—" if value is None else f"{value:,.0f}" if value == round(value) else f"{value:,.2f}"
            lines.append(
                t("collect.source_of", lang).format(label=label, value=shown, unit=unit, file=file, n=n)
            )
        if lines:
            year = row.get("year")
            head = f"{int(year)}：" if year is not None and not pd.isna(year) else ""
            st.caption(head + "；".join(lines))
