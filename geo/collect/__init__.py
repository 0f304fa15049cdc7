"""数据归集: the year's enterprise table built from the departments' own files, every value traceable.

One idea a module: :mod:`~geo.collect.codes` (GB 32100-2015 / GB 11714 codes and their check
characters), :mod:`~geo.collect.departments` (each department's usual headers and units,
``departments.yaml``), :mod:`~geo.collect.reading` (a department's CSV/XLSX as text),
:mod:`~geo.collect.matching` (rows to register entries, each match labelled),
:mod:`~geo.collect.industries` (GB/T 4754-2017 codes to the plan's industries, ``industries.yaml``),
:mod:`~geo.collect.assemble` (sums, units, conflicts), :mod:`~geo.collect.provenance` (per-value
provenance),
:mod:`~geo.collect.report` (the match report and the output files), :mod:`~geo.collect.labels`
(their words in Chinese and English).
"""

from geo.collect.assemble import (
    Collection,
    DepartmentResult,
    NothingCollected,
    SourceInput,
    assemble,
    collect,
)

__all__ = ["Collection", "DepartmentResult", "NothingCollected", "SourceInput", "assemble", "collect"]
