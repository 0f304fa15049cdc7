"""What the people's tables write where they have nothing to say, one rule for screen, files and CLI.

- A place not known (a firm outside every zone, no 区镇 stated) reads :data:`NOT_KNOWN` ("—"), never
  a blank cell (walk 13, walk 14: blank in the files while the screen said —).
- A column no row fills is left out, but a table's key columns (walk 13 item 5, walk 14 item 3: an
  import without 行业 printed an empty 行业 column on every list).
- The 区镇 a firm states (``town``, 填报区镇) is shown only where it says more than the zone it
  lies in: zones that are parks, or a firm outside every zone.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from geo.evaluation.metrics import ZONE_COL

NOT_KNOWN = "—"
PLACE_COLUMNS = (ZONE_COL, "town")  # the zone a row lies in, the 区镇 it states


def _known(values: pd.Series) -> pd.Series:
    """Whether each value is there: not missing and, as text, not blank."""
    return values.notna() & (values.astype(str).str.strip() != "")


def dash_unknown_places(frame: pd.DataFrame, columns: Iterable[str] = PLACE_COLUMNS) -> pd.DataFrame:
    """``frame`` with a place not known written :data:`NOT_KNOWN` in each of ``columns`` it has
    (the zone and the stated town by default); ``frame`` itself when every place is known."""
    out = frame
    for col in columns:
        if col in out.columns:
            known = _known(out[col])
            if not known.all():
                out = out.copy() if out is frame else out
                out[col] = out[col].astype(object).where(known, NOT_KNOWN)
    return out


def town_says_more(frame: pd.DataFrame) -> bool:
    """Whether the 区镇 the rows state (``town``) says something the zone they lie in
    (``ZONE_COL``) does not: a town stated where the zones are parks, or for a row outside every
    zone. The demo's 区镇 state their own zone, and the column is left out there."""
    if "town" not in frame.columns:
        return False
    town = frame["town"].astype(object)
    zone = frame[ZONE_COL] if ZONE_COL in frame.columns else pd.Series(None, index=frame.index, dtype=object)
    return bool((_known(town) & (town.astype(str) != zone.astype(object).fillna("").astype(str))).any())


def without_empty_columns(frame: pd.DataFrame, keep: Iterable[object] = ()) -> pd.DataFrame:
    """``frame`` without the columns no row fills (missing or blank text everywhere), but those of
    ``keep`` (a table's key columns: name, score, class, rank stay even when empty); a table without
    rows keeps its header."""
    if frame.empty:
        return frame
    kept = set(keep)
    return frame.drop(columns=[c for c in frame.columns if c not in kept and not _filled(frame[c])])


def _filled(values: pd.Series) -> bool:
    """Whether some value is there: not missing and, as text, not blank."""
    there = values[values.notna()]
    if there.empty or pd.api.types.is_numeric_dtype(there) or pd.api.types.is_bool_dtype(there):
        return not there.empty
    return bool(there.astype(str).str.strip().ne("").any())
