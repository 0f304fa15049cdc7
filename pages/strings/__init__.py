"""The pages' UI strings: ``t(key, lang)`` over one catalogue (``catalogue.py``) merged from the
tables of each area (collect, data, efficiency, publication) and the layers' own."""

from pages.strings.catalogue import STRINGS, t

__all__ = ["STRINGS", "t"]
