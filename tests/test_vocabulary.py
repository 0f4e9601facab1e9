"""One vocabulary: every sentence a user reads comes from the catalogue (graph_model/words/).

The catalogue's own tests (every key said in French and English, with the same
placeholders) sit beside a scan of the code base that fails when a user-facing
sentence bypasses it:

(a) an opcomap error raised, or a ``Problem`` made, with a literal sentence (or a
    sentence already rendered in one language) instead of a catalogue key;
(b) a Streamlit display call or widget label given a literal sentence;
(c) a choice between two literal sentences on the user's language
    (``"…" if lang == "fr" else "…"``, ``{"fr": "…", "en": "…"}[lang]``).

The scan reports each offence with its file and line; one test per file, so a
failure names the file to convert.
"""

from __future__ import annotations

import ast
import re
import string
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph_model.words import STRINGS
from graph_model.words import app, auth, cli, edit, files, problems, reconcile, store

REPO = Path(__file__).resolve().parent.parent
SCANNED = ("graph_model", "loaders", "opcomap")
# The catalogue itself is where the words live.
CATALOGUE = REPO / "graph_model" / "words"
SECTIONS = {"app": app, "problems": problems, "cli": cli, "edit": edit, "reconcile": reconcile, "store": store,
            "files": files, "auth": auth}

# Streamlit calls whose text a user reads. Unambiguous names are checked on any receiver
# (a column, a tab, the sidebar); "write" and "markdown" only on ``st`` itself, since
# files and buffers have a ``write`` too.
DISPLAY = {
    "error", "warning", "info", "success", "caption", "header", "subheader", "title", "text",
    "button", "download_button", "link_button", "form_submit_button", "page_link",
    "checkbox", "toggle", "radio", "selectbox", "multiselect", "select_slider", "slider",
    "text_input", "text_area", "number_input", "date_input", "time_input", "file_uploader",
    "expander", "popover", "metric", "tabs", "toast", "spinner", "status", "dialog",
}
ST_ONLY = {"write", "markdown"}
# Calls that make a Problem, and where their message goes: Problem(file, row, column, message),
# the parser's add(file, row, column, message), an importer's problem(row, column, message).
PROBLEM_MAKERS = {"Problem": 3, "add": 3, "problem": 2}
LABEL_KEYWORDS = {"label", "help", "placeholder", "body", "caption", "text"}

_TAGS = re.compile(r"<style.*?</style>|<[^>]*>|:material/\w+:|`[^`]*`", re.S)
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_WORD = re.compile(r"[^\W\d_]{3,}")


# -- what counts as a sentence --------------------------------------------------

def _words(text: str) -> bool:
    """True when ``text`` says something in words (not markup, an icon, code or a placeholder)."""
    return bool(_WORD.search(_PLACEHOLDER.sub(" ", _TAGS.sub(" ", text))))


def _literal_text(node: ast.AST) -> str | None:
    """The literal text of a string constant, f-string or concatenation, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else " {} " for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        left, right = _literal_text(node.left), _literal_text(node.right)
        if left is not None or right is not None:
            return f"{left or ''} {right or ''}"
    return None


def _is_sentence(node: ast.AST, constants: dict[str, ast.AST]) -> bool:
    """A literal sentence (not a catalogue key), directly or through a module constant."""
    if isinstance(node, ast.Name) and node.id in constants:
        node = constants[node.id]
    if isinstance(node, ast.Constant) and node.value in STRINGS:
        return False
    text = _literal_text(node)
    return text is not None and _words(text)


_IDENTIFIER = re.compile(r"^[a-z0-9_.\-/]+$")


def _is_phrase(node: ast.AST, constants: dict[str, ast.AST]) -> bool:
    """A literal sentence that reads as words, not as a name (``indicateurs``, ``dl_metrics``: file
    names and widget keys are lower-case identifiers)."""
    text = _literal_text(node)
    return _is_sentence(node, constants) and not (text is not None and _IDENTIFIER.match(text))


def _rendered(node: ast.AST, constants: dict[str, ast.AST]) -> bool:
    """A sentence already rendered in one language and handed to an error: ``t(key, lang)``,
    or a sentence template filled in place (``STILL_TIED.format(ident=x)``)."""
    if not isinstance(node, ast.Call):
        return False
    if isinstance(node.func, ast.Name):
        return node.func.id == "t"
    return (isinstance(node.func, ast.Attribute) and node.func.attr == "format"
            and _is_sentence(node.func.value, constants))


# -- the scan ---------------------------------------------------------------------

@dataclass(frozen=True)
class Offence:
    line: int
    what: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.what}"


def _python_files() -> list[Path]:
    return sorted(
        path for package in SCANNED for path in (REPO / package).rglob("*.py")
        if "__pycache__" not in path.parts and CATALOGUE not in path.parents
    )


def _error_classes(files: list[Path]) -> set[str]:
    """OpcomapError and every class of the scanned code deriving from it, by name."""
    found = {"OpcomapError"}
    bases: dict[str, set[str]] = {}
    for path in {REPO / "graph_model" / "errors.py", *files}:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
                bases.setdefault(node.name, set()).update(names)
    grew = True
    while grew:
        more = {name for name, parents in bases.items() if parents & found} - found
        found |= more
        grew = bool(more)
    return found


def _module_constants(tree: ast.Module) -> dict[str, ast.AST]:
    constants: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            constants[node.targets[0].id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            constants[node.target.id] = node.value
    return constants


def _callee(call: ast.Call) -> tuple[str, str | None]:
    """(name, root of the receiver) of a call: ``st.sidebar.header`` -> ("header", "st")."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id, None
    if isinstance(func, ast.Attribute):
        root = func.value
        while isinstance(root, (ast.Attribute, ast.Call, ast.Subscript)):
            root = root.func if isinstance(root, ast.Call) else root.value
        return func.attr, root.id if isinstance(root, ast.Name) else None
    return "", None


def _mentions_language(test: ast.AST) -> bool:
    """A condition on the user's language: ``lang == "en"``, ``run.lang != "fr"``, ``fr``, ``english``."""
    for node in ast.walk(test):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Constant) and s.value in ("fr", "en") for s in sides):
                return True
        if isinstance(node, ast.Name) and node.id in ("fr", "en", "english", "french", "is_en", "is_fr"):
            return True
    return False


def _passes_language(call: ast.Call) -> bool:
    return any(isinstance(a, ast.Name) and a.id == "lang" or isinstance(a, ast.Attribute) and a.attr == "lang"
               for a in [*call.args, *(k.value for k in call.keywords)])


def _returned_or_assigned(body: list[ast.stmt]) -> list[ast.AST]:
    return [s.value for s in body if isinstance(s, (ast.Return, ast.Assign)) and s.value is not None]


def scan(path: Path, error_classes: set[str]) -> list[Offence]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _module_constants(tree)
    offences: list[Offence] = []

    def sentence(node: ast.AST) -> bool:
        return _is_sentence(node, constants)

    for node in ast.walk(tree):
        # (a) errors and problems carry a catalogue key
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            name, _ = _callee(node.exc)
            if name in error_classes and node.exc.args:
                first = node.exc.args[0]
                if sentence(first) or _rendered(first, constants):
                    offences.append(Offence(node.lineno, f"{name} raised with a sentence, not a catalogue key"))
        if isinstance(node, ast.Call):
            name, root = _callee(node)
            if name in PROBLEM_MAKERS:
                at = PROBLEM_MAKERS[name]
                message = node.args[at] if len(node.args) > at else next(
                    (k.value for k in node.keywords if k.arg == "message"), None)
                if message is not None and (sentence(message) or _rendered(message, constants)):
                    offences.append(Offence(node.lineno, "Problem made with a sentence, not a catalogue key"))
            # (b) Streamlit shows catalogue words
            on_screen = root is not None and "log" not in root.lower()  # log.info is for the server log
            if (name in DISPLAY and on_screen) or (name in ST_ONLY and root == "st"):
                shown = list(node.args[:1]) + [k.value for k in node.keywords if k.arg in LABEL_KEYWORDS]
                if name == "tabs" and node.args and isinstance(node.args[0], (ast.List, ast.Tuple)):
                    shown = list(node.args[0].elts)
                if any(sentence(arg) for arg in shown):
                    offences.append(Offence(node.lineno, f"{name}() shows a literal sentence"))
        # (c) no choosing between literal sentences on the language
        if isinstance(node, ast.Call) and _passes_language(node):
            if sum(_is_phrase(a, constants) for a in node.args) >= 2:
                offences.append(Offence(node.lineno, "a French and an English sentence handed over with the language"))
        if isinstance(node, ast.IfExp) and _mentions_language(node.test):
            if sentence(node.body) or sentence(node.orelse):
                offences.append(Offence(node.lineno, "literal sentences chosen on the language"))
            elif {getattr(node.body, "id", ""), getattr(node.orelse, "id", "")} == {"fr", "en"}:
                offences.append(Offence(node.lineno, "a translation helper beside the catalogue"))
        if isinstance(node, ast.If) and _mentions_language(node.test):
            if any(sentence(v) for v in _returned_or_assigned(node.body) + _returned_or_assigned(node.orelse)):
                offences.append(Offence(node.lineno, "literal sentences chosen on the language"))
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if {"fr", "en"} <= keys and any(sentence(v) for v in node.values):
                offences.append(Offence(node.lineno, "a {'fr': …, 'en': …} pair of literal sentences"))
    return offences


FILES = _python_files()
ERROR_CLASSES = _error_classes(FILES)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(REPO)) for p in FILES])
def test_user_facing_words_come_from_the_catalogue(path: Path) -> None:
    offences = sorted(scan(path, ERROR_CLASSES), key=lambda o: o.line)
    assert not offences, f"{path.relative_to(REPO)}:\n" + "\n".join(map(str, offences))


# -- the scan itself catches what it should ------------------------------------------

SAMPLE = '''
import streamlit as st
from graph_model.errors import NotFound, Problem, OpcomapError
from graph_model.words import t

class Gone(NotFound):
    pass

MISSING = "acteur introuvable"

def page(lang, x, left):
    st.error("Cette page n'a pas pu s'afficher")
    left.button("Enregistrer")
    st.tabs(["Carte", "Tableau"])
    st.markdown(f"**{x}**")
    st.markdown("<style>div {color: red}</style>", unsafe_allow_html=True)
    st.caption(t("counts", lang, n=1, m=2))
    _csv_button(x, "indicateurs", lang, "dl_metrics")
    log.info("page error: %s", x)
    title = "Acteurs" if lang == "fr" else "Actors"
    words = {"fr": "oui", "en": "yes"}[lang]
    if lang == "en":
        return "Nothing to show"
    _tr(lang, "Créer un acteur", "Create an actor")
    raise Gone(f"acteur inconnu « {x} »")

def check(x, lang, builder):
    builder.problem(3, "nda", f"numéro « {x} » invalide")
    Problem("f.csv", 2, "id", "valeur obligatoire manquante")
    Problem("f.csv", 2, "id", "problems.count", {"n": 1})
    raise OpcomapError(MISSING)

def rendered(lang):
    raise OpcomapError(t("counts", lang, n=1, m=2))

def filled(x):
    raise NotFound(MISSING.format(x=x))

def _tr(lang, fr, en):
    return en if lang == "en" else fr

def fine(x):
    raise NotFound("problems.count", n=x)
'''


def test_the_scan_finds_each_kind_of_bypass(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(SAMPLE, encoding="utf-8")
    classes = _error_classes([sample])
    assert {"Gone", "NotFound", "OpcomapError"} <= classes
    lines = SAMPLE.splitlines()
    found = {lines[o.line - 1].strip().split("(")[0].split(" = ")[0] for o in scan(sample, classes)}
    assert found == {
        "st.error", "left.button", "st.tabs", "title", "words", 'if lang == "en":',
        "raise Gone", "Problem", "raise OpcomapError", "builder.problem", "raise NotFound", "_tr", "return en if lang == \"en\" else fr",
    }
    # the markup, the placeholder-only text, the catalogue words and the keyed error pass
    flagged = {o.line for o in scan(sample, classes)}
    for fine in ('st.markdown(f"**{x}**")', "log.info(", "_csv_button(", "st.markdown(\"<style>", "st.caption(t(", 'raise NotFound("problems.count"',
                 'Problem("f.csv", 2, "id", "problems.count"'):
        assert not any(lines[i - 1].strip().startswith(fine) for i in flagged), fine


# -- the catalogue ---------------------------------------------------------------------

def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_key_is_said_in_french_and_english_with_the_same_placeholders(key: str) -> None:
    french, english = STRINGS[key]
    assert french.strip() and english.strip(), key
    assert _fields(french) == _fields(english), key


def test_a_key_lives_in_one_section_and_sections_hold_pairs() -> None:
    seen: dict[str, str] = {}
    for section, module in SECTIONS.items():
        for key, pair in module.WORDS.items():
            assert key not in seen, f"{key} in {seen.get(key)} and {section}"
            assert isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(s, str) for s in pair), key
            seen[key] = section
    assert seen.keys() == STRINGS.keys()
