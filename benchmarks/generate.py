"""Generate a synthetic, valid handbook of N pages, for benchmarks.

The corpus has every page type in its own folder (sections, never a flat
navigation), Dutch text built from the vocabulary of the field (with
inflections and compounds), themes, sources and cross-references. The same
seed gives the same corpus, byte for byte.

    python benchmarks/generate.py 2000 /tmp/corpus-2000

OUTDIR becomes a handbook root: OUTDIR/content/..., a copy of the repository's
mkdocs.yml (and overrides/), and OUTDIR/corpus.json describing what was made
(pages per type, pages per theme) for the benchmark runner.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------- vocabulary
# Nouns: (singular, plural, article of the singular). Compounds are built from
# FIRST_PARTS + HEADS below, as Dutch does (wijk + team -> wijkteam).
NOUNS = [
    ("gezin", "gezinnen", "het"),
    ("ouder", "ouders", "de"),
    ("moeder", "moeders", "de"),
    ("vader", "vaders", "de"),
    ("kind", "kinderen", "het"),
    ("jongere", "jongeren", "de"),
    ("wijkteam", "wijkteams", "het"),
    ("vrijwilliger", "vrijwilligers", "de"),
    ("professional", "professionals", "de"),
    ("casusbespreking", "casusbesprekingen", "de"),
    ("bijeenkomst", "bijeenkomsten", "de"),
    ("buurthuis", "buurthuizen", "het"),
    ("opvoedvraag", "opvoedvragen", "de"),
    ("netwerk", "netwerken", "het"),
    ("leernetwerk", "leernetwerken", "het"),
    ("huiskamer", "huiskamers", "de"),
    ("gesprek", "gesprekken", "het"),
    ("ervaring", "ervaringen", "de"),
    ("groep", "groepen", "de"),
    ("buurt", "buurten", "de"),
    ("school", "scholen", "de"),
    ("consulent", "consulenten", "de"),
    ("sleutelfiguur", "sleutelfiguren", "de"),
    ("migrantenorganisatie", "migrantenorganisaties", "de"),
    ("ontmoetingsplek", "ontmoetingsplekken", "de"),
    ("opvoedondersteuning", "opvoedondersteuningen", "de"),
    ("gespreksleider", "gespreksleiders", "de"),
    ("inbrenger", "inbrengers", "de"),
    ("voorval", "voorvallen", "het"),
    ("vraag", "vragen", "de"),
    ("afspraak", "afspraken", "de"),
    ("werkvorm", "werkvormen", "de"),
    ("zorg", "zorgen", "de"),
    ("collega", "collega's", "de"),
    ("oudercafé", "oudercafés", "het"),
    ("leergemeenschap", "leergemeenschappen", "de"),
    ("wijkbewoner", "wijkbewoners", "de"),
    ("thema", "thema's", "het"),
    ("verhaal", "verhalen", "het"),
    ("signaal", "signalen", "het"),
]
FIRST_PARTS = ["wijk", "buurt", "ouder", "gezins", "opvoed", "vrijwilligers", "koffie", "leer", "jeugd", "moeder", "school", "taal"]
HEADS = [
    ("ochtend", "ochtenden", "de"),
    ("avond", "avonden", "de"),
    ("kring", "kringen", "de"),
    ("gesprek", "gesprekken", "het"),
    ("netwerk", "netwerken", "het"),
    ("team", "teams", "het"),
    ("bijeenkomst", "bijeenkomsten", "de"),
    ("coach", "coaches", "de"),
    ("plan", "plannen", "het"),
    ("tafel", "tafels", "de"),
]
# Adjectives: (base, inflected).
ADJECTIVES = [
    ("klein", "kleine"),
    ("vast", "vaste"),
    ("open", "open"),
    ("praktisch", "praktische"),
    ("laagdrempelig", "laagdrempelige"),
    ("kort", "korte"),
    ("nieuw", "nieuwe"),
    ("eigen", "eigen"),
    ("gezamenlijk", "gezamenlijke"),
    ("informeel", "informele"),
    ("warm", "warme"),
    ("lastig", "lastige"),
    ("concreet", "concrete"),
    ("veilig", "veilige"),
]
# Verbs: (infinitive = plural present, singular present, past participle).
VERBS = [
    ("bespreken", "bespreekt", "besproken"),
    ("ondersteunen", "ondersteunt", "ondersteund"),
    ("organiseren", "organiseert", "georganiseerd"),
    ("delen", "deelt", "gedeeld"),
    ("versterken", "versterkt", "versterkt"),
    ("betrekken", "betrekt", "betrokken"),
    ("bezoeken", "bezoekt", "bezocht"),
    ("onderzoeken", "onderzoekt", "onderzocht"),
    ("verkennen", "verkent", "verkend"),
    ("begeleiden", "begeleidt", "begeleid"),
    ("bemoedigen", "bemoedigt", "bemoedigd"),
    ("benoemen", "benoemt", "benoemd"),
    ("verzamelen", "verzamelt", "verzameld"),
    ("herkennen", "herkent", "herkend"),
]
# Subjects: (text, plural?).
SUBJECTS = [
    ("de gespreksleider", False),
    ("een vrijwilliger", False),
    ("de consulent", False),
    ("het wijkteam", False),
    ("een moeder uit de buurt", False),
    ("de groep", False),
    ("de inbrenger", False),
    ("de ouders", True),
    ("de vrijwilligers", True),
    ("de professionals", True),
    ("de deelnemers", True),
    ("sleutelfiguren uit de wijk", True),
    ("de collega's van het wijkteam", True),
    ("ouders en vrijwilligers", True),
]
PLACES = ["het buurthuis", "de huiskamer", "de school", "het oudercafé", "de bibliotheek", "het wijkcentrum", "de speeltuin", "de moskee", "het consultatiebureau"]
MOMENTS = ["na afloop", "aan het begin", "elke maand", "in de eerste weken", "tijdens de pauze", "bij de koffie", "aan het eind van de bijeenkomst"]
CONNECTORS = ["Daarna", "Zo", "Vaak", "Soms", "Meestal", "Daarom", "Bovendien", "Toch"]

CITIES = ["Rotterdam", "Zwolle", "Deventer", "Groningen", "Veendam", "Hoogeveen", "Utrecht", "Arnhem", "Tilburg", "Almere", "Leeuwarden", "Enschede"]
NB_PREFIXES = ["Noord", "Oost", "Zuid", "West", "Oude", "Nieuwe", "Hoge", "Lage", "Groene", "Brede", "Lange", "Korte"]
NB_ROOTS = ["veld", "hof", "dijk", "wijk", "kamp", "weide", "haven", "polder", "beek", "berg", "laan", "akker", "brink", "es", "hout"]
THEME_WORDS = [
    "Samen leren", "Casusbespreking", "Opvoedondersteuning", "Vrijwilligers", "Ontmoeting", "Sleutelfiguren",
    "Netwerken van ouders", "Samenwerking in de wijk", "Laagdrempelig werken", "Vraaggericht werken",
    "Groepsdynamiek", "Informele zorg", "Taal en opvoeden", "Jongeren", "Ouderbetrokkenheid", "Signaleren",
    "Huiskamerbijeenkomsten", "Leergemeenschappen", "Diversiteit", "Gezinnen versterken",
]
ORGANISATIONS = ["het wijkteam", "de gemeente", "een migrantenorganisatie", "het buurthuis", "de bibliotheek", "een welzijnsorganisatie", "een hogeschool", "het consultatiebureau", "een vrijwilligerscentrale"]
PUBLISHERS = ["Onderzoeksinstituut IVO", "Verwey-Jonker Instituut", "Hanzehogeschool Groningen", "Hogeschool Windesheim", "Nederlands Jeugdinstituut", "Movisie"]
FIRST_NAMES = ["Anna", "Fatima", "Mehmet", "Sanne", "Kees", "Yara", "Joost", "Ilse", "Samir", "Marieke", "Dewi", "Bram"]
LAST_NAMES = ["de Vries", "Jansen", "Bakker", "El Amrani", "Yilmaz", "van Dijk", "Visser", "Smit", "de Boer", "Mulder"]
MATERIALS = ["flip-over", "stiften", "koffie en thee", "post-its", "een timer", "naamkaartjes", "een groot vel papier", "foto's uit de wijk"]
ROLE_NAMES = [("Inbrenger", "Vertelt kort over een voorval uit het eigen werk."), ("Gespreksleider", "Bewaakt de stappen en de tijd."),
              ("Notulist", "Schrijft op wat de groep leert."), ("Gastvrouw", "Ontvangt de deelnemers en zorgt voor koffie."),
              ("Tolk", "Vertaalt waar dat nodig is, zodat iedereen mee kan praten.")]
AUDIENCE = ["professionals", "vrijwilligers", "ouders", "trainers", "beleidsmakers", "onderzoekers"]
TITLE_OPENERS = {
    "method": ["De {c}methode", "Werken met {dc}", "{Ic}", "{C} in {n} stappen", "{Dc} voor {p}"],
    "tip": ["Maak {a_e} afspraken met {p}", "Begin met {ic}", "Vraag {p} naar hun {c}", "Houd {dc} {a}", "Nodig {p} uit voor {dc}"],
    "roadshow": ["Roadshow over {c} in {nb}", "Roadshow in {nb} over {t}", "Themabijeenkomst over {c} in {nb}"],
    "practice": ["{C} {nb}", "{Dc} van {nb}", "{C} voor {p} in {nb}"],
}

# Steps of a method: imperative sentences with an object.
STEP_VERBS = ["Bespreek", "Verzamel", "Benoem", "Deel", "Onderzoek", "Kies", "Noteer", "Vat samen", "Vraag door op", "Sluit af met"]

TODAY_BOUND = datetime.date(2025, 12, 31)  # every date lies before this: no future-date warnings


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Writer:
    """Dutch sentences from the vocabulary; every choice goes through one seeded Random."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.c = rng.choice

    def compound(self) -> tuple[str, str, str]:
        head = self.c(HEADS)
        first = self.c(FIRST_PARTS)
        return first + head[0], first + head[1], head[2]

    def noun(self) -> tuple[str, str, str]:
        return self.compound() if self.rng.random() < 0.3 else self.c(NOUNS)

    def object_number(self) -> tuple[str, bool]:
        """A noun phrase and whether it is plural."""
        singular, plural, article = self.noun()
        base, inflected = self.c(ADJECTIVES)
        roll = self.rng.random()
        if roll < 0.35:
            return f"de {inflected} {plural}", True
        if roll < 0.7:
            return f"{article} {inflected} {singular}", False
        if roll < 0.85:
            return self.indefinite(singular, article, base, inflected), False
        return f"{article} {singular}", False

    @staticmethod
    def indefinite(singular: str, article: str, base: str, inflected: str) -> str:
        # "een" before a het-word keeps the adjective uninflected: een open gesprek, een klein kind.
        return f"een {base if article == 'het' else inflected} {singular}"

    def object(self) -> str:
        return self.object_number()[0]

    def subject(self) -> tuple[str, bool]:
        return self.c(SUBJECTS)

    def sentence(self) -> str:
        subject, plural = self.subject()
        inf, sg, pp = self.c(VERBS)
        verb = inf if plural else sg
        obj = self.object()
        kind = self.rng.randrange(8)
        if kind == 0:
            text = f"{subject} {verb} {obj}."
        elif kind == 1:
            text = f"in {self.c(PLACES)} {verb} {subject} {obj}."
        elif kind == 2:
            # A subordinate clause sends the verb to the end.
            text = f"het helpt als {subject} {obj} {verb}."
        elif kind == 3:
            obj, many = self.object_number()
            text = f"{obj} {'worden' if many else 'wordt'} {self.c(MOMENTS)} {pp} door {subject}."
        elif kind == 4:
            text = f"{self.c(MOMENTS)} {verb} {subject} samen met {self.c(SUBJECTS)[0]} {obj}."
        elif kind == 5:
            text = f"{self.c(CONNECTORS).lower()} {verb} {subject} {obj} in {self.c(PLACES)}."
        elif kind == 6:
            text = f"wie {obj} wil {inf}, begint bij {self.c(SUBJECTS)[0]}."
        else:
            a, b = self.object(), self.object()
            text = f"{subject} {verb} {a}, en daarna {b}."
        return text[0].upper() + text[1:]

    def paragraph(self, low: int = 3, high: int = 6) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def step(self) -> str:
        return f"{self.c(STEP_VERBS)} {self.object()}."

    def words(self, template: str, neighbourhood: str = "", theme: str = "") -> str:
        c_singular, _, article = self.noun()
        base, inflected = self.c(ADJECTIVES)
        definite = f"{article} {c_singular}"
        indefinite = self.indefinite(c_singular, article, base, inflected)
        return template.format(
            c=c_singular,
            C=c_singular[0].upper() + c_singular[1:],
            dc=definite,
            Dc=definite[0].upper() + definite[1:],
            ic=indefinite,
            Ic=indefinite[0].upper() + indefinite[1:],
            a=self.c(ADJECTIVES)[0],
            a_e=self.c(ADJECTIVES)[1],
            p=self.c(["ouders", "vrijwilligers", "professionals", "jongeren", "moeders", "vaders", "collega's"]),
            n=self.rng.randint(3, 7),
            nb=neighbourhood,
            t=theme.lower(),
        )


@dataclass
class Plan:
    type: str
    folder: str
    slug: str
    title: str
    meta: dict = field(default_factory=dict)
    body: str = ""


FOLDERS = {
    "method": "methoden",
    "tip": "tips",
    "roadshow": "roadshows",
    "practice": "praktijken",
    "theme": "themas",
    "source": "bronnen",
    "neighbourhood": "wijken",
}


def counts_for(n: int) -> dict[str, int]:
    """Pages per type for a corpus of n pages (two of them are free pages: home and guide)."""
    themes = max(10, n // 100)
    sources = max(10, n // 50)
    neighbourhoods = max(10, n // 100)
    rest = max(4, n - 2 - themes - sources - neighbourhoods)
    methods = rest * 25 // 100
    roadshows = rest * 20 // 100
    practices = rest * 20 // 100
    tips = rest - methods - roadshows - practices
    return {
        "method": methods,
        "tip": tips,
        "roadshow": roadshows,
        "practice": practices,
        "theme": themes,
        "source": sources,
        "neighbourhood": neighbourhoods,
    }


def _isbn13(rng: random.Random) -> str:
    digits = [9, 7, 8, 9, 0] + [rng.randrange(10) for _ in range(7)]
    total = sum(d * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
    digits.append((10 - total % 10) % 10)
    s = "".join(map(str, digits))
    return f"{s[:3]}-{s[3:5]}-{s[5:9]}-{s[9:12]}-{s[12]}"


def _date(rng: random.Random, start: int = 2015) -> datetime.date:
    first = datetime.date(start, 1, 1)
    return first + datetime.timedelta(days=rng.randrange((TODAY_BOUND - first).days))


def _description(w: Writer, first: str) -> str:
    text = f"{first} {w.sentence()}"
    while len(text) < 40:
        text += " " + w.sentence()
    if len(text) <= 290:
        return text
    return text[:290].rsplit(" ", 1)[0].rstrip(",") + "."


class Names:
    """Unique slugs and titles across the whole corpus (the unique rule demands both)."""

    def __init__(self):
        self.slugs: set[str] = set()
        self.titles: set[str] = set()

    def claim(self, title: str) -> tuple[str, str]:
        title = title[:80].strip()
        base, n = title, 1
        while slugify(title) in self.slugs or title.casefold() in self.titles:
            n += 1
            title = f"{base} ({n})"
        self.slugs.add(slugify(title))
        self.titles.add(title.casefold())
        return slugify(title), title


def _weighted_themes(rng: random.Random, themes: list[Plan], k: int) -> list[str]:
    # A few big themes and many small ones, as in a real handbook (Zipf-like weights).
    weights = [1 / (i + 1) for i in range(len(themes))]
    chosen: list[str] = []
    while len(chosen) < k:
        slug = rng.choices(themes, weights)[0].slug
        if slug not in chosen:
            chosen.append(slug)
    return chosen


def plan_corpus(n: int, seed: int = 0) -> list[Plan]:
    rng = random.Random(seed)
    w = Writer(rng)
    names = Names()
    counts = counts_for(n)
    plans: dict[str, list[Plan]] = {t: [] for t in FOLDERS}

    # Themes, neighbourhoods and sources first: the other pages refer to them.
    for i in range(counts["theme"]):
        base = THEME_WORDS[i % len(THEME_WORDS)]
        title = base if i < len(THEME_WORDS) else f"{base}: {w.noun()[1]}"
        slug, title = names.claim(title)
        plans["theme"].append(Plan("theme", "themas", slug, title))
    for i in range(counts["neighbourhood"]):
        title = rng.choice(NB_PREFIXES) + rng.choice(NB_ROOTS)
        slug, title = names.claim(title)
        plans["neighbourhood"].append(Plan("neighbourhood", "wijken", slug, title, {"city": rng.choice(CITIES)}))
    for i in range(counts["source"]):
        noun = w.noun()
        title = f"{noun[1][0].upper()}{noun[1][1:]} en {rng.choice(NOUNS)[1]} in de wijk"
        slug, title = names.claim(title)
        plans["source"].append(Plan("source", "bronnen", slug, title))

    theme_slugs = [p.slug for p in plans["theme"]]
    for type_name in ("method", "tip", "roadshow", "practice"):
        for i in range(counts[type_name]):
            nb = rng.choice(plans["neighbourhood"])
            theme_title = rng.choice(plans["theme"]).title
            title = w.words(rng.choice(TITLE_OPENERS[type_name]), nb.title, theme_title)
            title = title[0].upper() + title[1:]
            slug, title = names.claim(title)
            plans[type_name].append(Plan(type_name, FOLDERS[type_name], slug, title, {"_nb": nb}))

    everything = [p for group in plans.values() for p in group]
    # About one content page in fifty is a draft; nothing points at drafts.
    drafts = {id(p) for t in ("method", "tip") for p in plans[t] if rng.random() < 0.02}
    referable = [p for p in everything if id(p) not in drafts]

    for p in everything:
        status = "draft" if id(p) in drafts else "published"
        fill = _FILLERS[p.type]
        fill(p, w, rng, plans, referable, theme_slugs, status)
    return [p for group in plans.values() for p in group]


def _related(rng: random.Random, page: Plan, referable: list[Plan], low: int, high: int) -> list[str]:
    out: list[str] = []
    for _ in range(rng.randint(low, high)):
        other = rng.choice(referable)
        if other.slug != page.slug and other.slug not in out:
            out.append(other.slug)
    return out


def _link(page: Plan, other: Plan) -> str:
    return f"[{other.title}](../{other.folder}/{other.slug}.md)"


def _common(p: Plan, w: Writer, rng: random.Random, plans, referable, theme_slugs, status, first: str) -> dict:
    meta = {"title": p.title, "description": _description(w, first)}
    if p.type in ("method", "tip", "roadshow", "practice"):
        meta["themes"] = _weighted_themes(rng, plans["theme"], rng.randint(1, 3))
        meta["audience"] = rng.sample(AUDIENCE, rng.randint(1, 3))
    if p.type in ("method", "tip", "practice", "roadshow"):
        meta["sources"] = [s.slug for s in rng.sample(plans["source"], rng.randint(1, 2))]
    related = _related(rng, p, referable, 0 if p.type in ("source", "neighbourhood", "theme") else 1, 4)
    if related:
        meta["related"] = related
    return meta


def _tail(meta: dict, rng: random.Random, status: str) -> dict:
    meta["updated"] = _date(rng, 2019)
    meta["status"] = status
    return meta


def _see_also(p: Plan, rng: random.Random, referable: list[Plan]) -> str:
    others = [o for o in rng.sample(referable, 2) if o.slug != p.slug]
    if not others:
        return ""
    return "Lees ook " + " en ".join(_link(p, o) for o in others) + "."


def _fill_method(p, w, rng, plans, referable, theme_slugs, status):
    meta = _common(p, w, rng, plans, referable, theme_slugs, status, "Een werkvorm waarin de groep samen leert.")
    low = rng.choice([30, 45, 60, 90])
    size = rng.randint(3, 8)
    meta["duration"] = {"min": low, "max": low + rng.choice([15, 30, 60])}
    meta["group_size"] = {"min": size, "max": size + rng.randint(2, 10)}
    meta["roles"] = [{"name": n, "task": t} for n, t in rng.sample(ROLE_NAMES, rng.randint(1, 3))]
    meta["materials"] = rng.sample(MATERIALS, rng.randint(0, 3))
    p.meta = _tail(meta, rng, status)
    steps = "\n".join(f"{i}. {w.step()} {w.sentence()}" for i in range(1, rng.randint(4, 8)))
    p.body = (
        f"## Doel\n\n{w.paragraph()}\n\n## Stappen\n\n{steps}\n\n"
        f"## Tips voor de gespreksleider\n\n{w.paragraph()}\n\n- {w.sentence()}\n- {w.sentence()}\n\n"
        f"## Wat het oplevert\n\n{w.paragraph(4, 8)} {_see_also(p, rng, referable)}\n"
    )


def _fill_tip(p, w, rng, plans, referable, theme_slugs, status):
    meta = _common(p, w, rng, plans, referable, theme_slugs, status, "Een praktische tip.")
    p.meta = _tail(meta, rng, status)
    p.body = f"{w.paragraph(3, 5)}\n\n{w.paragraph(2, 4)} {_see_also(p, rng, referable)}\n"


def _fill_roadshow(p, w, rng, plans, referable, theme_slugs, status):
    meta = _common(p, w, rng, plans, referable, theme_slugs, status, "Verslag van een themabijeenkomst in de wijk.")
    meta["neighbourhood"] = p.meta["_nb"].slug
    meta["date"] = _date(rng, 2016) if rng.random() < 0.85 else "onbekend"
    meta["organisers"] = rng.sample(ORGANISATIONS, rng.randint(1, 3))
    p.meta = _tail(meta, rng, status)
    learned = "\n".join(f"- {w.sentence()}" for _ in range(rng.randint(3, 6)))
    p.body = (
        f"## Opzet\n\n{w.paragraph()}\n\n## Wat we leerden\n\n{learned}\n\n"
        f"## Vervolg\n\n{w.paragraph(2, 4)} {_see_also(p, rng, referable)}\n"
    )


def _fill_practice(p, w, rng, plans, referable, theme_slugs, status):
    nb = p.meta["_nb"]
    meta = _common(p, w, rng, plans, referable, theme_slugs, status, f"Een praktijk in {nb.title}.")
    meta["city"] = nb.meta["city"]
    meta["neighbourhoods"] = [nb.slug]
    meta["organisations"] = rng.sample(ORGANISATIONS, rng.randint(1, 3))
    start = rng.randint(2010, 2023)
    meta["period"] = rng.choice([str(start), f"{start}-{start + rng.randint(1, 3)}", f"{start}-heden", "onbekend"])
    p.meta = _tail(meta, rng, status)
    p.body = (
        f"## Aanpak\n\n{w.paragraph(4, 7)}\n\n## Wat werkt\n\n{w.paragraph()}\n\n"
        f"## Wat lastig is\n\n{w.paragraph(2, 4)} {_see_also(p, rng, referable)}\n"
    )


def _fill_theme(p, w, rng, plans, referable, theme_slugs, status):
    meta = _common(p, w, rng, plans, referable, theme_slugs, "published", f"Alles over {p.title.lower()}.")
    p.meta = _tail(meta, rng, "published")
    p.body = f"{w.paragraph(3, 5)}\n\n{w.paragraph(2, 4)}\n"


def _fill_source(p, w, rng, plans, referable, theme_slugs, status):
    meta = _common(p, w, rng, plans, referable, theme_slugs, "published", "Een publicatie over het werk in de wijk.")
    meta["themes"] = _weighted_themes(rng, plans["theme"], rng.randint(1, 2))
    meta["authors"] = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(rng.randint(1, 3))]
    meta["authors"] = list(dict.fromkeys(meta["authors"]))
    meta["year"] = rng.randint(1995, 2024) if rng.random() < 0.9 else "onbekend"
    meta["publisher"] = rng.choice(PUBLISHERS)
    if rng.random() < 0.5:
        meta["isbn"] = _isbn13(rng)
    else:
        meta["url"] = f"https://example.org/publicaties/{p.slug}"
    p.meta = _tail(meta, rng, "published")
    p.body = f"{w.paragraph(2, 4)}\n"


def _fill_neighbourhood(p, w, rng, plans, referable, theme_slugs, status):
    city = p.meta["city"]
    meta = _common(p, w, rng, plans, referable, theme_slugs, "published", f"Een wijk in {city}.")
    meta["city"] = city
    p.meta = _tail(meta, rng, "published")
    p.body = f"{p.title} is een wijk in {city}. {w.paragraph(2, 4)}\n"


_FILLERS = {
    "method": _fill_method,
    "tip": _fill_tip,
    "roadshow": _fill_roadshow,
    "practice": _fill_practice,
    "theme": _fill_theme,
    "source": _fill_source,
    "neighbourhood": _fill_neighbourhood,
}

HOME = """---
title: Synthetisch handboek
description: Een gegenereerd handboek om te meten hoe snel controleren, zoeken, bouwen en printen gaan.
---

# Synthetisch handboek

Dit handboek is gegenereerd voor metingen. De tekst is willekeurig samengesteld en zegt niets over echte wijken.
"""


# The handbook's generated front-matter reference links to the contributor guide,
# so a handbook root has one; the benchmark corpus carries a short one.
GUIDE = """---
title: Zelf bijdragen
description: Hoe je een methode, tip of verslag toevoegt aan dit gegenereerde handboek.
---

# Zelf bijdragen

Schrijf een pagina in Markdown, met front-matter bovenaan, en stuur die in als pull request.
"""


def render(plan: Plan) -> str:
    meta = {k: v for k, v in plan.meta.items() if not k.startswith("_")}
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None, width=10_000)
    return f"---\n{head}---\n\n{plan.body}"


def generate_corpus(out_dir: Path, n: int, seed: int = 0) -> Path:
    """Write a handbook root of ``n`` pages into ``out_dir`` (emptied first) and return it."""
    out_dir = Path(out_dir)
    content = out_dir / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    plans = plan_corpus(n, seed)
    (content / "index.md").write_text(HOME, encoding="utf-8")
    (content / "bijdragen").mkdir()
    (content / "bijdragen" / "index.md").write_text(GUIDE, encoding="utf-8")
    for folder in FOLDERS.values():
        (content / folder).mkdir()
    for plan in plans:
        (content / plan.folder / f"{plan.slug}.md").write_text(render(plan), encoding="utf-8")
    shutil.copyfile(REPO / "mkdocs.yml", out_dir / "mkdocs.yml")
    if (REPO / "overrides").is_dir():
        shutil.rmtree(out_dir / "overrides", ignore_errors=True)
        shutil.copytree(REPO / "overrides", out_dir / "overrides")
    per_theme: dict[str, int] = {}
    for plan in plans:
        if plan.meta.get("status") == "published":
            for slug in plan.meta.get("themes", []) if plan.type != "source" else []:
                per_theme[slug] = per_theme.get(slug, 0) + 1
    per_type: dict[str, int] = {}
    for plan in plans:
        per_type[plan.type] = per_type.get(plan.type, 0) + 1
    manifest = {"pages": len(plans) + 2, "seed": seed, "per_type": per_type, "pages_per_theme": per_theme}
    (out_dir / "corpus.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic handbook of N pages.")
    parser.add_argument("n", type=int, help="number of pages")
    parser.add_argument("out_dir", type=Path, help="the handbook root to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.n < 20:
        parser.error("N must be at least 20 (one page of every type, plus themes and sources)")
    root = generate_corpus(args.out_dir, args.n, args.seed)
    print(f"{args.n} pages in {root}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
