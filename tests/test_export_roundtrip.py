"""export → validate → load → export gives identical data, in every format, and through Neo4j."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from graph_model import default_schema
from loaders import EXPORTERS, canonical, load_dataset
from loaders.synthetic import generate
from opcomap.store.reader import read_dataset
from opcomap.store.writer import write_dataset

GOOD = Path(__file__).parent / "fixtures" / "good"
SUFFIX = {"json": ".json", "graphml": ".graphml", "gexf": ".gexf", "csv": "", "xlsx": ".xlsx"}


def snapshot(path: Path) -> dict[str, object]:
    """Bytes of an exported file, or of each file of an exported folder; a workbook's cells
    (its zip entries carry the time they were written)."""
    if path.is_dir():
        return {f.name: f.read_bytes() for f in sorted(path.iterdir())}
    if path.suffix == ".xlsx":
        book = load_workbook(path, read_only=True)
        return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    return {"": path.read_bytes()}


@pytest.fixture(scope="module")
def good():
    return load_dataset([GOOD], default_schema())


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_file_round_trip_is_identical(fmt, good, tmp_path):
    first = EXPORTERS[fmt](good, tmp_path / f"first{SUFFIX[fmt]}")
    reread = load_dataset([first], default_schema())  # validates too
    assert canonical(reread) == canonical(good)
    second = EXPORTERS[fmt](reread, tmp_path / f"second{SUFFIX[fmt]}")
    assert snapshot(second) == snapshot(first)


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_every_relationship_type_survives_the_round_trip(fmt, tmp_path):
    synthetic = generate(400, 3000, seed=7)
    assert len({r.type for r in synthetic.relationships}) == len(default_schema().relationship_types)
    path = EXPORTERS[fmt](synthetic, tmp_path / f"synthetic{SUFFIX[fmt]}")
    assert canonical(load_dataset([path], default_schema())) == canonical(synthetic)


def test_graphml_and_gexf_carry_what_gephi_and_yed_show(good, tmp_path):
    graphml = EXPORTERS["graphml"](good, tmp_path / "m.graphml").read_text(encoding="utf-8")
    assert 'attr.name="label"' in graphml and "Opco Atlas" in graphml
    gexf = EXPORTERS["gexf"](good, tmp_path / "m.gexf").read_text(encoding="utf-8")
    assert 'xmlns="http://gexf.net/1.3"' in gexf and 'version="1.3"' in gexf
    assert 'label="Opco Atlas"' in gexf and 'type="double"' in gexf  # amount_eur stays a number


@pytest.mark.neo4j
def test_round_trip_through_neo4j_is_identical(good, empty_db, neo4j_settings, tmp_path):
    first = EXPORTERS["json"](good, tmp_path / "first.json")
    loaded = load_dataset([first], default_schema())
    write_dataset(empty_db, loaded, default_schema(), dataset_name="roundtrip", database=neo4j_settings.neo4j_database)
    back = read_dataset(empty_db, neo4j_settings.neo4j_database, dataset="roundtrip")
    second = EXPORTERS["json"](back, tmp_path / "second.json")
    assert second.read_bytes() == first.read_bytes()


@pytest.mark.neo4j
@pytest.mark.parametrize("fmt", ["csv", "graphml", "gexf"])
def test_other_formats_through_neo4j(fmt, empty_db, neo4j_settings, tmp_path):
    synthetic = generate(300, 1500, seed=3)
    write_dataset(empty_db, synthetic, default_schema(), dataset_name="s", database=neo4j_settings.neo4j_database)
    back = read_dataset(empty_db, neo4j_settings.neo4j_database)
    first = EXPORTERS[fmt](synthetic, tmp_path / f"a{SUFFIX[fmt]}")
    second = EXPORTERS[fmt](back, tmp_path / f"b{SUFFIX[fmt]}")
    assert snapshot(second) == snapshot(first)
