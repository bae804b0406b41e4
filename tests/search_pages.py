"""Small handbooks for the index and search tests: valid pages written into tmp_path."""

from __future__ import annotations

from pathlib import Path

THEMES = {
    "opvoeden": "Opvoeden",
    "samen-leren": "Samen leren",
    "armoede": "Armoede",
}


def tip(title: str, body: str, themes=("opvoeden",), audience=("professionals",), status="published", related=()) -> str:
    related_line = f"related: [{', '.join(related)}]\n" if related else ""
    return (
        "---\n"
        f"title: {title}\n"
        f"description: Een tip over {title.lower()}, voor de tests van de zoekindex.\n"
        f"themes: [{', '.join(themes)}]\n"
        f"audience: [{', '.join(audience)}]\n"
        "sources: [bron-a]\n"
        f"{related_line}"
        "updated: 2024-05-01\n"
        f"status: {status}\n"
        "---\n\n"
        f"{body}\n"
    )


def theme(slug: str) -> str:
    return (
        "---\n"
        f"title: {THEMES[slug]}\n"
        f"description: Het thema {THEMES[slug].lower()}, voor de tests van de zoekindex.\n"
        "updated: 2024-05-01\n"
        "status: published\n"
        "---\n\n"
        f"Over {THEMES[slug].lower()}.\n"
    )


TIPS = {
    "gezinnen-steunen": tip("Gezinnen steunen", "Veel gezinnen in de wijk zoeken steun bij het opvoeden van hun kinderen."),
    "opvoedsteun": tip("Steun bij het opvoeden", "Opvoedondersteuning helpt moeders en vaders met kleine vragen."),
    "ouders-verbinden": tip("Ouders verbinden", "Een oudernetwerk groeit als moeders elkaar thuis opzoeken.", themes=("samen-leren",)),
    "nieuwe-ideeen": tip("Nieuwe ideeën ophalen", "Vraag bewoners naar hun ideeën voor de buurt.", audience=("vrijwilligers",)),
    "casus-bespreken": tip("Een casus bespreken", "Een casusbespreking in vaste stappen helpt het team.", themes=("samen-leren",)),
    "collega-vragen": tip("Vraag een collega", "Een collegiale consultatie geeft snel een tweede blik.", themes=("samen-leren", "opvoeden")),
    "laaggeletterde-ouders": tip("Let op taal", "Laaggeletterdheid komt vaker voor dan je denkt; gebruik gewone taal.", themes=("armoede",)),
    "zin-in-leren": tip("Zin in leren", "Wie zin heeft om te leren, komt graag naar een bijeenkomst.", themes=("samen-leren",)),
}


def write_handbook(root: Path, tips: dict[str, str] | None = None) -> Path:
    """A handbook with three themes and the given tips (default: TIPS)."""
    for slug in THEMES:
        write(root, f"themas/{slug}.md", theme(slug))
    for slug, text in (TIPS if tips is None else tips).items():
        write(root, f"tips/{slug}.md", text)
    return root


def write(root: Path, rel: str, text: str) -> Path:
    path = root / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
