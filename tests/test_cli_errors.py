"""The CLI's one edge for errors: data text printed literally, exit codes, --debug, --version, language."""

from __future__ import annotations

from pathlib import Path

import pytest

from opcomap.cli import app
from tests.cli_runner import cli, one_sentence  # noqa: F401 (cli: the fixture)

ACTORS = """id,name,kind
o1,OPCO Un,OPCO
cfa,CFA [bold]Lyon[/],CFA
"""
RELATIONSHIPS = """source,target,type,source_title
o1,cfa,FUNDS,Fiche
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "relationships.csv").write_text(RELATIONSHIPS, encoding="utf-8")
    return tmp_path


# -- data text is printed as typed, never read as Rich markup --------------------------------
def test_an_error_quoting_brackets_is_printed_literally(cli, data):
    code, _, err = cli("analyze", "ego", "a[/]b", "--data", str(data))
    assert code == 1, err
    assert "Traceback" not in err and "MarkupError" not in err
    assert "« a[/]b »" in one_sentence(err)
    code, _, err = cli("analyze", "ego", "[bold]x", "--data", str(data))
    assert code == 1 and "« [bold]x »" in one_sentence(err)


def test_a_validation_problem_quoting_brackets_is_printed_literally(cli, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "actors.csv").write_text("id,name,kind\nx,[bold]Nom[/],OPC[/]O\n", encoding="utf-8")
    code, _, err = cli("validate", str(folder))
    assert code == 1 and "Traceback" not in err
    assert "OPC[/]O" in one_sentence(err)


def test_a_name_with_brackets_reaches_the_table_whole(cli, data):
    code, out, err = cli("analyze", "--data", str(data), "-m", "degree")
    assert code == 0, err
    assert "CFA [bold]Lyon[/]" in out


# -- exit codes, --debug, --version ------------------------------------------------------------
def _boom(*args, **kwargs):
    raise ZeroDivisionError("division by zero in a metric")


def test_a_bug_is_one_sentence_and_exit_code_70(cli, data, monkeypatch):
    from opcomap import analysis

    monkeypatch.setattr(analysis, "compute_metrics", _boom)
    code, _, err = cli("analyze", "--data", str(data))
    assert code == 70
    assert "Traceback" not in err and "ZeroDivisionError: division by zero in a metric" in one_sentence(err)
    assert "--debug" in err


def test_debug_shows_the_traceback_of_a_bug(cli, data, monkeypatch):
    from opcomap import analysis

    monkeypatch.setattr(analysis, "compute_metrics", _boom)
    code, _, err = cli("--debug", "analyze", "--data", str(data))
    assert code == 70 and "Traceback" in err and "_boom" in err


def test_debug_keeps_a_domain_error_to_one_sentence(cli, data):
    code, _, err = cli("--debug", "analyze", "--data", str(data), "--kinds", "OPCOO")
    assert code == 1 and "Traceback" not in err and "OPCOO (vouliez-vous dire OPCO ?)" in one_sentence(err)


def test_version(cli):
    from importlib.metadata import version

    code, out, _ = cli("--version")
    assert code == 0 and out.strip() == f"opcomap {version('opcomap')}"


def test_exit_codes_are_distinct_and_listed_in_the_groups_help(cli):
    from opcomap.cli.common import EXIT_CODES, ExitCode

    assert len({code.value for code in ExitCode}) == len(ExitCode)
    assert {code for _, code in EXIT_CODES} == {ExitCode.INVALID, ExitCode.REFUSED, ExitCode.UNREACHABLE}
    code, out, _ = cli("--help")
    text = one_sentence(out)
    assert code == 0
    for exit_code in ExitCode:
        assert f"{exit_code.value} " in text
    assert "requête refusée" in text and "Neo4j injoignable" in text and "erreur interne" in text


def test_each_kind_of_failure_has_its_code(cli, data):
    from graph_model.errors import QueryFailed, QueryRefused, StoreUnavailable, StoreWriteFailed, ValidationFailed
    from opcomap.cli.common import ExitCode, exit_code

    assert exit_code(ValidationFailed([])) == ExitCode.INVALID
    assert exit_code(QueryRefused("x")) == exit_code(QueryFailed("x")) == ExitCode.REFUSED
    assert exit_code(StoreUnavailable("x")) == exit_code(StoreWriteFailed("x")) == ExitCode.UNREACHABLE
    code, _, _ = cli("cypher", "RETURN 1")  # no NEO4J_URI: the store cannot be reached
    assert code == ExitCode.UNREACHABLE
    code, _, err = cli("analyze", "--nope")  # click's own usage error
    assert code == ExitCode.USAGE and "Essayez « opcomap analyze --help »." in err and "Try '" not in err


def test_a_wrong_setting_is_one_sentence(cli):
    code, _, err = cli("--help", OPCOMAP_LANG="klingon")  # help still shows, in French
    assert code == 0
    code, _, err = cli("validate", "x", OPCOMAP_LANG="klingon")
    assert code == 1 and "OPCOMAP_LANG='klingon'" in one_sentence(err) and "Traceback" not in err


# -- the CLI's language -------------------------------------------------------------------------
def test_english_cli_says_whole_sentences_in_english(cli, data, tmp_path):
    code, out, err = cli("analyze", "--data", str(data), "-m", "degree", OPCOMAP_LANG="en")
    assert code == 0 and "Metrics per actor" in out and "actors" in out and "acteurs" not in out
    code, _, err = cli("analyze", "--data", str(data), "--kinds", "OPCOO", OPCOMAP_LANG="en")
    assert code == 1 and "Error: kind unknown to the schema: OPCOO (did you mean OPCO?)" in one_sentence(err)
    code, _, err = cli("generate", "--actors", "20", "--output", str(tmp_path / "g"), OPCOMAP_LANG="en")
    assert code == 1 and "Error:" in err and "300" in err and "acteurs" not in err  # a domain error, keyed
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "actors.csv").write_text("id,name,kind\nx,X,OPCOO\n", encoding="utf-8")
    code, _, err = cli("validate", str(bad), OPCOMAP_LANG="en")
    assert code == 1 and "problem found" in err and "row 2" in one_sentence(err) and "ligne" not in err


def test_help_words_come_from_the_catalogue(cli):
    code, out, _ = cli("analyze", "--help")
    assert code == 0
    flat = " ".join(out.replace("│", " ").split())  # a help text wrapped inside the options' box, unwrapped
    assert "Show this message and exit" not in flat and "Affiche cette aide et s'arrête." in flat
    assert "Utilisation :" in out and "Usage:" not in out and "Commandes" in out
    assert "[par défaut : 1.0]" in one_sentence(out) and "[default:" not in out
    assert "cli." not in out  # no key left untranslated
    code, out, _ = cli("analyze", "--help", OPCOMAP_LANG="en")
    flat = " ".join(out.replace("│", " ").split())
    assert "Show this message and exit." in flat and "Metrics per actor" in out and "Métriques" not in out


@pytest.mark.parametrize(("lang", "path", "text"), [("fr", "<chemin>", "<texte>"), ("en", "<path>", "<text>")])
def test_help_names_values_in_words_and_shows_flags_without_one(cli, lang, path, text):
    code, out, _ = cli("load", "--help", OPCOMAP_LANG=lang)
    assert code == 0
    lines = {line.split()[1]: line for line in out.splitlines() if line.startswith("│ --")}
    assert "<" not in lines["--dry-run"] and "<" not in lines["--help"]  # a flag takes no value
    assert f"{path}…" in out and path in lines["--schema"] and text in lines["--dataset"]
    assert "<table|csv|json|xlsx>" in lines["--format"]
    for typer_word in ("<bool>", "<str>", "list[", "<int"):
        assert typer_word not in out


def test_every_help_text_is_a_sentence_of_the_catalogue():
    import typer.main

    from graph_model.words import STRINGS
    from opcomap.cli.helptext import localise

    def walk(command):
        yield command
        for sub in getattr(command, "commands", {}).values():
            yield from walk(sub)

    declared = typer.main.get_command(app)
    for command in walk(declared):
        assert command.help in STRINGS, command.name
        for param in command.params:
            if getattr(param, "help", None):
                assert param.help in STRINGS, (command.name, param.name)
    localise(declared, "en")
    assert all(not (c.help or "").startswith("cli.") for c in walk(declared))


def _commands_with_arguments():
    import typer.main

    def walk(command, path):
        if any(p.param_type_name == "argument" for p in command.params):
            yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, (*path, name))

    return list(walk(typer.main.get_command(app), ()))


def test_every_argument_is_named_by_a_word_of_the_catalogue():
    from graph_model.words import STRINGS

    commands = _commands_with_arguments()
    assert len(commands) >= 10  # the walk finds them
    for path, command in commands:
        for param in command.params:
            if param.param_type_name == "argument":
                assert param.metavar in STRINGS and param.metavar.startswith("cli.metavar."), (path, param.name)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_usage_lines_name_arguments_in_the_users_words(cli, lang):
    from graph_model.words import t

    usage, subcommand = t("cli.usage", lang), t("cli.usage.subcommand", lang)
    for path, command in _commands_with_arguments():
        code, out, _ = cli(*path, "--help", OPCOMAP_LANG=lang)
        assert code == 0, path
        line = next(line.strip() for line in out.splitlines() if usage in line)
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        names = [t(p.metavar, lang) for p in arguments]
        shown = [f"{name}..." if p.nargs != 1 else name for name, p in zip(names, arguments, strict=True)]
        assert "{" not in line and all(name in line for name in shown), (path, line)
        assert not any(p.name in line for p in arguments), (path, line)  # Typer's inner names
        panel = out.split(t("cli.panel.arguments", lang), 1)[1]
        assert all(name in panel for name in names), path
    code, out, _ = cli("--help", OPCOMAP_LANG=lang)
    assert f"{usage} opcomap [OPTIONS] {subcommand}" in out


def test_the_usage_line_of_a_command_tells_required_from_optional_arguments(cli):
    code, out, _ = cli("validate", "--help")
    assert code == 0 and "Utilisation : opcomap validate [OPTIONS] CHEMINS..." in out
    code, out, _ = cli("users", "role", "--help")
    assert code == 0 and "Utilisation : opcomap users role [OPTIONS] NOM RÔLE" in out
    code, out, _ = cli("import", "--help", OPCOMAP_LANG="en")
    assert code == 0 and "Usage: opcomap import [OPTIONS] REGISTRY [FILE]" in out


# -- machine formats ------------------------------------------------------------------------------
def test_validate_json(cli, data, tmp_path):
    import json

    code, out, _ = cli("validate", str(data), "--format", "json")
    document = json.loads(out)
    assert code == 0 and {k: document[k] for k in ("valid", "actors", "relationships")} == {
        "valid": True, "actors": 2, "relationships": 1}
    assert [(Path(f["file"]).name, f["encoding"], f["delimiter"]) for f in document["files"]] == [
        ("actors.csv", "utf-8", ","), ("relationships.csv", "utf-8", ",")]
    assert document["notices"] == []
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "actors.csv").write_text("id,name,kind\nx,X,OPCOO\n", encoding="utf-8")
    code, out, err = cli("validate", str(bad), "--format", "json", OPCOMAP_LANG="en")
    document = json.loads(out)
    assert code == 1 and document["valid"] is False
    (problem,) = document["problems"]
    assert Path(problem["file"]).name == "actors.csv" and problem["row"] == 2 and problem["column"] == "kind"
    assert "OPCOO" in problem["message"] and "problem found" in err


def test_machine_formats_keep_english_keys_in_a_french_cli(cli, data):
    import csv
    import io
    import json

    code, out, _ = cli("analyze", "structure", "--data", str(data), "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and list(rows[0]) == ["measure", "value", "detail"]
    assert [r["measure"] for r in rows] == ["components", "communities", "bridges", "articulation_points", "main_core"]
    code, out, _ = cli("analyze", "diff", "--from", "2000-01-01", "--to", "2030-01-01", "--data", str(data), "-f", "json")
    assert code == 0 and set(json.loads(out)) >= {"added", "removed", "changed"}
    code, out, _ = cli("analyze", "structure", "--data", str(data))
    assert "composantes" in out and "mesure" in out  # the table speaks French


def test_readme_lists_every_exit_code():
    from opcomap.cli.common import ExitCode

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### The command line", 1)[1].split("\n## ", 1)[0]
    for code in ExitCode:
        assert f"\n| {code.value} |" in section, code


def test_a_malformed_command_line_is_said_in_english_too(cli):
    code, _, err = cli("--nope", OPCOMAP_LANG="en")
    assert code == 2 and "Try “opcomap --help”." in err and "Error:" in err and "Erreur" not in err


def test_opcomap_alone_shows_the_help_and_no_empty_error(cli):
    code, out, err = cli()
    assert "Utilisation : opcomap" in out and "validate" in out
    assert "Erreur" not in err and "Essayez" not in err, err
    assert code == 2  # click's code for a command line that asked for nothing


GROUPS = ("neo4j", "users")  # a refusal under these is said with the subcommand's usage


# Typer words these in English; a French user reads them in French, and the English CLI
# keeps plain sentences of its own. Every line names what the user typed.
REFUSALS = [
    (("valdate",), "la commande « valdate » n'existe pas. Vouliez-vous dire : validate ?",
     "there is no command “valdate”. Did you mean: validate?"),
    (("validate",), "il manque l'argument obligatoire « CHEMINS ».", "the required argument “PATHS” is missing."),
    (("users", "role", "x"), "il manque l'argument obligatoire « RÔLE ».", "the required argument “ROLE” is missing."),
    (("validate", "--form", "x"), "l'option --form n'existe pas pour cette commande. Vouliez-vous dire : --format ?",
     "this command has no option --form. Did you mean: --format?"),
    (("validate", "x", "--nope"), "l'option --nope n'existe pas pour cette commande.", "this command has no option --nope."),
    (("analyze", "--metrics"), "l'option --metrics attend une valeur après elle.", "option --metrics needs a value after it."),
    (("load", "x", "--dry-run=3"), "l'option --dry-run ne prend pas de valeur.", "option --dry-run takes no value."),
    (("generate", "--actors", "abc"), "--actors attend une valeur de type entier ; « abc » n'en est pas une.",
     "--actors expects a value of type integer; “abc” is not one."),
    (("export", "--format", "zzz"),
     "--format / -f ne connaît pas « zzz ». Valeurs possibles : json, graphml, gexf, csv, xlsx, svg, png, pdf, html.",
     "--format / -f does not know “zzz”. Possible values: json, graphml, gexf, csv, xlsx, svg, png, pdf, html."),
    (("analyze", "-m", "degree", "--top", "0"), "--top doit valoir au moins 1 (et non 0).", "--top must be at least 1 (not 0)."),
    (("template", "a", "b"), "arguments en trop : a b.", "unexpected extra arguments: a b."),
    (("neo4j", "status", "a"), "argument en trop : a.", "unexpected extra argument: a."),
]


@pytest.mark.parametrize(("args", "french", "english"), REFUSALS, ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_a_refused_command_line_is_said_in_the_users_language(cli, args, french, english):
    code, _, err = cli(*args)
    assert code == 2
    assert f"Erreur : {french}" in one_sentence(err)
    for typer_words in ("No such", "Missing", "Invalid value", "requires", "Did you mean", "Got unexpected"):
        assert typer_words not in err
    # every refusal shows how the command is used, even one click's parser raises without its command
    command = "opcomap" if args[0] == "valdate" else f"opcomap {' '.join(args[:2 if args[0] in GROUPS else 1])}"
    assert f"Utilisation : {command} [OPTIONS]" in err and f"Essayez « {command} --help »." in err, err
    code, _, err = cli(*args, OPCOMAP_LANG="en")
    assert code == 2 and f"Error: {english}" in one_sentence(err)
    assert f"Usage: {command} [OPTIONS]" in err and f"Try “{command} --help”." in err, err


def test_counts_in_sentences_are_written_the_users_way(cli, tmp_path):
    folder = tmp_path / "map"
    code, _, err = cli("generate", "--actors", "300", "--relationships", "1200", "--seed", "1", "--output", str(folder))
    assert code == 0, err
    code, out, err = cli("analyze", "--data", str(folder), "-m", "degree", "--top", "1")
    assert code == 0, err
    assert "300 acteurs, 1\u202f200 relations" in out and "1200" not in out
    code, out, err = cli("analyze", "--data", str(folder), "-m", "degree", "--top", "1", OPCOMAP_LANG="en")
    assert code == 0 and "300 actors, 1,200 relationships" in out
