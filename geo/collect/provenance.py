"""The per-value provenance of a collection as arrays and as one table: for each enterprise and
column, which department, file (name and sha256) and rows its value came from."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from geo.collect.matching import Register

_PROVENANCE = ("column", "department", "file", "sha256", "rows", "n_rows", "methods", "units", "unit")


def provenance_columns(parts: list[dict[str, object]]) -> dict[str, np.ndarray]:
    """The provenance parts (one per department and column; scalars stand for a whole part) as
    one array per field, ``pos`` the register position."""
    sizes = [len(p["pos"]) for p in parts]
    out = {"pos": np.concatenate([np.asarray(p["pos"], dtype=np.int64) for p in parts] or [np.zeros(0, int)])}
    for key in _PROVENANCE:
        kind = np.int64 if key == "n_rows" else object
        pieces = [
            np.full(n, p[key], dtype=kind) if np.isscalar(p[key]) else np.asarray(p[key], dtype=kind)
            for p, n in zip(parts, sizes, strict=True)
        ]
        out[key] = np.concatenate(pieces) if pieces else np.zeros(0, dtype=kind)
    return out


def provenance_table(
    prov: dict[str, np.ndarray], register: Register, parts: list[dict[str, object]]
) -> pd.DataFrame:
    """The provenance as a table ordered by enterprise and column (stable: departments in the
    order given), sorted on integer ranks; text columns built in Arrow once: the enterprise's
    code and name taken from the register by position, a part's constant fields by part."""
    pos = prov["pos"]
    codes = register.codes.to_numpy(dtype=object)
    ent_rank = pd.factorize(codes, sort=True)[0][pos]
    column_rank = pd.factorize(prov["column"], sort=True)[0]
    order = np.lexsort((column_rank, ent_rank))
    if not len(pos):  # as an empty table of no particular type, as before
        empty = {k: pd.Series(prov[k], dtype=object) for k in _PROVENANCE}
        return pd.DataFrame({"ent_id": empty["column"], "name": empty["column"], **empty})
    part = np.repeat(np.arange(len(parts)), [len(p["pos"]) for p in parts])[order]
    table = {
        "ent_id": text_column(pos[order], codes),
        "name": text_column(pos[order], register.names.to_numpy(dtype=object)),
    }
    for key in _PROVENANCE:
        if key == "n_rows":
            table[key] = prov[key][order]
        elif key in _PER_PART:
            table[key] = text_column(part, np.array([p[key] for p in parts], dtype=object))
        else:
            table[key] = text_column(None, prov[key][order])
    return pd.DataFrame(table)


# Provenance fields with one value per department and column (a part).
_PER_PART = ("column", "department", "file", "sha256", "unit")


def text_column(indices: np.ndarray | None, values: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """A ``str`` column (empty values NaN) of ``values[indices]`` (of ``values`` when ``indices``
    is None), built in Arrow: the values converted once, then taken."""
    text = pa.array(np.asarray(values, dtype=object), type=pa.large_string(), from_pandas=True)
    if indices is not None:
        text = pa.DictionaryArray.from_arrays(pa.array(indices.astype(np.int32)), text).dictionary_decode()
    return pd.Series(pd.arrays.ArrowExtensionArray(text)).astype("str").array


__all__ = ["provenance_columns", "provenance_table", "text_column"]
