"""Network analysis: pure functions of a NetworkX graph.

The map is a MultiDiGraph (see :mod:`graph_model.graph`); every function here
takes it (or any NetworkX graph) and returns plain values keyed by actor id.
Heavy algorithms run on igraph behind the scenes (:mod:`.engine`); their
answers are checked against NetworkX in the tests.
"""

from graph_model.lazy import lazy_attributes

# Names are imported from their module on first use: ``opcomap --help`` and the
# parts that only need a ViewFilters do not pay for NetworkX and igraph.
_HOMES = {
    **dict.fromkeys((
        'ChartData', 'actor_funding', 'actors_by_kind_and_region', 'degree_distribution', 'funding_flows',
        'partners_by_type', 'region_names',
    ), "chart_data"),
    **dict.fromkeys((
        'anchor_names', 'apply_filters', 'describe_view', 'ego_nodes', 'region_nodes', 'valid_on',
    ), "filters"),
    **dict.fromkeys((
        'EXACT_LIMIT', 'METRICS', 'PIVOTS', 'Measure', 'MetricsResult', 'betweenness',
        'closeness', 'clustering', 'compute_metrics', 'degree_funding', 'degree_in',
        'degree_out', 'eigenvector', 'pagerank',
    ), "metrics"),
    **dict.fromkeys((
        'WhatIf', 'compare_actors', 'coverage_gaps', 'diff_dates', 'ego_network', 'jaccard',
        'layer_metrics', 'partners', 'regions_of', 'shortest_paths', 'count_shortest_paths', 'ties_between',
        'typed_subgraph', 'what_if',
    ), "questions"),
    **dict.fromkeys((
        'Communities', 'articulation_points', 'bridges', 'brokers', 'communities', 'components',
        'core_numbers', 'k_core',
    ), "structure"),
    **dict.fromkeys((
        'Changes', 'change_dates', 'changes_between', 'scrub_dates', 'with_changes',
    ), "timeline"),
    **dict.fromkeys((
        'directed_view', 'undirected_view', 'weighted_view',
    ), "simple_graphs"),
}

__all__ = sorted(_HOMES)


__getattr__ = lazy_attributes(__name__, _HOMES)
