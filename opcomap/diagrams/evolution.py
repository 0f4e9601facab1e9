"""The evolution of a view as one PDF: one A4 page per chosen date, all drawn at the
same positions and in the same frame, each with the changes since the previous page.

The positions come from the view with every date (actors and ties that begin or end
in between included), so an actor stays where it was from page to page; each page
carries its caption (the date, the changes counted) and its numbered sources.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import networkx as nx

from graph_model.schema import Schema
from graph_model.words.formats import day as said_day
from graph_model.words.formats import number
from opcomap.analysis.filters import anchor_names
from opcomap.analysis.selection import ViewFilters
from opcomap.analysis.timeline import changes_between, with_changes
from opcomap.diagrams import date_text, figure_bytes, page_style
from opcomap.diagrams.network import LABELLED_WHEN_LARGE, LABELS_UP_TO, unnumbered_ties
from opcomap.diagrams.page import caption_text, compose
from opcomap.diagrams.sources import number_sources
from opcomap.drawing.layout import DEFAULT_SEED, Algorithm, compute_layout
from opcomap.mapview.aggregate import DEFAULT_CAP, aggregate
from opcomap.mapview.text import changes_sentence, text


def render_evolution(
    whole: nx.MultiDiGraph,
    pages: Sequence[tuple[dt.date, nx.MultiDiGraph]],
    schema: Schema,
    *,
    filters: ViewFilters | None = None,
    title: str | None = None,
    lang: str = "fr",
    layout: Algorithm = "force",
    seed: int = DEFAULT_SEED,
    data_date: str | dt.date | None = None,
    cap: int = DEFAULT_CAP,
) -> bytes:
    """A PDF of ``pages`` (each a date and the view on that date, in the order given).

    ``whole`` is the same view without a date: it sets the positions and the frame,
    and holds the successions drawn between pages. ``filters`` feed the caption.
    """
    filters = filters or ViewFilters()
    shown_whole, _ = aggregate(whole, schema, cap=cap, lang=lang)
    positions = compute_layout(shown_whole, schema, layout, seed)
    heading = title or text(lang, "title")
    names = anchor_names(whole, filters)
    figures = []
    with page_style():
        previous: tuple[dt.date, nx.MultiDiGraph] | None = None
        for when, view in pages:
            drawn, note = view, None
            if previous is not None:
                changes = changes_between(whole, previous[0], when)
                drawn = with_changes(view, previous[1], whole, changes)
                note = changes_sentence(changes, lang)
            shown, aggregation = aggregate(drawn, schema, cap=cap, lang=lang)
            page_positions = positions if all(n in positions for n in shown) else compute_layout(
                shown, schema, layout, seed)
            sources, cited = number_sources(shown)
            count = shown.number_of_nodes()
            caption = caption_text(
                view.number_of_nodes(), view.number_of_edges(), lang=lang,
                filters_text=filters.model_copy(update={"as_of": when}).describe(lang, schema, names),
                data_date=date_text(data_date, shown, sources), layout=layout,
                labels_limited=(LABELLED_WHEN_LARGE, count) if count > LABELS_UP_TO else None,
                aggregation_text=aggregation.banner(schema, lang) if aggregation else None,
                unnumbered=unnumbered_ties(shown, cited),
            )
            if note:
                caption += " — " + note
            iso = when.isoformat()
            figure = compose(
                shown, schema, page_positions, title=text(lang, "evolution_page", title=heading,
                                                          day=said_day(when, lang)),
                caption=caption, sources=sources, cited=cited, lang=lang,
                label_width=16 if layout == "hierarchical" else 26, bend_flat=layout == "hierarchical",
                frame=shown_whole if page_positions is positions else None,
                more_sources=lambda left, iso=iso: text(lang, "more_sources_on", count=number(left, lang),
                                                        day=iso),
            )
            figures.append(figure)
            previous = (when, view)
        return figure_bytes(figures[0], "pdf", figures[1:])


__all__ = ["render_evolution"]
