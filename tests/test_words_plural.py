"""Words that agree with a count: "1 acteur", "2 acteurs", "0 acteur" in French, "0 actors" in English.

The catalogue writes them ``{n} {n:acteur|acteurs}``; these tests hold the rule on real keys and scan
every sentence of the catalogue for a count that a 1 (or a 2) would say wrong.
"""

from __future__ import annotations

import re
import string

import pytest

from graph_model.errors import Phrase
from graph_model.words import STRINGS, t
from graph_model.words.formats import number, said


@pytest.mark.parametrize(("n", "fr", "en"), [
    (0, "0 acteur, 0 relation", "0 actors, 0 relationships"),
    (1, "1 acteur, 1 relation", "1 actor, 1 relationship"),
    (2, "2 acteurs, 2 relations", "2 actors, 2 relationships"),
    (1.5, "1.5 acteur, 1.5 relation", "1.5 actors, 1.5 relationships"),  # French: plural from two on
    (2.5, "2.5 acteurs, 2.5 relations", "2.5 actors, 2.5 relationships"),
])
def test_a_count_chooses_the_form_by_each_language_s_rule(n: float, fr: str, en: str) -> None:
    assert t("counts", "fr", n=n, m=n) == fr
    assert t("counts", "en", n=n, m=n) == en


def test_adjectives_and_verbs_agree_with_their_count_in_french() -> None:
    assert t("chart.illustrative_lighter", "fr", n=1) == "Dont 1 lien illustratif, en couleur pâle."
    assert t("chart.illustrative_lighter", "fr", n=2) == "Dont 2 liens illustratifs, en couleur pâle."
    assert t("data.removed_kept", "fr", k=1).startswith("1 acteur gardé : des relations d'autres jeux l'utilisent.")
    assert t("data.removed_kept", "fr", k=3).startswith("3 acteurs gardés : des relations d'autres jeux les utilisent.")
    assert t("cli.problems", "fr", n=0) == "0 problème trouvé :"
    assert t("cli.problems", "en", n=0) == "0 problems found:"
    thin = t("analysis.thin", "fr", n=1, m=12, share="8 %")
    assert thin.startswith("1 lien sur 12 dans cette vue (8 %) est illustratif ou faiblement sourcé :")


def test_a_count_keeps_its_written_form_and_chooses_from_it() -> None:
    # The map's and the CLI's counts arrive already written with the language's grouping and decimals.
    assert t("counts", "fr", n=number(1, "fr"), m=number(1234, "fr")) == "1 acteur, 1\u202f234 relations"
    assert t("counts", "en", n=number(1, "en"), m=number(1234, "en")) == "1 actor, 1,234 relationships"
    assert t("counts", "fr", n=number(1.5, "fr"), m="1,00") == "1,5 acteur, 1,00 relation"
    assert t("counts", "en", n=number(1.5, "en"), m=number(1000, "en")) == "1.5 actors, 1,000 relationships"
    assert said("mapview.count", nodes=1, edges=1000).text("fr") == "1 acteur, 1\u202f000 relations"
    assert Phrase("problems.more", {"n": 1}).text("en") == "… and 1 more problem"


def test_a_placeholder_named_like_t_s_own_arguments_is_filled() -> None:
    # An edit refused because of a tie names it by {key}: the sentence is said, not a TypeError.
    assert t("problems.edit_merge_tie", "en", key="a→b", what="no") == "the relationship a→b cannot be carried over: no"


# -- the scan: every sentence, every count set to 1, then to 2 ---------------------------------------

def _fields(text: str) -> list[tuple[str, str]]:
    found = []
    for _, name, spec, _ in string.Formatter().parse(text):
        if name is not None:
            found.append((name, spec or ""))
            found.extend(_fields(spec or ""))
    return found


# A placeholder is a count when some sentence chooses a form by it, or by its usual name.
COUNTS = {name for fr, en in STRINGS.values() for text in (fr, en)
          for name, spec in _fields(text) if "|" in spec} | {"n", "m", "k", "count", "total"}
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
# The nouns opcomap counts most, so that a new sentence counting them is checked from its first day.
SINGULARS = {"fr": ("acteur", "relation", "lien", "ligne", "problème", "différence", "chemin", "source",
                    "nœud", "proposition", "organisme", "établissement", "caractère", "communauté"),
             "en": ("actor", "relationship", "tie", "row", "problem", "difference", "path", "source",
                    "node", "proposal", "organisation", "establishment", "character", "community")}
# Articles, determiners and pronouns a form may carry ("les {n} différences", "all {n} paths", "their")
# without being a count's noun.
_NOT_NOUNS = {"les", "des", "ses", "leurs", "ces", "la", "le", "l'", "the", "all", "their", "its", "them", "it",
              "they"}


def _forms(lang: str) -> tuple[set[str], set[str]]:
    """The words only the singular forms of the catalogue use, and those only the plural ones use
    (nouns, adjectives and verbs that agree), plus :data:`SINGULARS` and their plurals."""
    singular, plural = set(SINGULARS[lang]), {noun + "s" for noun in SINGULARS[lang]}
    for fr, en in STRINGS.values():
        for _, spec in _fields(en if lang == "en" else fr):
            if "|" in spec:
                one, other = (set(_WORDS.findall(re.sub(r"\{[^{}]*\}", " ", half.lower())))
                              for half in spec.split("|", 1))
                singular |= one - other
                plural |= other - one
    return singular - _NOT_NOUNS, plural - _NOT_NOUNS


FORMS = {lang: _forms(lang) for lang in ("fr", "en")}
_COUNT = re.compile(r"(?<![\w.,\u202f\u00a0-])([12]) ((?:[^\W\d_][\w'’-]* ?){1,4})")
_JOINED = (" et ", " and ", ", ")


def _said(key: str, lang: str, count: int) -> str:
    text = STRINGS[key][lang == "en"]
    if "{}" in text:  # Typer's own templates ("[default: {}]"), filled by position
        return text
    return t(key, lang, **{name: count if name in COUNTS else "«x»" for name, _ in _fields(text)})


def _wrong(key: str, lang: str, count: int) -> list[str]:
    """What follows ``count`` in ``key`` and does not agree with it: a plural word after 1 (the noun
    and, unless the count is one of two joined ones, the words agreeing with it), a singular noun
    right after 2."""
    singular, plural = FORMS[lang]
    said, other = _said(key, lang, count), _said(key, lang, 3 - count)
    wrong = []
    for match in _COUNT.finditer(said):
        # a number the sentence writes itself ("1 à 4 chiffres") stays whatever the counts are
        if int(match.group(1)) != count or match.group(0) in other:
            continue
        words = match.group(2).lower().split()
        if count == 1:
            checked = words[:1] if said[:match.start()].endswith(_JOINED) else words
            bad = any(word in plural for word in checked)
        else:
            bad = words[0] in singular and (len(words) == 1 or words[1] not in plural)
        if bad:
            wrong.append(match.group(0).strip())
    return wrong


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("count", [1, 2])
def test_no_sentence_gets_a_count_of_one_or_two_wrong(lang: str, count: int) -> None:
    wrong = {key: found for key in STRINGS if (found := _wrong(key, lang, count))}
    assert not wrong, f"write these as {{n}} {{n:singular|plural}}: {wrong}"


def test_no_sentence_hedges_its_number_or_gender_with_parentheses() -> None:
    hedged = re.compile(r"\w\((s|e|es|x)\)")
    wrong = [key for key, (fr, en) in STRINGS.items() if hedged.search(fr) or hedged.search(en)]
    assert not wrong, f"“relation(s)”: pass the count and write {{n:relation|relations}} instead: {wrong}"


def test_the_scan_finds_what_a_count_of_one_or_two_would_get_wrong(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(STRINGS, "test.bad", ("{n} acteurs retirés ; {m} {m:lien|liens} {m:ajoutés|ajouté}",
                                              "{n} actors removed, {m} {m:tie|ties} added"))
    assert _wrong("test.bad", "fr", 1) == ["1 acteurs retirés", "1 lien ajoutés"]
    assert _wrong("test.bad", "en", 1) == ["1 actors removed"]
    assert _wrong("test.bad", "fr", 2) == []
    # Two joined counts take a plural together: "1 acteur et 1 relation créés".
    monkeypatch.setitem(STRINGS, "test.bad", ("{n} {n:acteur|acteurs} et {m} {m:relation|relations} créés",
                                              "{n} {n:actor|actors} and {m} {m:relationship|relationships}"))
    assert _wrong("test.bad", "fr", 1) == _wrong("test.bad", "en", 1) == []
    monkeypatch.setitem(STRINGS, "test.bad", ("{n} {n:lien|liens} ont changé ; {m} relation", "{n} tie changed"))
    assert _wrong("test.bad", "fr", 1) == ["1 lien ont changé"]
    assert _wrong("test.bad", "fr", 2) == ["2 relation"]
    assert _wrong("test.bad", "en", 2) == ["2 tie changed"]


# -- articles and determiners before a count: "les 1 acteur" / "the first 1 row" -----------------

_BEFORE_ONE = re.compile(r"(?i)(?<![\w'’])(les|des|ces|aux|leurs|ses|tous|toutes|premiers|premières|"
                         r"the|these|those|all|both|their|first) 1(?![\d.,\u202f\u00a0])(?: [^\W\d_][\w'’-]*)?")


def _articles_before_one(key: str, lang: str) -> list[str]:
    """Where a plural article or determiner stands before a count set to 1 (a number the sentence
    writes itself, there whatever the counts, is left alone)."""
    said, other = _said(key, lang, 1), _said(key, lang, 2)
    return [m.group(0) for m in _BEFORE_ONE.finditer(said) if m.group(0) not in other]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_article_or_determiner_stays_plural_before_a_count_of_one(lang: str) -> None:
    wrong = {key: found for key in STRINGS if (found := _articles_before_one(key, lang))}
    assert not wrong, f"write the article inside the form, {{n:l'acteur|les {{n}} acteurs}}: {wrong}"


def test_an_article_agrees_with_its_count() -> None:
    assert t("chart.kinds.national", "fr", none=1) == "L'acteur sans Région (national) n'est pas dessiné."
    assert t("chart.kinds.national", "fr", none=3).startswith("Les 3 acteurs sans Région (nationaux) ne sont")
    assert t("paths.all", "fr", n=1) == "Afficher le chemin" and t("paths.all", "en", n=1) == "Show the path"
    assert t("paths.all", "fr", n=40) == "Afficher les 40 chemins" and t("paths.all", "en", n=40) == "Show all 40 paths"
    assert t("cli.query.truncated", "fr", cap=1, more=2).startswith("Résultat tronqué : la première ligne sur")
    assert t("cli.query.truncated", "en", cap=1, more=2).startswith("Result cut: the first row of at least 2")
    assert t("map.story_caption", "fr", n=1, kind="OPCO", partners=1, sectors=1).startswith(
        "Au centre, l'acteur du genre « OPCO » ; autour, 1 partenaire rangé selon la façon dont il travaille avec lui")


def test_the_article_scan_finds_a_plural_article_before_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(STRINGS, "test.bad", ("les {n} {n:acteur|acteurs} (codes 1 à 4)", "the first {n} {n:row|rows}"))
    assert _articles_before_one("test.bad", "fr") == ["les 1 acteur"]
    assert _articles_before_one("test.bad", "en") == ["first 1 row"]


# -- « de » before a name -------------------------------------------------------------------------
NAME_PLACEHOLDERS = ("opco", "actor", "branch", "name", "focus", "source", "target")


def test_de_before_a_name_is_elided_before_a_vowel():
    assert t("france.title_cfa_of", "fr", opco="AKTO") == "CFA partenaires d'AKTO, par Région"
    assert t("france.title_cfa_of", "fr", opco="Constructys") == "CFA partenaires de Constructys, par Région"
    assert t("cli.title.ego", "fr", actor="OPCO EP") == "Autour d'OPCO EP"
    assert t("cli.title.ego", "en", actor="OPCO EP") == "Around OPCO EP"
    assert t("reconcile.fix.attach", "fr", branch="Industries chimiques", opcos="France compétences") \
        == "Rattachement d'Industries chimiques à France compétences"


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_no_french_sentence_writes_de_before_a_name_as_is(key):
    """« de {opco} » reads « de AKTO » for half the OPCO: such a name is written ``{opco:de}``."""
    french = STRINGS[key][0]
    for name in NAME_PLACEHOLDERS:
        assert not re.search(rf"\bde \{{{name}\}}", french), key
