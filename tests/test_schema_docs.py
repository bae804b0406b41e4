"""The front-matter reference is made from the JSON Schemas, so it follows every change."""

import copy

from conftest import TIP

from handbook.site import generated

from handbook.authoring import schema_docs

from handbook.content import schemas
from handbook.content.loader import load_corpus


def test_registered_as_a_generated_page():
    assert schema_docs.front_matter_reference in generated.PRODUCERS


def test_every_key_of_every_type_with_required_flag_and_allowed_values(base_corpus):
    text = schema_docs.reference(base_corpus)
    for page_type in schemas.page_types().values():
        schema = schemas.schema(page_type.name)
        section = text.split(f"## {page_type.label} {{ #{page_type.name} }}")[1].split("\n## ")[0]
        for key in schema["properties"]:
            flag = "verplicht" if key in schema.get("required", ()) else "niet verplicht"
            assert f"- **`{key}`** ({flag}): " in section, (page_type.name, key)
        assert f"(../schemas/{page_type.schema_file})" in section
    assert "een van: `professionals`, `vrijwilligers`, `ouders`" in text
    assert "Let op: geef een ISBN ('isbn') of een webadres ('url') van de bron" in text
    assert "In de tekst staan altijd de koppen `## Doel`, `## Stappen`." in text


def test_examples_come_from_published_pages(base_corpus):
    text = schema_docs.reference(base_corpus)
    assert "`group_size: {min: 3, max: 8}`" in text and "`isbn: 978-90-5830-743-9`" in text
    assert "Schrijf een tip die nog concept is" not in text  # drafts are not examples


def test_follows_a_changed_schema(base_corpus, monkeypatch):
    raw = copy.deepcopy(schemas._raw())
    raw["tip.schema.json"]["properties"]["language"] = {"description": "De taal van de tip.", "enum": ["nl", "en"]}
    raw["tip.schema.json"]["required"].append("language")
    monkeypatch.setattr(schemas, "_raw", lambda: raw)
    schemas.page_types.cache_clear()
    try:
        assert "- **`language`** (verplicht): De taal van de tip. Waarde: een van: `nl`, `en`.\n" in schema_docs.reference(base_corpus)
    finally:
        monkeypatch.undo()
        schemas.page_types.cache_clear()


def test_describes_values_in_dutch():
    assert schema_docs.describe({"type": "integer", "minimum": 1900, "maximum": 2100}) == "heel getal van 1900 tot en met 2100"
    assert schema_docs.describe({"$ref": "common.schema.json#/$defs/updated"}) == "datum (JJJJ-MM-DD)"
    assert schema_docs.describe({"$ref": "common.schema.json#/$defs/range"}) == (
        "blok met `min`: heel getal, minstens 1, `max`: heel getal, minstens 1, `suggested` (niet verplicht): true of false"
    )


def test_links_to_the_generated_reference_pass_the_check(check_page):
    page = "---\ntitle: Gids\ndescription: Een gids voor bijdragers, met een beschrijving die lang genoeg is.\n---\n\n"
    check_page(page + "Zie [de sleutels](front-matter.md).\n", "bijdragen/gids.md")
    check_page(page + "Zie [de sleutels](niet-gemaakt.md).\n", "bijdragen/gids.md", problem1=(6, 5, "link"))


def test_the_guide_in_the_repository_links_to_it_and_passes():
    from conftest import REPO

    from handbook.check.runner import check_corpus

    corpus = load_corpus(REPO)
    guide = {p.path for p in corpus.pages if p.rel.startswith("bijdragen/")}
    assert {"content/bijdragen/index.md", "content/bijdragen/privacy.md"} <= guide
    assert "](front-matter.md)" in corpus.by_path["content/bijdragen/index.md"].body
    assert check_corpus(corpus, only=guide) == []
