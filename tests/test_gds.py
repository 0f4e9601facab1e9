"""Graph Data Science on the local server (``opcomap neo4j start --with-gds``)."""

from __future__ import annotations

from opcomap.settings import Settings
from opcomap.store import local_server as neo4j_server


def test_gds_jars_come_and_go_with_the_option_and_only_its_procedures_are_scanned(tmp_path):
    settings = Settings(neo4j_uri="bolt://127.0.0.1:7999", opcomap_cache_dir=tmp_path / "cache",
                        opcomap_data_dir=tmp_path / "data")
    server = neo4j_server.LocalServer(settings)
    for lib, names in ((server.gds_dir, ["proc-centrality-2.13.9.jar", "core-2.13.9.jar", "hppc-0.7.3.jar"]),
                       (server.apoc_dir, ["apoc-core-x.jar", "hppc-0.7.3.jar"])):
        lib.mkdir(parents=True)
        for name in names:
            (lib / name).write_bytes(b"jar")
        (lib.parent / "COMPLETE").write_text("x", encoding="utf-8")  # the download is cached
    plugins, libs = server.home / "plugins", server.home / neo4j_server.PLUGIN_LIBS
    plugins.mkdir(parents=True)
    (plugins / "mine.jar").write_bytes(b"mine")

    neo4j_server.install_plugins(server, with_apoc=True, with_gds=True)
    assert sorted(p.name for p in plugins.iterdir()) == [
        "apoc-core-x.jar", "hppc-0.7.3.jar", "mine.jar", "proc-centrality-2.13.9.jar"]
    assert sorted(p.name for p in libs.iterdir()) == ["core-2.13.9.jar", "hppc-0.7.3.jar"]
    conf = neo4j_server.write_config(server, True, True).read_text(encoding="utf-8")
    assert "dbms.security.procedures.unrestricted=apoc.*,gds.*" in conf

    # GDS left out: its jars go, APOC's copy of a library they shared stays.
    neo4j_server.install_plugins(server, with_apoc=True, with_gds=False)
    assert sorted(p.name for p in plugins.iterdir()) == ["apoc-core-x.jar", "hppc-0.7.3.jar", "mine.jar"]
    assert list(libs.iterdir()) == []
    assert "unrestricted=apoc.*\n" in neo4j_server.write_config(server, True, False).read_text(encoding="utf-8")
