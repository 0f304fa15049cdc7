"""What the save of a collection records, honestly: the files it came from (the register's and
each department's, for the change log), how each enterprise was placed on the map (``placement``:
its own coordinates or its 区镇's representative point), the accuracy classes those positions
allow, and the year the files' title rows state."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import numpy as np
import pandas as pd

from geo.collect.assemble import Collection
from geo.collect.departments import load_departments
from geo.errors import DataValidationError
from geo.messages import Lang, t
from geo.storage.schema import ACCURACY_CLASSES

# The stored ``placement`` column's values (geo/messages/ui/collect.py names them on screen).
PLACED_BY_COORDINATES = "coordinates"  # the register's own longitude and latitude
PLACED_BY_ZONE = "zone"  # a point inside the enterprise's 区镇: a whole town's firms on one dot
PLACEMENTS = (PLACED_BY_COORDINATES, PLACED_BY_ZONE)
# Positions at a zone's representative point are not where the enterprise is: never "real" or
# "transcribed" (GB/T 39972's 示意 is the honest word; the demo's synthetic records stay synthetic).
ZONE_ACCURACIES = ("schematic", "synthetic")


def source_files(collection: Collection) -> str:
    """The files a collection was made from, as the change log records them: the register's, then
    each used department's, each after its department (``企业名录：名录.xlsx；税务：税务.csv``)."""
    if not isinstance(collection, Collection):
        raise DataValidationError.of("collect.not_collection")
    parts = [f"企业名录：{collection.register_source.filename}"]
    parts += [f"{r.department.label_zh}：{r.source.filename}" for r in collection.departments.values()]
    return "；".join(parts)


def placements(located: pd.Series, *, by_zone: bool) -> np.ndarray:
    """Each saved row's ``placement``: ``zone`` (placed at its 区镇's representative point) when
    ``by_zone``, else ``coordinates``; None where ``located`` is False (no position).

    Parameters
    ----------
    located
        Per row, whether it has a position (a boolean series, e.g. ``frame.geometry.notna()``).
    by_zone
        Whether the rows were placed by their 区镇 rather than by their own coordinates.
    """
    if not pd.api.types.is_bool_dtype(located):
        raise DataValidationError.of("collect.placement_not_flags")
    value = PLACED_BY_ZONE if by_zone else PLACED_BY_COORDINATES
    return np.where(located.to_numpy(), value, None).astype(object)


def allowed_accuracies(placed: pd.Series) -> tuple[str, ...]:
    """The accuracy classes a layer placed as ``placed`` (its ``placement`` values) may claim:
    schematic or synthetic once any enterprise sits at its zone's point, any class otherwise."""
    if (pd.Series(placed, dtype=object) == PLACED_BY_ZONE).any():
        return ZONE_ACCURACIES
    return tuple(ACCURACY_CLASSES)


@cache
def _labels() -> dict[str, dict[str, str]]:
    """Each department's (and the register's) name in either language -> its names by language."""
    register, departments = load_departments()
    names = {}
    for dept in (register, *departments.values()):
        both = {"zh": dept.label("zh"), "en": dept.label("en")}
        names[both["zh"]] = names[both["en"]] = both
    return names


def _department_list(text: str, lang: Lang, labels: dict[str, dict[str, str]]) -> str | None:
    """``税务、统计`` or ``Tax office, Statistics office`` in ``lang``; None unless every item is a
    department's name."""
    items = [item.strip() for item in re.split(r"、|, ", text)]
    if not items or any(item not in labels for item in items):
        return None
    return ("、" if lang == "zh" else ", ").join(labels[item][lang] for item in items)


def _file_list(text: str, lang: Lang, labels: dict[str, dict[str, str]]) -> str | None:
    """``企业名录：名录.xlsx；税务：税务.csv`` (:func:`source_files`) in ``lang``; None unless every
    part is a department's name and a file."""
    parts = []
    for part in re.split(r"；|; ", text):
        found = re.match(r"^(.+?)(?:：|: )(.+)$", part)
        if found is None or found.group(1).strip() not in labels:
            return None
        parts.append((labels[found.group(1).strip()][lang], found.group(2)))
    colon, sep = ("：", "；") if lang == "zh" else (": ", "; ")
    return sep.join(f"{name}{colon}{file}" for name, file in parts)


def in_language(text: object, *, lang: Lang) -> str:
    """A collected layer's recorded source or files, in the page's language.

    A save records the source the form proposed (``数据归集：税务、统计`` on the Chinese page,
    ``Collected from: Tax office, Statistics office`` on the English one) and the files it was made
    from (:func:`source_files`), in one language; a page in the other reads them in its own, the
    departments by their names in ``departments.yaml``. Any other text (a source the user wrote) is
    returned as it is; None or NaN gives "".

    Parameters
    ----------
    text
        The stored source or source-file text.
    lang
        The page's language.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    if text is None or (isinstance(text, float) and text != text) or text is pd.NA:
        return ""
    text = str(text)
    labels = _labels()
    for lg in ("zh", "en"):
        prefix, _, suffix = t("collect.source_default", lg).partition("{depts}")
        if text.startswith(prefix) and text.endswith(suffix) and len(text) > len(prefix) + len(suffix):
            depts = _department_list(text[len(prefix) : len(text) - len(suffix)], lang, labels)
            if depts is not None:
                return t("collect.source_default", lang).format(depts=depts)
    files = _file_list(text, lang, labels)
    return text if files is None else files


def stated_year(collection: Collection) -> tuple[int | None, dict[str, int]]:
    """The year the files' title rows state (the one most files state; the latest of a tie) and,
    when files state different years, file name -> year for each (empty when they agree)."""
    if not isinstance(collection, Collection):
        raise DataValidationError.of("collect.not_collection")
    years = collection.stated_years()
    if not years:
        return None, {}
    counts = Counter(years.values())
    year = max(counts, key=lambda y: (counts[y], y))
    return year, (years if len(counts) > 1 else {})


__all__ = [
    "PLACED_BY_COORDINATES",
    "PLACED_BY_ZONE",
    "PLACEMENTS",
    "ZONE_ACCURACIES",
    "allowed_accuracies",
    "in_language",
    "placements",
    "source_files",
    "stated_year",
]
