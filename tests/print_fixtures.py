"""A small handbook for the print tests: one theme with a page of every type,
a long method (two sheets in a booklet, too long for a card at full size),
a draft, a theme without pages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import REPO, write_tree

LONG_STEPS = "\n".join(
    f"{n}. Stap {n}: de gespreksleider vraagt wie iets wil zeggen over wat er in de groep gebeurde, "
    "en de deelnemers nemen om de beurt het woord terwijl de notulist opschrijft wat opvalt."
    for n in range(1, 19)
)

PAGES = {
    "themas/werken-met-ouders.md": """\
        ---
        title: Werken met ouders
        description: Ouders als volwaardige partners in het werk met gezinnen in de wijk.
        updated: 2024-01-10
        status: published
        ---

        Over dit thema: ouders weten veel van hun eigen kinderen.
        """,
    "themas/empowerment.md": """\
        ---
        title: Empowerment
        description: Mensen versterken in wat ze zelf kunnen, in plaats van het over te nemen.
        updated: 2024-01-10
        status: published
        ---

        Nog geen pagina's.
        """,
    "bronnen/bron-boek.md": """\
        ---
        title: Een boek over ouders in de wijk
        description: Een bron voor de printtests, met een beschrijving die lang genoeg is.
        authors: [A. Auteur, B. Schrijver]
        year: 2016
        publisher: Uitgeverij Test
        isbn: 978-90-5830-743-9
        updated: 2024-01-10
        status: published
        ---

        Over de bron.
        """,
    "bronnen/bron-web.md": """\
        ---
        title: Een projectpagina!
        description: Een webbron voor de printtests, met een beschrijving die lang genoeg is.
        authors: [Onderzoeksbureau Test]
        year: onbekend
        publisher: Onderzoeksbureau Test
        url: https://voorbeeld.nl/project
        updated: 2024-01-10
        status: published
        ---

        Over de webbron.
        """,
    "wijken/wijk-a.md": """\
        ---
        title: Wijk A
        description: Een wijk voor de printtests, met een beschrijving die lang genoeg is.
        city: Teststad
        updated: 2024-01-10
        status: published
        ---

        Over wijk A.
        """,
    "methoden/kringgesprek.md": """\
        ---
        title: Kringgesprek
        description: Een gesprek in een kring waarin iedereen om de beurt vertelt wat hij of zij meemaakte.
        themes: [werken-met-ouders]
        audience: [professionals, ouders]
        sources: [bron-boek, bron-web]
        duration: {min: 45, max: 60}
        group_size: {min: 5, max: 10}
        roles:
          - name: Gespreksleider
            task: Geeft het woord en bewaakt de tijd.
          - name: Deelnemer
            task: Vertelt en luistert.
        preparation: [Iedere deelnemer denkt vooraf na over een moment uit de afgelopen week.]
        materials: [stoelen in een kring]
        updated: 2024-02-01
        status: published
        ---

        ## Doel

        Elkaar beter leren kennen en van elkaars ervaringen leren.
        Lees ook de [tip over koffie](../tips/koffie-eerst.md) en de [wijk](../wijken/wijk-a.md).

        ## Stappen

        1. Iedereen gaat in de kring zitten.
        2. De gespreksleider legt de regels uit.
        3. Om de beurt vertelt iedereen iets.
        4. Samen kijkt de groep terug.

        ![Een foto van een kring](https://voorbeeld.nl/kring.jpg)
        """,
    "methoden/lange-methode.md": """\
        ---
        title: Lange methode met veel stappen
        description: Een methode met zoveel stappen dat ze niet op een kaart van gewone grootte past.
        themes: [werken-met-ouders]
        audience: [professionals]
        sources: [bron-boek]
        duration: {min: 90, max: 120}
        group_size: {min: 6, max: 12}
        roles:
          - name: Gespreksleider
            task: Leidt het gesprek en let op de tijd.
          - name: Notulist
            task: Schrijft op wat opvalt.
        materials: []
        updated: 2024-02-01
        status: published
        ---

        ## Doel

        Laten zien hoe een lange methode op papier komt.

        ## Stappen

        """ + LONG_STEPS.replace("\n", "\n        ") + """

        ## Valkuilen

        """ + ("Te snel willen gaan is de grootste valkuil van deze methode. " * 30) + """
        """,
    "tips/koffie-eerst.md": """\
        ---
        title: Begin met koffie
        description: Een kop koffie maakt een bijeenkomst laagdrempelig, voordat het over de inhoud gaat.
        themes: [werken-met-ouders]
        audience: [vrijwilligers]
        sources: [bron-web]
        updated: 2025-03-14
        status: published
        ---

        Zet eerst koffie. Zie ook het [kringgesprek](../methoden/kringgesprek.md#stappen).
        """,
    "tips/nog-niet-af.md": """\
        ---
        title: Een tip in concept
        description: Deze tip is nog niet af en hoort in geen enkele print te staan.
        themes: [werken-met-ouders]
        audience: [ouders]
        sources: [bron-web]
        updated: 2026-01-01
        status: draft
        ---

        Nog niet af.
        """,
    "roadshows/roadshow-a.md": """\
        ---
        title: Roadshow in Wijk A
        description: Een themabijeenkomst in wijk A, georganiseerd door de deelnemers van het netwerk.
        themes: [werken-met-ouders]
        audience: [professionals, vrijwilligers]
        sources: [bron-web]
        neighbourhood: wijk-a
        date: 2023-10-05
        organisers: [het wijkteam]
        updated: 2024-01-10
        status: published
        ---

        ## Wat we leerden

        Dat ouders graag meedenken.
        """,
    "praktijken/praktijk-a.md": """\
        ---
        title: Praktijk in Wijk A
        description: Een ontmoetingsplek voor ouders in wijk A, met steun van professionals.
        themes: [werken-met-ouders]
        audience: [ouders]
        sources: [bron-boek]
        city: Teststad
        neighbourhoods: [wijk-a]
        organisations: [Stichting Test]
        period: 2019-2022
        updated: 2024-01-10
        status: published
        ---

        Ouders ontmoeten elkaar elke week.
        """,
}

SITE_URL = "https://handboek.example.org/"

THEME_TITLES = ["Kringgesprek", "Lange methode met veel stappen", "Begin met koffie", "Roadshow in Wijk A", "Praktijk in Wijk A"]


def make_handbook(root: Path) -> Path:
    write_tree(root, PAGES)
    # A published address: print leaves a local one (make serve's) off the paper.
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^site_url:.*$", f"site_url: {SITE_URL}", config)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root
