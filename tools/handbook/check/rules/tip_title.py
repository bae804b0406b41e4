"""A tip's title is advice and starts with a verb: "Vraag ...", "Bied ...", "Nodig ... uit"
(the style guide, bijdragen/tip-toevoegen.md).

Whether the first word is a verb is asked of simplemma's Dutch dictionary: either the
word is an inflected form whose lemma is an infinitive ("geef" -> "geven"), or one of the
infinitives Dutch spelling makes from a stem ("stel" -> "stellen", "maak" -> "maken",
"kies" -> "kiezen") is a known infinitive. A few words where the dictionary's answer is
wrong for a title are decided in ``data/tip_title_words.yaml``, each with a reason. The
dictionary takes a second or two to load, so it is loaded only when a tip is checked and
its first word is not decided there; the check cache keeps the answer for unchanged tips.
A find is a warning: the rule is a reading aid, a person decides.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

import yaml

from handbook.content.problems import warning

ID = "tip-title"

_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "data", "tip_title_words.yaml")
_FIRST_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = "aeiou"


@lru_cache(maxsize=1)
def _decided() -> tuple[frozenset, frozenset]:
    with open(_FILE, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return frozenset(data.get("verbs") or ()), frozenset(data.get("not_verbs") or ())


def infinitives(stem: str):
    """The infinitives Dutch spelling makes from a verb stem (the imperative). Short stems
    such as 'ga' or 'zie' are left to the dictionary's lemma: 'zo' + 'n' would be 'zon'."""
    yield stem + "en"  # werk -> werken
    if len(stem) >= 3 and stem[-1] not in _VOWELS and stem[-2] in _VOWELS and stem[-3] not in _VOWELS:
        yield stem + stem[-1] + "en"  # stel -> stellen
    long_vowel = re.fullmatch(r"(.*)(aa|ee|oo|uu)([^aeiou])", stem)
    if long_vowel:
        base, vowel, last = long_vowel.groups()
        yield base + vowel[0] + last + "en"  # maak -> maken
        if last in "fs":
            yield base + vowel[0] + {"f": "v", "s": "z"}[last] + "en"  # geef -> geven, lees -> lezen
    if stem[-1:] in ("f", "s"):
        yield stem[:-1] + {"f": "v", "s": "z"}[stem[-1]] + "en"  # schrijf -> schrijven, kies -> kiezen


@lru_cache(maxsize=4096)
def is_verb(word: str) -> bool:
    word = word.casefold()
    verbs, not_verbs = _decided()
    if word in verbs:
        return True
    if word in not_verbs:
        return False
    import simplemma  # loaded only now: its Dutch dictionary is large

    lemma = simplemma.lemmatize(word, lang="nl")
    if lemma != word:
        # An inflected form: a verb if what it comes from looks like an infinitive ('geef' ->
        # 'geven', 'ga' -> 'gaan'; 'goede' -> 'goed' and 'kleine' -> 'klein' do not).
        return lemma.endswith(("en", "aan", "oen", "ien"))
    return any(
        simplemma.is_known(candidate, lang="nl") and simplemma.lemmatize(candidate, lang="nl") == candidate
        for candidate in infinitives(word)
    )


def check(page, corpus):
    if page.type != "tip":
        return
    title = page.meta.get("title")
    if not isinstance(title, str):
        return
    first = _FIRST_WORD.search(title)
    if first and not is_verb(first.group(0)):
        line, column = page.position(("title",))
        yield warning(
            page.path,
            line,
            column,
            f"een tip is een advies: begin de titel met een werkwoord, zoals 'Vraag', 'Bied' of 'Nodig ... uit'; "
            f"'{first.group(0)}' is geen werkwoord",
            ID,
        )
