"""The departments an objection is sent to for checking (核实部门), from configuration
(geo/publication/departments.yaml): each by a stable code (what an objection stores) with its names
in Chinese and English, and the department that checks each disputed indicator by default."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from geo.config_yaml import read_config_yaml
from geo.errors import DataValidationError
from geo.messages import Lang, joined

DEPARTMENTS_YAML = Path(__file__).with_name("departments.yaml")


@dataclass(frozen=True)
class Department:
    """One configured department: ``code`` (stored), its names, the other names it was written under."""

    code: str
    zh: str
    en: str
    also: tuple[str, ...] = ()

    def name(self, lang: Lang) -> str:
        """Its name in ``lang``."""
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Departments:
    """The configured departments in the order offered, and the department (code) that checks each
    indicator (``checked_by``)."""

    items: tuple[Department, ...]
    checked_by: Mapping[str, str]

    @property
    def codes(self) -> list[str]:
        """The departments' codes in the order offered."""
        return [d.code for d in self.items]

    def get(self, code: str) -> Department | None:
        """The department of ``code`` (None when no department has it)."""
        return next((d for d in self.items if d.code == code), None)

    def for_indicator(self, indicator: str) -> str:
        """The code of the department that checks ``indicator`` (a column key such as ``land_mu``);
        the first department for an indicator the configuration does not list."""
        return self.checked_by.get(indicator, self.items[0].code)

    def code_of(self, text: object) -> str | None:
        """``text`` as a department's code: a code, or a name in either language or one of its
        other names (spaces around ignored); None when no department is written so."""
        wanted = str(text or "").strip()
        for d in self.items:
            if wanted == d.code or wanted in (d.zh, d.en, *d.also):
                return d.code
        return None

    def name(self, stored: object, lang: Lang) -> str:
        """A stored department (a code, or the name an older record kept) in ``lang``; a text no
        department is known by, as it is."""
        code = self.code_of(stored)
        found = self.get(code) if code else None
        return found.name(lang) if found else str(stored or "")

    def choices(self, lang: Lang) -> str:
        """The departments as a message lists them: ``tax（税务局）、stats（统计局）…``."""
        words = (f"{d.code} ({d.en})" if lang == "en" else f"{d.code}（{d.zh}）" for d in self.items)
        return joined(words, lang)


def _text(value: object) -> str:
    return str(value or "").strip()


def _department(entry: object, n: int, file: str) -> Department:
    raw = entry if isinstance(entry, Mapping) else {}
    code, zh, en = (_text(raw.get(k)) for k in ("code", "zh", "en"))
    if not (zh and en):
        raise DataValidationError.of("publication.department_unnamed", file=file, n=n)
    if not code:
        raise DataValidationError.of("publication.department_no_code", file=file, n=n, name=zh)
    also = raw.get("also") or []
    if not isinstance(also, list):
        also = [also]
    return Department(code=code, zh=zh, en=en, also=tuple(_text(a) for a in also if _text(a)))


def load_departments(path: Path | None = None) -> Departments:
    """The configured departments and which checks which indicator.

    Raises
    ------
    DataValidationError
        When the file is missing or not YAML, lists no department, an entry lacks a code or a
        name in Chinese or English, two entries share a code, or ``checked_by`` names a code no
        department has.
    """
    path = DEPARTMENTS_YAML if path is None else Path(path)
    raw = read_config_yaml(path, "核实部门配置文件")
    entries = raw.get("departments")
    if not isinstance(entries, list) or not entries:
        raise DataValidationError.of("publication.departments_missing", file=path.name)
    items = tuple(_department(entry, n, path.name) for n, entry in enumerate(entries, start=1))
    codes = [d.code for d in items]
    twice = sorted({c for c in codes if codes.count(c) > 1})
    if twice:
        raise DataValidationError.of("publication.department_code_twice", file=path.name, code=twice[0])
    checked_by = raw.get("checked_by") or {}
    if not isinstance(checked_by, Mapping):
        checked_by = {}
    out = {str(k).strip(): _text(v) for k, v in checked_by.items()}
    for indicator, code in out.items():
        if code not in codes:
            raise DataValidationError.of(
                "publication.department_unknown_code",
                file=path.name,
                indicator=indicator,
                code=code,
                codes="、".join(codes),
            )
    return Departments(items=items, checked_by=out)


def department_names(lang: Lang, *, path: Path | None = None) -> list[str]:
    """The configured departments' names in ``lang``, in the order offered (``税务局`` / ``Tax
    bureau`` first)."""
    return [d.name(lang) for d in load_departments(path).items]


def default_department(indicator: str, *, path: Path | None = None) -> str:
    """The code of the department an objection to ``indicator`` is sent to by default: the one that
    supplied the figure (``land_mu`` → ``land``, ``tax_wan_yuan`` → ``tax``)."""
    return load_departments(path).for_indicator(indicator)


def department_code(text: object, *, indicator: str = "", path: Path | None = None) -> str:
    """The department an objection names, as its code: ``text`` as a code or a known name; an empty
    ``text`` is the default department of ``indicator``.

    Raises
    ------
    DataValidationError
        When ``text`` is neither a department's code nor one of its names.
    """
    table = load_departments(path)
    if not _text(text):
        return table.for_indicator(indicator)
    code = table.code_of(text)
    if code is None:
        raise DataValidationError.of(
            "publication.department_unknown",
            department=_text(text),
            choices={lang: table.choices(lang) for lang in ("zh", "en")},
        )
    return code


def department_name(stored: object, lang: Lang, *, path: Path | None = None) -> str:
    """A stored department in ``lang``: a code, or the name an older record kept (``税务局`` reads
    ``Tax bureau`` in English); a text no department is known by, as it is."""
    return load_departments(path).name(stored, lang)
