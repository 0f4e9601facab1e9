"""``opcomap export --format pdf --evolution``: one page per date, one layout, the changes highlighted."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from graph_model.schema import default_schema
from loaders.bundled import reference_dir
from opcomap.analysis.filters import apply_filters
from opcomap.analysis.selection import ViewFilters
from opcomap.cli.export_cmd import evolution_days
from opcomap.diagrams import evolution
from opcomap.store.graph_source import file_graph
from tests.cli_runner import cli, one_sentence  # noqa: F401 (cli: the fixture)

SCHEMA = default_schema()
KINDS = ("PUBLIC_INSTITUTION", "REGION", "NETWORK")


def pages_of(pdf: bytes) -> int:
    """Pages of a PDF, read back from its objects: the page tree's count, checked against the page objects."""
    counts = re.findall(rb"/Type\s*/Pages\b.*?/Count\s+(\d+)", pdf, re.DOTALL)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert counts and int(counts[0]) == pages
    return pages


def test_cli_writes_one_page_per_date(cli, tmp_path):
    target = tmp_path / "evolution.pdf"
    code, out, err = cli("export", "--format", "pdf", "--evolution", "2014,2019,2024", "--kinds", ",".join(KINDS),
                         "--output", str(target))
    assert code == 0, err
    assert pages_of(target.read_bytes()) == 3
    assert "3 pages" in one_sentence(out) and "2014-01-01, 2019-01-01, 2024-01-01" in out


@pytest.mark.parametrize(("given", "said"), [
    ("2014,2019-13-01", "« 2019-13-01 » n'est pas une date"),
    ("2014,soon", "« soon » n'est pas une date"),
    (",", "indiquez au moins une date"),
])
def test_a_bad_date_names_the_option_and_exits_1(cli, tmp_path, given, said):
    code, _, err = cli("export", "--format", "pdf", "--evolution", given, "--output", str(tmp_path / "x.pdf"))
    assert code == 1
    assert "--evolution" in err and said in one_sentence(err)
    assert "Traceback" not in err and not (tmp_path / "x.pdf").exists()


def test_evolution_is_refused_outside_pdf_and_with_as_of(cli, tmp_path):
    code, _, err = cli("export", "--format", "svg", "--evolution", "2014,2024", "--output", str(tmp_path / "x.svg"))
    assert code == 1 and "--format pdf" in err
    code, _, err = cli("export", "--format", "pdf", "--evolution", "2014,2024", "--as-of", "2020-01-01",
                       "--output", str(tmp_path / "x.pdf"))
    assert code == 1 and "--as-of" in err
    assert not list(tmp_path.iterdir())


def test_dates_may_be_years_and_are_put_in_order_once():
    assert evolution_days("2024,2019-04-01, 2024-01-01") == [dt.date(2019, 4, 1), dt.date(2024, 1, 1)]


def test_every_page_has_the_same_positions_and_frame_and_the_changes_since_the_page_before(monkeypatch):
    graph = file_graph([reference_dir()], SCHEMA)
    view = ViewFilters(kinds=KINDS)
    whole = apply_filters(graph, view)
    days = [dt.date(2023, 6, 1), dt.date(2024, 6, 1)]
    pages = [(d, apply_filters(graph, view.model_copy(update={"as_of": d}))) for d in days]
    drawn = []
    compose = evolution.compose

    def spy(shown, schema, positions, **options):
        drawn.append((shown, positions, options))
        return compose(shown, schema, positions, **options)

    monkeypatch.setattr(evolution, "compose", spy)
    pdf = evolution.render_evolution(whole, pages, SCHEMA, filters=view, lang="fr")
    assert pages_of(pdf) == 2
    (first, first_positions, first_options), (second, second_positions, second_options) = drawn
    assert first_positions is second_positions and first_options["frame"] is second_options["frame"]
    assert "au 01/06/2023" in first_options["title"] and "au 01/06/2024" in second_options["title"]
    assert not any(c for _, c in first.nodes(data="change"))  # the first page has nothing to compare with
    assert second.nodes["pole-emploi"]["change"] == "ended" and second.nodes["france-travail"]["change"] == "new"
    assert [k for _, _, k, c in second.edges(keys=True, data="change") if c == "succession"] == [
        "pole-emploi|SUCCEEDED_BY|france-travail|2024-01-01"]
    # France Travail and the Réseau pour l'emploi appeared, Pôle emploi went.
    assert "Du 01/06/2023 au 01/06/2024 : 2 acteurs apparus, 1 disparu" in second_options["caption"]
    assert second_options["sources"], "every page lists its sources"
