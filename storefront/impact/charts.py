"""Charts as static SVG, drawn on the server with pygal; no JavaScript in them.

pygal embeds a config ``<script>`` and a tooltip layer driven by JavaScript: both are
removed, so the SVG is a plain picture. Its ``<style>`` element stays (SVG routes send
a CSP of their own that allows only that), and every chart starts with a ``<title>``
and a ``<desc>`` for screen readers.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

import pygal
from pygal.style import Style

from storefront.domain.impact import nice_ticks, short_rupiah
from storefront.domain.money import format_rupiah

SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")

#: Colours of the site (brand terracotta first), readable on white.
STYLE = Style(
    background="white", plot_background="white", foreground="#2b2b2b",
    foreground_strong="#2b2b2b", foreground_subtle="#6b6b6b",
    colors=("#8c2f1b", "#1f6f8b", "#c98b1a", "#4f7d3a", "#7a4c9e", "#b84a77", "#3d5a80",
            "#8a6d3b", "#2a9d8f", "#e07a5f"),
    font_family="DejaVu Sans, Arial, sans-serif", title_font_size=16, label_font_size=14,
    major_label_font_size=14, legend_font_size=14, value_font_size=14, tooltip_font_size=14,
    value_label_font_size=14,
)

#: Charts are drawn at a phone's width, so their text is never scaled down on a 360 px
#: screen (14 px drawn, at least 12 px seen); wider screens scale them up.
PHONE_WIDTH = 340
#: Height of one legend row; the legend is one entry per row, so names never overlap.
LEGEND_ROW = 24

#: The SVG responses' own Content Security Policy: nothing but the inline style sheet.
SVG_CSP = {"default-src": "'none'", "style-src": "'unsafe-inline'"}


def _base(kind, title: str, *, width: int, height: int, **options):
    settings = {"show_legend": True, "legend_at_bottom": True, "truncate_legend": -1,
                "value_formatter": format_rupiah, "print_values": False, "no_data_text": "-",
                **options}
    return kind(title=title, style=STYLE, js=[], width=width, height=height, explicit_size=True,
                disable_xml_declaration=True, **settings)


def static_svg(chart, title: str, description: str) -> str:
    """Render ``chart`` and make it a static, accessible picture."""
    root = ET.fromstring(chart.render(is_unicode=True))
    for parent in list(root.iter()):
        for child in list(parent):
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag.endswith("}script") or "tooltip" in (child.get("class") or "").split():
                parent.remove(child)
    for node in root.iter():
        node.attrib.pop("style", None)
    title_node = ET.Element(f"{{{SVG_NS}}}title", id="chart-title")
    title_node.text = title
    desc_node = ET.Element(f"{{{SVG_NS}}}desc", id="chart-desc")
    desc_node.text = description
    root.insert(0, desc_node)
    root.insert(0, title_node)
    root.set("role", "img")
    root.set("aria-labelledby", "chart-title chart-desc")
    return ET.tostring(root, encoding="unicode")


def _axis(values, money: bool) -> list[dict]:
    """Y-axis marks with short labels, so they stay readable on a phone."""
    top = max([0, *values])
    return [{"value": tick, "label": short_rupiah(tick) if money else str(tick)}
            for tick in nice_ticks(top)]


def count_text(value) -> str:
    return str(int(value)) if value is not None else "-"


def line_height(series_count: int) -> int:
    """The line chart's height: the plot, then one legend row per series."""
    return 300 + LEGEND_ROW * series_count


def line_by_month(title: str, description: str, months: Sequence[str],
                  series: Sequence[tuple[str, Sequence[int]]], *, width: int = PHONE_WIDTH,
                  height: int | None = None) -> str:
    """One line per series over the months (e.g. each seller, and the programme total)."""
    chart = _base(pygal.Line, title, width=width, height=height or line_height(len(series)),
                  x_label_rotation=45, show_minor_x_labels=True, dots_size=3,
                  legend_at_bottom_columns=1,
                  y_labels=_axis([v for _n, values in series for v in values], True))
    chart.x_labels = list(months)
    for name, values in series:
        chart.add(name, list(values))
    return static_svg(chart, title, description)


def bars(title: str, description: str, items: Sequence[tuple[str, int]], *, money: bool = True,
         width: int = PHONE_WIDTH, height: int = 340) -> str:
    """One bar per item (a category, a payment method), named under it (slanted, so long
    names do not run into each other)."""
    options = {} if money else {"value_formatter": count_text}
    chart = _base(pygal.Bar, title, width=width, height=height, show_legend=False,
                  x_label_rotation=35,
                  y_labels=_axis([v for _n, v in items], money), **options)
    chart.x_labels = [name for name, _v in items]
    chart.add(title, [value for _n, value in items])
    return static_svg(chart, title, description)


def month_bars(title: str, description: str, months: Sequence[str], values: Sequence[int], *,
               width: int = 360, height: int = 240) -> str:
    """The seller's own small chart: one bar per month."""
    chart = _base(pygal.Bar, title, width=width, height=height, show_legend=False,
                  show_y_labels=False, print_values=True, print_values_position="top",
                  value_formatter=short_rupiah)
    chart.x_labels = list(months)
    chart.add(title, list(values))
    return static_svg(chart, title, description)
