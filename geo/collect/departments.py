"""Each department's usual export (geo/collect/departments.yaml): key columns, value columns, units.

Headers are matched the way the column catalogue matches them (:func:`geo.catalogue.norm_header`:
width, case, brackets and spaces do not count) and units come from the catalogue's spellings
(:data:`geo.catalogue.UNIT_SPELLINGS`), so ``营业收入（千元）`` is read in 千元 here as on import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from geo.catalogue import ENTERPRISE_BY_KEY, UNIT_SPELLINGS, norm_header
from geo.config_yaml import read_config_yaml
from geo.errors import DataValidationError
from geo.evaluation.ratios import OPTIONAL_AMOUNT_COLUMNS
from geo.messages.notes import Listing

DEPARTMENTS_YAML = Path(__file__).with_name("departments.yaml")

# Kinds of key column, in the order rows are matched on them.
KEY_KINDS = ("code", "org_code", "name")
KEY_ZH = {"code": "统一社会信用代码/纳税人识别号", "org_code": "组织机构代码", "name": "名称"}


@dataclass(frozen=True)
class ValueSpec:
    """A value column of a department: its headers and the unit of a header that names none."""

    key: str
    headers: tuple[str, ...]
    unit_when_unstated: str


@dataclass(frozen=True)
class Department:
    """One department's export as configured (``register`` is the enterprise register)."""

    key: str
    label_zh: str
    label_en: str
    aggregate: str = "sum"
    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unit_key: tuple[str, ...] = ()
    values: dict[str, ValueSpec] = field(default_factory=dict)
    codes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def label(self, lang: str = "zh") -> str:
        """The department's name in the UI language."""
        return self.label_en if lang == "en" else self.label_zh

    @property
    def names(self) -> dict[str, str]:
        """The department's name in both languages, for a message parameter (``{dept[zh]}``)."""
        return {"zh": self.label_zh, "en": self.label_en}


@dataclass(frozen=True)
class ValueColumn:
    """A value column found in a file: the header, the standard column and the unit factor."""

    key: str
    header: str
    factor: float
    unit: str
    unit_stated: bool


@dataclass(frozen=True)
class Located:
    """The columns of one file: key kind -> header, the 户号/宗地编号 header, values, code columns."""

    keys: dict[str, str]
    unit_key: str | None
    values: tuple[ValueColumn, ...]
    codes: dict[str, str]


def unit_spellings(key: str) -> dict[str, float]:
    """Unit spelling (normalised) -> factor into the standard column's unit."""
    column = ENTERPRISE_BY_KEY.get(key)
    if column is not None and column.unit_zh:
        return {norm_header(s): f for s, f in UNIT_SPELLINGS.get(column.unit_zh, {}).items()}
    if key in OPTIONAL_AMOUNT_COLUMNS:
        unit = OPTIONAL_AMOUNT_COLUMNS[key][1]
        return {norm_header(unit): 1.0}
    return {}


def _department(key: str, raw: Mapping) -> Department:
    if not isinstance(raw, Mapping):
        raise DataValidationError.of("collect.department_not_mapping", key=key)
    values = {
        k: ValueSpec(k, tuple(str(h) for h in v.get("headers", ())), str(v.get("unit_when_unstated", "")))
        for k, v in (raw.get("values") or {}).items()
    }
    for k, spec in values.items():
        spellings = unit_spellings(k)
        if not spellings:
            raise DataValidationError.of("collect.department_unknown_field", key=key, field=k)
        if norm_header(spec.unit_when_unstated) not in spellings:
            raise DataValidationError.of(
                "collect.department_bad_unit",
                key=key,
                field=k,
                unit=spec.unit_when_unstated,
                units=Listing(spellings),
            )
    return Department(
        key=key,
        label_zh=str(raw.get("label_zh", key)),
        label_en=str(raw.get("label_en", key)),
        aggregate=str(raw.get("aggregate", "sum")),
        keys={k: tuple(str(h) for h in v) for k, v in (raw.get("keys") or {}).items()},
        unit_key=tuple(str(h) for h in raw.get("unit_key") or ()),
        values=values,
        codes={k: tuple(str(h) for h in v) for k, v in (raw.get("codes") or {}).items()},
    )


def load_departments(path: Path | None = None) -> tuple[Department, dict[str, Department]]:
    """The register's spec and each department's, from ``departments.yaml`` (or ``path``).

    Raises
    ------
    DataValidationError
        When the file is missing or malformed, or names a unit the catalogue cannot convert.
    """
    raw = read_config_yaml(Path(path or DEPARTMENTS_YAML), "部门配置文件")
    register = _department("register", raw.get("register") or {})
    departments = {k: _department(k, v) for k, v in (raw.get("departments") or {}).items()}
    return register, departments


def _matches(header: str, names: tuple[str, ...], spellings: Mapping[str, float]) -> tuple[bool, str]:
    """Whether ``header`` is one of ``names`` (then ``""``) or one of them + a unit (then the unit)."""
    h = norm_header(header)
    for name in names:
        n = norm_header(name)
        if h == n:
            return True, ""
        if h.startswith(n) and h[len(n) :] in spellings:
            return True, h[len(n) :]
    return False, ""


def _value_column(header: str, spec: ValueSpec, unit: str) -> ValueColumn:
    spellings = unit_spellings(spec.key)
    if not unit:  # unit after the header without brackets/with other separators: try the end
        h = norm_header(header)
        unit = next((s for s in sorted(spellings, key=len, reverse=True) if h.endswith(s)), "")
    stated = bool(unit)
    unit = unit or norm_header(spec.unit_when_unstated)
    return ValueColumn(spec.key, header, spellings[unit], unit, stated)


def locate_columns(headers: list[str], dept: Department, mapping: Mapping[str, str] | None = None) -> Located:
    """Find a file's key, value and code columns; ``mapping`` (field -> header) is laid over.

    Fields of ``mapping`` are ``code``, ``org_code``, ``name``, ``unit_key``, a value column
    (``tax_wan_yuan`` ...) or a code column (``industry_code``).

    Raises
    ------
    DataValidationError
        When ``mapping`` names a header the file does not have or a field the department lacks.
    """
    mapping = dict(mapping or {})
    known = {*KEY_KINDS, "unit_key", *dept.values, *dept.codes}
    unknown = [f for f in mapping if f not in known]
    if unknown:
        raise DataValidationError.of(
            "collect.mapping_unknown_field",
            dept=dept.names,
            fields=Listing(unknown),
            known=Listing(known),
        )
    absent = [h for h in mapping.values() if h not in headers]
    if absent:
        raise DataValidationError.of(
            "collect.mapping_absent_column",
            dept=dept.names,
            columns=Listing(absent),
            headers=Listing(headers),
        )
    taken = set(mapping.values())
    free = [h for h in headers if h not in taken]

    def first(names: tuple[str, ...], spellings: Mapping[str, float] | None = None) -> tuple[str | None, str]:
        for name in names:  # the configured order is the order of preference
            for h in free:
                hit, unit = _matches(h, (name,), spellings or {})
                if hit:
                    return h, unit
        return None, ""

    keys: dict[str, str] = {}
    for kind in KEY_KINDS:
        header = mapping.get(kind) or first(dept.keys.get(kind, ()))[0]
        if header is not None:
            keys[kind] = header
            if header in free:
                free.remove(header)
    unit_key = mapping.get("unit_key") or first(dept.unit_key)[0]
    if unit_key in free:
        free.remove(unit_key)
    values = []
    for key, spec in dept.values.items():
        if key in mapping:
            header = mapping[key]
            _, unit = _matches(header, (header,), {})
        else:
            header, unit = first(spec.headers, unit_spellings(key))
        if header is None:
            continue
        if header in free:
            free.remove(header)
        values.append(_value_column(header, spec, unit))
    codes = {}
    for key, names in dept.codes.items():
        header = mapping.get(key) or first(names)[0]
        if header is not None:
            codes[key] = header
    return Located(keys=keys, unit_key=unit_key, values=tuple(values), codes=codes)


def fitting_departments(headers: list[str], departments: Mapping[str, Department]) -> list[Department]:
    """The departments whose usual headers ``headers`` hold (a key column and a value column), the
    one most of whose values it holds first: what a file put in the wrong slot looks like."""
    fits = []
    for dept in departments.values():
        located = locate_columns(headers, dept)
        if located.keys and located.values:
            fits.append((-len(located.values), len(fits), dept))
    return [dept for *_, dept in sorted(fits)]


__all__ = [
    "DEPARTMENTS_YAML",
    "KEY_KINDS",
    "KEY_ZH",
    "Department",
    "Located",
    "ValueColumn",
    "ValueSpec",
    "fitting_departments",
    "load_departments",
    "locate_columns",
    "unit_spellings",
]
