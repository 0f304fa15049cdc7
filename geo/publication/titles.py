"""A version's title as people read it: the title the atlas wrote (the save form's proposal, a
correction's words) in the reader's language, a title the user typed as typed — on the 公示与异议
page, in the change log of 数据管理 and of ``python -m geo.cli audit``."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from geo.messages import Lang, message, t
from geo.publication import results, versions

UNDATED = 0  # the "year" of a table that names none


def default_title(year: int | None, kind: str, lang: Lang) -> str:
    """The title the save form proposes for a year's ``kind`` in ``lang``: ``2024 年度评价结果`` /
    ``Evaluation 2024``; without a year the kind alone (``评价结果``), never a title with an empty
    part (``年度评价结果``)."""
    words = t(f"pub.kind.{kind}", lang)
    if year is None or year == UNDATED:
        return words
    return t("pub.save.title_default", lang).format(year=year, kind=words)


def _default_titles(version: versions.Version) -> set[str]:
    """The titles the save form proposed (or once proposed) for ``version`` in either language: the
    year's, and for a version without a year the earlier ``年度评价结果``."""
    out = {default_title(version.year, version.kind, lang) for lang in ("zh", "en")}
    if version.year is None:
        words = t(f"pub.kind.{version.kind}", "zh")
        out.add(t("pub.save.title_default", "zh").format(year="", kind=words).strip())
    return out


def display_title(version: versions.Version, lang: Lang) -> str:
    """The version's title in ``lang``, rendered from its parts: the title the save form proposed
    (``2022 年度评价结果`` / ``Evaluation 2022``) in ``lang``, a typed title as typed; a correction's
    words (``（异议更正，V2）`` / `` (corrected after objections, V2)``, an older correction's without
    its id) in ``lang`` whichever language wrote them. A title not a correction's is shown as stored."""
    base = results.base_title(version.title)
    if base in _default_titles(version):
        base = default_title(version.year, version.kind, lang)
    elif not version.replaces:
        return version.title
    if not version.replaces:
        return base
    own = results.CORRECTED_TITLE.search(version.title)
    named = re.search(r"V\d+", own.group(0)) if own else None
    if named:
        return base + message("publication.corrected_title", lang, version=named.group(0))
    return base + t("pub.corrected", lang)


def logged_titles(log: pd.DataFrame, lang: Lang, *, store: versions.StoreTarget = None) -> pd.Series:
    """The change log's titles, a version's as :func:`display_title` writes it: the title the atlas
    wrote in ``lang`` (``Evaluation 2025 (corrected after objections, V2)``), a title the user typed
    as typed (walk 18: the English log showed the Chinese). A version's row names it first in its
    detail (``V2 草稿：…``); its results' row by their SHA-256, titled without a correction's words."""
    own = log["title"].fillna("").astype(str)
    layer = log["layer"].to_numpy()
    if not ((layer == versions.VERSIONS_TABLE) | (layer == versions.RESULTS_TABLE)).any():
        return own
    found = versions.list_versions(store=store)
    by_id = {v.version_id: v for v in found}
    by_results = {v.results_sha256: replace(v, replaces="") for v in found}
    ids = log["detail"].fillna("").astype(str).str.extract(r"^(V\d+)", expand=False)
    shown = []
    for table, vid, digest, title in zip(layer, ids, log["sha256"], own, strict=True):
        if table == versions.VERSIONS_TABLE:
            version = by_id.get(vid)
        else:
            version = by_results.get(digest) if table == versions.RESULTS_TABLE else None
        shown.append(display_title(replace(version, title=title), lang) if version and title else title)
    return pd.Series(shown, index=own.index, dtype=object)
