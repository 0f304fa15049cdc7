"""Versions made from evaluations: the year's evaluation or its land list saved as a draft, and the
year evaluated again after objections (the accepted values changed, the version's own
configuration, :func:`geo.evaluation.evaluate`) as a new draft replacing the published one."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from geo.errors import DataValidationError
from geo.evaluation import CLASS_COL, SIZE_COL, config_from_mapping, evaluate, list_order
from geo.evaluation.grouped import GROUP_COL
from geo.evaluation.metrics import ID_COL, ZONE_COL
from geo.messages import Lang, listed, message
from geo.publication.inputs import (
    LAND_COL,
    PARCELS_COL,
    frame_from_inputs,
    input_columns,
    input_values,
    land_list,
    layer_inputs,
)
from geo.publication.objections import accepted_objections, objections_frame
from geo.publication.versions import (
    DRAFT,
    FINAL,
    KIND_LAND,
    KIND_SCORE,
    PUBLISHED,
    StoreTarget,
    Version,
    check_open,
    get_version,
    save_version,
    version_results,
)
from geo.storage.base import open_store

Layers = Mapping[str, tuple[str, pd.DataFrame]]


def _land_from_list(
    enterprises: pd.DataFrame, land_version: Version, store: StoreTarget
) -> tuple[pd.DataFrame, dict[str, dict]]:
    """``enterprises`` with ``land_mu`` from a land list version where it lists the enterprise, and
    the provenance of each value taken (by enterprise id)."""
    if land_version.kind != KIND_LAND:
        raise DataValidationError.of("publication.not_a_land_list", version=land_version.version_id)
    if land_version.state not in (PUBLISHED, FINAL):
        raise DataValidationError.of("publication.land_list_draft", version=land_version.version_id)
    listed = version_results(land_version, store=store)
    land = {str(r[ID_COL]): r["inputs"].get(LAND_COL) for _, r in listed.iterrows()}
    out = enterprises.copy()
    ids = out[ID_COL].map(lambda v: str(v).strip())
    taken = ids.map(lambda i: i in land)
    out[LAND_COL] = np.where(
        taken, ids.map(lambda i: np.nan if land.get(i) is None else land[i]), out.get(LAND_COL, np.nan)
    ).astype("float64")
    provenance = {i: {LAND_COL: f"用地清单 {land_version.version_id}"} for i in ids[taken]}
    return out, provenance


def _listed_positions(result: pd.DataFrame, tie_order: tuple[str, ...]) -> np.ndarray:
    """The rows' positions in published order: by group (the configuration's order, else 规上, 规下),
    each group as the ranking lists it."""
    group = result[GROUP_COL if GROUP_COL in result.columns else SIZE_COL]
    if isinstance(group.dtype, pd.CategoricalDtype):
        codes = group.cat.codes.to_numpy()
    else:
        codes = pd.factorize(group, sort=True)[0]
    codes = np.where(codes < 0, len(codes), codes)  # in no group: last
    ties = [c for c in tie_order if c in result.columns]
    placed = result.assign(_position=np.arange(len(result)), _group=codes)
    parts = [list_order(part, tie_order=ties) for _, part in placed.groupby("_group", sort=True)]
    return pd.concat(parts)["_position"].to_numpy() if parts else np.arange(0)


def evaluation_results(
    enterprises: pd.DataFrame,
    *,
    config: Mapping[str, Any],
    zone: pd.Series | None = None,
    year: int | None = None,
    provenance: Mapping[str, Mapping[str, str]] | None = None,
) -> pd.DataFrame:
    """Evaluate ``enterprises`` under ``config`` (a configuration's mapping, checked as the
    evaluation checks it) and give the rows a version keeps: id, name, group, zone, score, rank,
    class, status, the input values used and their provenance (by enterprise id). The rows are in
    the order of the lists they are published in: by group, then as the ranking lists them
    (:func:`geo.evaluation.list_order`: score, a tie by ``classes.tie_order``, then id)."""
    return evaluated(enterprises, config=config, zone=zone, year=year, provenance=provenance).rows


class Evaluated(NamedTuple):
    """What a version keeps of an evaluation: its rows (:func:`evaluation_results`), the benchmarks
    it divided by and the weights it applied, each per group and indicator."""

    rows: pd.DataFrame
    benchmarks: dict[str, dict[str, float]]
    weights: dict[str, dict[str, float]]


def _per_group(table: pd.DataFrame) -> dict[str, dict[str, float]]:
    """A frame of groups (rows) by indicators as ``{group: {indicator: value}}``, NaN left out."""
    return {
        str(group): {str(k): float(v) for k, v in row.items() if pd.notna(v)}
        for group, row in table.iterrows()
    }


def evaluated(
    enterprises: pd.DataFrame,
    *,
    config: Mapping[str, Any],
    zone: pd.Series | None = None,
    year: int | None = None,
    provenance: Mapping[str, Mapping[str, str]] | None = None,
) -> Evaluated:
    """:func:`evaluation_results`, the benchmarks it divided by, per size group and indicator
    (``{"规上": {"tax_per_mu_wan_yuan": 3.0}}``; indicators without a benchmark left out), and the
    weights it applied (``{"规上": {"tax_per_mu_wan_yuan": 44.44, "tax_per_emission_equiv_wan_yuan":
    0.0}}``: an indicator dropped for want of data at 0, the others scaled up to the configured
    total, :attr:`geo.evaluation.EvaluationResult.weights`)."""
    rules = config_from_mapping(config)
    evaluation = evaluate(enterprises, config=rules, zone=zone, year=year)
    result = evaluation.enterprises
    benchmarks = _per_group(evaluation.benchmarks)
    columns = input_columns(enterprises, rules)
    provenance = provenance or {}
    order = _listed_positions(result, rules.tie_order)
    result = result.iloc[order]
    ids = result[ID_COL].astype(str).to_numpy()
    values = dict(zip(enterprises[ID_COL].astype(str), input_values(enterprises, columns), strict=True))
    rows = pd.DataFrame(
        {
            ID_COL: ids,
            "name": result["name"].astype(object).to_numpy() if "name" in result else "",
            # the list the enterprise is published in: its group (规上, 规下, 租户 …), else its size
            "size_group": result["eval_group" if "eval_group" in result else SIZE_COL].astype(str).to_numpy(),
            ZONE_COL: result[ZONE_COL].astype(object).to_numpy() if ZONE_COL in result else "",
            "score": result["score"].to_numpy(),
            "rank": result["rank"].to_numpy(),
            "eval_class": result[CLASS_COL].astype(object).to_numpy(),
            "status": result["status"].astype(str).to_numpy(),
            "inputs": [values[i] for i in ids],
            "provenance": [dict(provenance.get(i, {})) for i in ids],
        }
    )
    return Evaluated(rows, benchmarks, _per_group(evaluation.weights))


def save_evaluation(
    enterprises: pd.DataFrame,
    *,
    config: Mapping[str, Any],
    layers: Layers,
    title: str,
    actor: str,
    zone: pd.Series | None = None,
    year: int | None = None,
    land_version: str = "",
    replaces: str = "",
    store: StoreTarget = None,
) -> Version:
    """Evaluate the year and save it as a 草稿 version, recorded for ``actor``; returns it.

    ``config`` is a configuration's mapping (keys left out keep the documented defaults); the
    version keeps the whole configuration. ``layers`` names the input layers by role
    (``enterprises``, ``zones``, …) with their data (the version records each one's name and
    digest). With ``land_version`` (a 公示 or 定案 land list) each listed enterprise's ``land_mu``
    comes from that list and its provenance says so. ``replaces`` names the version this one
    corrects (e.g. a 定案 one, which itself never changes).

    Raises
    ------
    DataValidationError
        What :func:`geo.evaluation.evaluate` and :func:`geo.publication.versions.save_version`
        refuse, or a land list that is not one, or still a draft.
    """
    target = open_store(store)
    provenance: dict[str, dict] = {}
    if land_version:
        enterprises, provenance = _land_from_list(
            enterprises, get_version(land_version, store=target), target
        )
    whole = config_from_mapping(config).to_dict()  # the whole configuration, defaults included
    results, benchmarks, weights = evaluated(
        enterprises, config=whole, zone=zone, year=year, provenance=provenance
    )
    if year is None and "year" in enterprises.columns and enterprises["year"].nunique() == 1:
        year = int(pd.to_numeric(enterprises["year"]).iloc[0])
    return save_version(
        results,
        kind=KIND_SCORE,
        year=year,
        title=title,
        config=whole,
        inputs=layer_inputs(layers),
        actor=actor,
        land_version=land_version,
        replaces=replaces,
        benchmarks=benchmarks,
        weights=weights,
        store=target,
    )


def save_land_list(
    enterprises: pd.DataFrame,
    *,
    layers: Layers,
    title: str,
    actor: str,
    parcels=None,
    year: int | None = None,
    store: StoreTarget = None,
) -> Version:
    """Save the land list (:func:`geo.publication.inputs.land_list`) as a 草稿 version, recorded
    for ``actor``; returns it. It is published, disputed (indicator ``land_mu``) and fixed like an
    evaluation, before the scores."""
    listed = land_list(enterprises, parcels=parcels)
    results = _land_rows(listed, {})
    return save_version(
        results,
        kind=KIND_LAND,
        year=year,
        title=title,
        config={},
        inputs=layer_inputs(layers),
        actor=actor,
        store=store,
    )


def _land_rows(listed: pd.DataFrame, provenance: Mapping[str, Mapping[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            ID_COL: listed[ID_COL].astype(str).to_numpy(),
            "name": listed["name"].to_numpy(),
            ZONE_COL: listed[ZONE_COL].to_numpy(),
            PARCELS_COL: listed[PARCELS_COL].to_numpy(),
            "status": listed["land_source"].to_numpy() if "land_source" in listed else "",
            "inputs": [
                {LAND_COL: None if pd.isna(v) else float(v)}
                for v in listed[LAND_COL].to_numpy(dtype="float64")
            ],
            "provenance": [dict(provenance.get(str(i), {})) for i in listed[ID_COL]],
        }
    )


CORRECTED_TITLE = re.compile(r"\s*(（异议更正(，V\d+)?）|\(corrected after objections(, V\d+)?\))\s*$")


def base_title(title: str) -> str:
    """A title without the words a correction added (``2024 年度亩均评价（异议更正，V3）`` →
    ``2024 年度亩均评价``; also the older ``（异议更正）`` and the English words)."""
    previous = None
    title = str(title)
    while previous != title:
        previous, title = title, CORRECTED_TITLE.sub("", title)
    return title.strip()


def reevaluate(
    version_id: str, *, actor: str, title: str = "", lang: Lang = "zh", store: StoreTarget = None
) -> Version:
    """Evaluate a published version's year again with its accepted objections (each changed value's
    provenance names its objection) under the version's own configuration, and save the result as
    a new 草稿 version that replaces it; recorded for ``actor``.

    Without ``title``, the new draft is titled the published version's title (without earlier
    corrections' words) and ``（异议更正，V3）`` — its own id — in ``lang``, written once.

    Raises
    ------
    DataValidationError
        For a version that is not 公示 (a 定案 one: :func:`locked_error`) or was evaluated again
        already, objections still undecided, or what :func:`save_evaluation` refuses.
    """
    target = open_store(store)
    version = get_version(version_id, store=target)
    check_open(version, store=target)
    if version.state == DRAFT:
        raise DataValidationError.of("publication.reevaluate_draft", version=version.version_id)
    pending = objections_frame(store=target, version_id=version.version_id)
    pending = pending[pending["decision"] == ""]
    if len(pending):
        raise DataValidationError.of(
            "publication.objections_pending",
            version=version.version_id,
            n=len(pending),
            objections=listed(pending["objection_id"]),
        )
    results = version_results(version, store=target)
    accepted = accepted_objections(version.version_id, store=target)
    inputs = [dict(v) for v in results["inputs"]]
    provenance = [dict(p) for p in results["provenance"]]
    row_of = {str(i): n for n, i in enumerate(results[ID_COL])}
    for objection in accepted:
        n = row_of[objection.ent_id]
        inputs[n][objection.indicator] = objection.value_claimed
        provenance[n][objection.indicator] = f"异议 {objection.objection_id}"
    results = results.assign(inputs=inputs, provenance=provenance)

    # The title as given, else the year's title and the correction's own words (in ``lang``, its id)
    def corrected(new_id: str) -> str:
        return message("publication.corrected_title", lang, version=new_id)

    suffix = None
    if not str(title or "").strip():
        title, suffix = base_title(version.title), corrected
    if version.kind == KIND_LAND:
        corrected = results.assign(
            **{LAND_COL: [i.get(LAND_COL) for i in inputs], "land_source": results["status"]}
        ).astype({LAND_COL: "float64"})
        fresh = _land_rows(corrected, {str(i): p for i, p in zip(results[ID_COL], provenance, strict=True)})
        return save_version(
            fresh,
            kind=KIND_LAND,
            year=version.year,
            title=title,
            config={},
            inputs=version.inputs,
            actor=actor,
            replaces=version.version_id,
            title_suffix=suffix,
            store=target,
        )
    frame, zone = frame_from_inputs(results)
    fresh, benchmarks, weights = evaluated(
        frame,
        config=version.config,
        zone=zone,
        year=version.year,
        provenance={str(i): p for i, p in zip(results[ID_COL], provenance, strict=True)},
    )
    return save_version(
        fresh,
        kind=KIND_SCORE,
        year=version.year,
        title=title,
        config=version.config,
        inputs=version.inputs,
        actor=actor,
        replaces=version.version_id,
        land_version=version.land_version,
        benchmarks=benchmarks,
        weights=weights,
        title_suffix=suffix,
        store=target,
    )


def version_benchmarks(version: Version, *, store: StoreTarget = None) -> dict[str, dict[str, float]]:
    """The benchmarks an evaluation version divided by, per size group and indicator: as kept with
    the version, else (a version saved before they were kept) worked out again from the version's
    own input values and configuration; a land list has none (``{}``)."""
    if version.kind != KIND_SCORE:
        return {}
    if version.benchmarks:
        return version.benchmarks
    results = version_results(version, store=store)
    frame, zone = frame_from_inputs(results)
    return evaluated(frame, config=version.config, zone=zone, year=version.year).benchmarks
