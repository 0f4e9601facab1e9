"""Network analysis: pure functions of a NetworkX graph.

The map is a MultiDiGraph (see :mod:`graph_model.graph`); every function here
takes it (or any NetworkX graph) and returns plain values keyed by actor id.
Heavy algorithms run on igraph behind the scenes (:mod:`.engine`); their
answers are checked against NetworkX in the tests.
"""

from opcomap.analysis.filters import apply_filters, ego_nodes, region_nodes, valid_on
from opcomap.analysis.metrics import (
    EXACT_LIMIT,
    METRICS,
    PIVOTS,
    Measure,
    MetricsResult,
    betweenness,
    closeness,
    clustering,
    compute_metrics,
    degree_funding,
    degree_in,
    degree_out,
    eigenvector,
    pagerank,
)
from opcomap.analysis.questions import (
    WhatIf,
    compare_actors,
    coverage_gaps,
    diff_dates,
    ego_network,
    jaccard,
    layer_metrics,
    partners,
    regions_of,
    shortest_paths,
    ties_between,
    typed_subgraph,
    what_if,
)
from opcomap.analysis.structure import (
    Communities,
    articulation_points,
    bridges,
    brokers,
    communities,
    components,
    core_numbers,
    k_core,
)
from opcomap.analysis.simple_graphs import directed_view, undirected_view, weighted_view

__all__ = [
    "EXACT_LIMIT", "METRICS", "PIVOTS", "Communities", "Measure", "MetricsResult", "WhatIf",
    "apply_filters", "articulation_points", "betweenness", "bridges", "brokers", "closeness",
    "clustering", "communities", "compare_actors", "components", "compute_metrics", "core_numbers",
    "coverage_gaps", "degree_funding", "degree_in", "degree_out", "diff_dates", "directed_view",
    "ego_network", "ego_nodes", "eigenvector", "jaccard", "k_core", "layer_metrics", "pagerank",
    "partners", "region_nodes", "regions_of", "shortest_paths", "ties_between", "typed_subgraph",
    "undirected_view", "valid_on", "weighted_view", "what_if",
]
