"""What every part of the evaluation page reads: the sources, the year evaluated, the rules, and
the scope the user chose, computed once per (rules, sources, year, scope) for all sessions."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.batch import EvaluationRun
from geo.evaluation import EvaluationConfig, EvaluationResult
from geo.evaluation.metrics import ID_COL
from geo.evaluation.summary import dropped_reasons, scope_reasons
from geo.messages import Lang, t
from geo.yearly.notice import Why, filters_text
from layers.base import Provenance
from pages.common.auth import sees_firms
from pages.common.cache import shared
from pages.common.frame import Settings
from pages.efficiency.scope import mask_of, scope_filters
from pages.efficiency.sources import (
    UNDATED,
    enterprise_provenance,
    runs,
    stamp,
    warnings_by_year,
)


@dataclass(frozen=True)
class Sources:
    """The data the page evaluates: zones, enterprises, last year's results (or none)."""

    zones_src: str
    ents_src: str
    prev_src: str
    zones: gpd.GeoDataFrame


@dataclass(frozen=True)
class Evaluated:
    """Every year evaluated under one configuration, and last year's results when given."""

    config_json: str
    config: EvaluationConfig
    results: dict[int, EvaluationResult]
    previous: pd.DataFrame | None
    published: bool


@dataclass(frozen=True)
class PageView:
    """The page's state for one run: sources, year, rules, the chosen scope and its rows."""

    lang: Lang
    settings: Settings
    firms: bool  # whether this role sees enterprise rows (pages/common/auth.py)
    sources: Sources
    evaluated: Evaluated
    years: list[int]
    year: int
    run: EvaluationRun
    previous: pd.DataFrame | None  # last year's enterprises: the import, else the year before
    prev_year: int | None
    chosen: tuple  # (zones, industries, size): the arguments of scope.mask_of
    filters_words: str
    scope_key: tuple  # the key of every shared result of this scope
    mask: pd.Series
    scope: pd.DataFrame
    scored: pd.DataFrame
    provenance: Provenance
    warnings_all: dict[int, pd.DataFrame]
    warnings: pd.DataFrame  # this year's, in the scope

    @property
    def result(self) -> EvaluationResult:
        """This year's evaluation."""
        return self.evaluated.results[self.year]

    @property
    def enterprises(self) -> pd.DataFrame:
        """This year's evaluated enterprises, all of them."""
        return self.result.enterprises

    @property
    def config(self) -> EvaluationConfig:
        """The rules used."""
        return self.evaluated.config

    @property
    def dropped_why(self) -> Why:
        """Why each indicator left out of a group's score was left out (its missing inputs named),
        over the whole evaluation: the files say it as the page's notes do."""
        return shared(
            ("eff.dropped_why", *self.scope_key[:5]),
            lambda: dropped_reasons(self.enterprises, self.result.weights, amounts=self.run.enterprises),
        )

    @property
    def scope_why(self) -> Why:
        """:attr:`dropped_why` as the chosen scope reads it: a group with no enterprise in the scope
        says 「本范围无企业」 once, not its rules and missing inputs (walk 14 item 8)."""
        return shared(
            ("eff.scope_why", *self.scope_key),
            lambda: scope_reasons(self.dropped_why, self.scope, self.result.weights),
        )

    @property
    def year_or_none(self) -> int | None:
        """The year for the downloads and the notice (None for an undated table)."""
        return None if self.year == UNDATED else self.year

    @property
    def year_words(self) -> str:
        """The year in a title or file name ("" for an undated table)."""
        return "" if self.year == UNDATED else str(self.year)

    @property
    def title(self) -> str:
        """The page's title."""
        return t("eff.header", self.lang)


def page_view(
    *, settings: Settings, sources: Sources, evaluated: Evaluated, years: list[int], year: int
) -> PageView:
    """The scope filters (drawn in the sidebar) and what they select from ``year``'s evaluation."""
    lang = settings.lang
    config_json, src = evaluated.config_json, sources
    run = runs(config_json, src.zones_src, src.ents_src, stamp())[year]
    enterprises = evaluated.results[year].enterprises
    earlier = [y for y in years if y < year and y != UNDATED]
    prev_year = earlier[-1] if earlier else None
    previous = evaluated.previous
    if previous is None and prev_year is not None:
        previous = evaluated.results[prev_year].enterprises
    zone_names = [str(z) for z in run.assignment.zone_keys]
    chosen, filters = scope_filters(enterprises, zone_names, lang)
    # What follows the scope is computed once per (rules, sources, year, scope) for all sessions
    # (pages/common/cache.py shared): ten people opening the page pay for one computation.
    scope_key = (
        config_json,
        src.zones_src,
        src.ents_src,
        src.prev_src,
        year,
        tuple(chosen[0]),
        tuple(chosen[1]),
        chosen[2],
    )
    mask = shared(("eff.mask", *scope_key), lambda: mask_of(enterprises, *chosen))
    scope = shared(("eff.scope", *scope_key), lambda: enterprises[mask])
    scored = shared(("eff.scored", *scope_key), lambda: scope[scope["scored"]])
    warnings_all = warnings_by_year(config_json, src.zones_src, src.ents_src, stamp())

    def scope_warnings() -> pd.DataFrame:
        every = warnings_all.get(year, pd.DataFrame())
        if not len(every):
            return every
        return every[every[ID_COL].astype(str).isin(scope[ID_COL].astype(str)).to_numpy()]

    return PageView(
        lang=lang,
        settings=settings,
        firms=sees_firms(),
        sources=sources,
        evaluated=evaluated,
        years=years,
        year=year,
        run=run,
        previous=previous,
        prev_year=prev_year,
        chosen=chosen,
        filters_words=filters_text(filters, lang),
        scope_key=scope_key,
        mask=mask,
        scope=scope,
        scored=scored,
        provenance=enterprise_provenance(src.ents_src),
        warnings_all=warnings_all,
        warnings=shared(("eff.warnings", *scope_key), scope_warnings),
    )
