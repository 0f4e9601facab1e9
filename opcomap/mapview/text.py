"""The few sentences the map and the diagrams show, in French and English."""

from __future__ import annotations

from typing import Any

TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "count": "{nodes} acteurs, {edges} relations",
        "count_of": "{nodes} nœuds affichés pour {actors} acteurs, {edges} relations",
        "aggregated": (
            "Carte agrégée : plus de {cap} acteurs sélectionnés. {grouped} acteurs ({kinds}) "
            "sont regroupés en {groups} nœuds, un par Région et par genre. "
            "Filtrez ou centrez la vue sur un acteur pour les voir un par un."
        ),
        "search": "Rechercher un acteur…",
        "plain_ties": "Grande carte : relations en traits pleins, sans flèches, pour un dessin rapide (le sens figure dans l'infobulle).",
        "still_large": "La vue reste grande ({nodes} nœuds) : le dessin peut prendre quelques secondes.",
        "kinds": "Genres d'acteurs",
        "types": "Types de relations",
        "legend": "Légende",
        "kind": "Genre",
        "region": "Région",
        "no_region": "sans Région",
        "official_name": "Nom officiel",
        "since": "Depuis",
        "until": "Jusqu'au",
        "website": "Site",
        "sectors": "Secteurs",
        "tags": "Étiquettes",
        "sources": "Sources",
        "no_source": "aucune source citée",
        "illustrative": "lien illustratif (à vérifier)",
        "weak": "lien à source faible (meilleure source de confiance < 0,6)",
        "note": "Note",
        "consulted": "consulté le",
        "confidence": "confiance",
        "group_count": "{count} acteurs regroupés",
        "group_ties": "{count} relations regroupées",
        "empty": "Aucun acteur ne correspond à cette vue.",
        "open_profile": "Cliquez sur un acteur pour ouvrir sa fiche.",
        "title": "Carte de l'écosystème de la formation professionnelle",
        "data_date": "Données du {date}",
        "filters": "Vue : {filters}",
        "layout_force": "disposition par forces",
        "layout_hierarchical": "disposition hiérarchique",
        "labels_limited": "noms affichés pour les {count} acteurs les plus reliés",
        "labels_hidden": "{count} noms omis là où ils en auraient recouvert d'autres (la carte HTML les montre tous)",
        "more_sources": "… et {count} autres sources (liste complète dans l'export PDF)",
        "more_sources_next": "… et {count} autres sources (liste complète en page suivante)",
        "sources_continued": "Sources de la vue « {title} » (liste complète)",
        "made_with": "opcomap",
    },
    "en": {
        "count": "{nodes} actors, {edges} relationships",
        "count_of": "{nodes} nodes shown for {actors} actors, {edges} relationships",
        "aggregated": (
            "Aggregated map: more than {cap} actors selected. {grouped} actors ({kinds}) "
            "are grouped into {groups} nodes, one per Region and kind. "
            "Filter or focus the view on one actor to see them one by one."
        ),
        "search": "Find an actor…",
        "plain_ties": "Large map: ties drawn as plain lines without arrows, for a fast draw (the direction is in the tooltip).",
        "still_large": "The view is still large ({nodes} nodes): drawing may take a few seconds.",
        "kinds": "Actor kinds",
        "types": "Relationship types",
        "legend": "Legend",
        "kind": "Kind",
        "region": "Region",
        "no_region": "no Region",
        "official_name": "Official name",
        "since": "Since",
        "until": "Until",
        "website": "Website",
        "sectors": "Sectors",
        "tags": "Tags",
        "sources": "Sources",
        "no_source": "no source cited",
        "illustrative": "illustrative tie (to be checked)",
        "weak": "weakly sourced tie (best source's confidence below 0.6)",
        "note": "Note",
        "consulted": "consulted",
        "confidence": "confidence",
        "group_count": "{count} actors grouped",
        "group_ties": "{count} relationships grouped",
        "empty": "No actor matches this view.",
        "open_profile": "Click an actor to open its profile.",
        "title": "Map of the vocational-training ecosystem",
        "data_date": "Data of {date}",
        "filters": "View: {filters}",
        "layout_force": "force layout",
        "layout_hierarchical": "hierarchical layout",
        "labels_limited": "names shown for the {count} most connected actors",
        "labels_hidden": "{count} names left out where they would have covered others (the HTML map shows them all)",
        "more_sources": "… and {count} more sources (full list in the PDF export)",
        "more_sources_next": "… and {count} more sources (full list on the next page)",
        "sources_continued": "Sources of the view “{title}” (full list)",
        "made_with": "opcomap",
    },
}


def text(lang: str, key: str, **values: Any) -> str:
    """A sentence in ``lang`` (French unless ``en``), with ``values`` filled in.

    >>> text("en", "count", nodes=3, edges=2)
    '3 actors, 2 relationships'
    """
    table = TEXT["en"] if lang == "en" else TEXT["fr"]
    return table[key].format(**values)


def number(value: int, lang: str = "fr") -> str:
    """A count as a reader of ``lang`` writes it.

    >>> number(12345) == "12\u202f345", number(12345, "en")
    (True, '12,345')
    """
    grouped = f"{value:,}"
    return grouped if lang == "en" else grouped.replace(",", "\u202f")


def display_label(attrs: dict[str, Any]) -> str:
    """The short name readers know an actor by, else its name, else nothing."""
    return str(attrs.get("short_name") or attrs.get("name") or "")
