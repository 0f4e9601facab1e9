"""What every doctest may use without importing it.

The analysis modules import NetworkX only where a graph is built or cut (a map held
as columns never needs it), so their doctests find ``nx`` here.
"""

import networkx
import pytest


@pytest.fixture(autouse=True)
def _networkx_in_doctests(doctest_namespace: dict) -> None:
    doctest_namespace["nx"] = networkx
