"""A map's rendered text stays text.

folium's and branca's elements render their own template, then add the result to the page as
``branca.element.Element(text)``. That constructor compiles ``text`` as a Jinja template, and the
page renders it a second time when it is drawn. Every ``{{ … }}``, ``{% … %}`` or ``{# … #}`` in the
data a map carries (a firm's name in its GeoJSON, a title in a tooltip or the legend) was therefore
evaluated on the server: a name such as ``{{ cycler.__init__.__globals__.os.getpid() }}`` ran Python
(template injection), and a stray ``{#`` or ``{%`` made the whole map fail. The second compile also
cost about a tenth of a page's time.

:func:`keep_rendered_text_literal` (run once, when the ``layers`` package is imported) makes the
render methods that do this add a :class:`LiteralText` instead, which gives its text back as it
is. The methods themselves are the libraries' own, unchanged: each is rebuilt with one name of its
module, ``Element``, bound to :class:`LiteralText` (the methods use that name only for the text they
rendered; the templates they render first are untouched).
"""

from __future__ import annotations

import types

import branca.element
import folium.features
import folium.map
from branca.element import Element

# Each render method of folium and branca that adds what it rendered to the page as
# ``Element(text)`` (the name ``Element`` in its code; tests/unit/layers/test_literal_text.py keeps
# the list complete).
RENDERS: tuple[tuple[type, str], ...] = (
    (branca.element.MacroElement, "render"),
    (branca.element.Div, "render"),
    (folium.map.Class, "render"),
    (folium.map.Popup, "render"),
    (folium.features.GeoJsonDetail, "render"),
    (folium.features.Vega, "render"),
    (folium.features.VegaLite, "render"),
)


class LiteralText(Element):
    """Text added to a page as it is: never compiled or rendered as a template."""

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self._name = "LiteralText"
        self.text = str(text)

    def render(self, **kwargs) -> str:
        return self.text


def literal_render(method: types.FunctionType) -> types.FunctionType:
    """``method`` with the name ``Element`` in its code meaning :class:`LiteralText`."""
    if getattr(method, "keeps_text_literal", False):
        return method
    rebuilt = types.FunctionType(
        method.__code__,
        {**method.__globals__, "Element": LiteralText},
        method.__name__,
        method.__defaults__,
        method.__closure__,  # zero-argument super() reads the class from it
    )
    rebuilt.__kwdefaults__ = method.__kwdefaults__
    rebuilt.__qualname__ = method.__qualname__
    rebuilt.__doc__ = method.__doc__
    rebuilt.__module__ = method.__module__
    rebuilt.keeps_text_literal = True  # type: ignore[attr-defined]
    return rebuilt


# The libraries' own methods, as they were before :func:`keep_rendered_text_literal` (what
# bench/bench_map_text.py compares with).
LIBRARY_RENDERS: dict[tuple[type, str], types.FunctionType] = {}


def keep_rendered_text_literal() -> None:
    """Make every method of :data:`RENDERS` add what it rendered as :class:`LiteralText` (once)."""
    for cls, name in RENDERS:
        method = vars(cls)[name]
        if not getattr(method, "keeps_text_literal", False):
            LIBRARY_RENDERS[(cls, name)] = method
        setattr(cls, name, literal_render(method))
