"""Report-ready diagrams of a view: SVG, PNG (200 dpi) and PDF on one A4 landscape page.

Each page carries a title, a caption (data date, filters, layout, counts), the
network drawn at the same seeded positions as the interactive map, a legend
of the kinds and relationship types drawn, and the numbered list of the
sources behind the ties shown (edges cite their numbers when there are few).

matplotlib draws the page: one coordinate system for the network, legend and
text, the three formats from one figure, byte-identical output for the same
view, and no external program to install.

Typical use::

    data = render_diagram(graph, schema, "pdf", filters=view, data_date="2025-06-30")
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import threading
from collections.abc import Hashable, Iterator, Mapping
from pathlib import Path
from typing import Literal

import matplotlib
import networkx as nx
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from graph_model.errors import InvalidValue
from graph_model.schema import Schema
from opcomap.diagrams.network import LABELLED_WHEN_LARGE, LABELS_UP_TO, unnumbered_ties
from opcomap.diagrams.page import caption_text, compose, source_pages, sources_overflow
from opcomap.diagrams.sources import number_sources
from opcomap.drawing.layout import DEFAULT_SEED, Algorithm, Positions, compute_layout
from opcomap.mapview.aggregate import DEFAULT_CAP, aggregate
from opcomap.mapview.text import text
from opcomap.analysis.filters import describe_view
from opcomap.analysis.selection import ViewFilters

Format = Literal["svg", "png", "pdf"]
FORMATS: tuple[str, ...] = ("svg", "png", "pdf")
PNG_DPI = 200  # A4 landscape at 200 dpi: 2338 × 1654 px
# No dates or random ids in the files: the same view gives the same bytes.
_METADATA = {
    "svg": {"Date": None, "Creator": "opcomap"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "opcomap", "Producer": "opcomap"},
    "png": {"Software": "opcomap"},
}
# rcParams are process-wide; Streamlit renders from several threads.
_RC_LOCK = threading.Lock()
_RC = {"svg.fonttype": "none", "svg.hashsalt": "opcomap", "pdf.fonttype": 42, "font.family": "DejaVu Sans"}


def render_diagram(
    graph: nx.MultiDiGraph,
    schema: Schema,
    fmt: Format,
    *,
    filters: ViewFilters | None = None,
    title: str | None = None,
    lang: str = "fr",
    layout: Algorithm = "force",
    seed: int = DEFAULT_SEED,
    data_date: str | dt.date | None = None,
    sizes: Mapping[Hashable, float] | None = None,
    positions: Positions | None = None,
    cap: int = DEFAULT_CAP,
) -> bytes:
    """The diagram of a view as SVG, PNG or PDF bytes.

    ``graph`` is the view already filtered (by ``filters``, which only feed
    the caption). Above ``cap`` nodes the kinds marked ``aggregate`` are
    grouped per Région, as on the map. ``data_date`` defaults to the latest
    ``loaded_at`` of the actors, then to the latest ``consulted`` date of the
    sources shown.
    """
    if fmt not in FORMATS:
        raise InvalidValue("problems.format_unknown", name=fmt, choices=", ".join(FORMATS))
    shown, aggregation = aggregate(graph, schema, cap=cap, lang=lang)
    if positions is None or any(node not in positions for node in shown):
        positions = compute_layout(shown, schema, layout, seed)
    sources, cited = number_sources(shown)
    count = shown.number_of_nodes()
    filters = filters or ViewFilters()
    caption = caption_text(
        count, shown.number_of_edges(), lang=lang,
        filters_text=describe_view(graph, filters, lang, schema),
        data_date=date_text(data_date, shown, sources), layout=layout,
        labels_limited=(LABELLED_WHEN_LARGE, count) if count > LABELS_UP_TO else None,
        aggregation_text=aggregation.banner(schema, lang) if aggregation else None,
        unnumbered=unnumbered_ties(shown, cited),
    )
    title = title or text(lang, "title")
    # A PDF can carry the complete source list on extra pages; an image cannot.
    more_pages = fmt == "pdf" and sources_overflow(len(sources))
    with page_style():
        figure = compose(
            shown, schema, positions, title=title, caption=caption, full_list_follows=more_pages,
            sources=sources, cited=cited, lang=lang, sizes=sizes,
            # Hierarchical bands put many actors side by side: narrower labels.
            label_width=16 if layout == "hierarchical" else 26,
            bend_flat=layout == "hierarchical",
        )
        extra = source_pages(sources, title, lang) if more_pages else []
        return figure_bytes(figure, fmt, extra)


@contextlib.contextmanager
def page_style() -> Iterator[None]:
    """The fonts and file settings every page is drawn and saved under (one thread at a time)."""
    with _RC_LOCK, matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        yield


def figure_bytes(figure: Figure, fmt: str, extra_pages: list[Figure] | None = None) -> bytes:
    """``figure`` saved as ``fmt``; a PDF takes ``extra_pages`` after it (call under :func:`page_style`)."""
    buffer = io.BytesIO()
    if fmt == "pdf" and extra_pages:
        with PdfPages(buffer, metadata=_METADATA["pdf"]) as pdf:
            for page in [figure, *extra_pages]:
                pdf.savefig(page)
    else:
        figure.savefig(buffer, format=fmt, dpi=PNG_DPI if fmt == "png" else 72, metadata=_METADATA[fmt])
    return buffer.getvalue()


def write_diagram(path: str | Path, graph: nx.MultiDiGraph, schema: Schema, **options) -> Path:
    """Write the diagram in the format named by ``path``'s suffix (.svg, .png, .pdf)."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    path.write_bytes(render_diagram(graph, schema, fmt, **options))  # type: ignore[arg-type]
    return path


def date_text(value: str | dt.date | None, graph: nx.Graph, sources: list[dict]) -> str | None:
    if value:
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    loaded = [str(a["loaded_at"])[:10] for _, a in graph.nodes(data=True) if a.get("loaded_at")]
    if loaded:
        return max(loaded)
    consulted = [str(s["consulted"]) for s in sources if s.get("consulted")]
    return max(consulted) if consulted else None


__all__ = ["FORMATS", "PNG_DPI", "date_text", "figure_bytes", "page_style", "render_diagram", "write_diagram"]
