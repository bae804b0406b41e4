"""``handbook new``: a page per type from its template, keys from the schema, passing the check."""

import copy
import datetime

import pytest
from conftest import BASE_PAGES, write_tree

from handbook.authoring import new_page

from handbook.content import schemas
from handbook.cli import main
from handbook.content.loader import load_page

TODAY = datetime.date(2024, 5, 1)
TYPES = ["method", "tip", "roadshow", "practice", "theme", "source", "neighbourhood"]


@pytest.fixture
def root(tmp_path):
    write_tree(tmp_path, BASE_PAGES)
    return tmp_path


def test_slug_folds_diacritics():
    assert new_page.slugify("één wijk") == "een-wijk"
    assert new_page.slugify("Café 't Hoekje: ouders & kinderen!") == "cafe-t-hoekje-ouders-en-kinderen"
    assert new_page.slugify("  Ĳsselmonde  ") == "ijsselmonde"


def test_dutch_and_english_type_names():
    for word, name in [("methode", "method"), ("Tip", "tip"), ("roadshow", "roadshow"), ("praktijk", "practice"),
                       ("thema", "theme"), ("bron", "source"), ("wijk", "neighbourhood"), ("methoden", "method")]:
        assert new_page.resolve_type(word).name == name


@pytest.mark.parametrize("type_name", TYPES)
def test_every_type_makes_a_draft_that_passes_the_check(root, capsys, type_name):
    label = schemas.page_types()[type_name].label.lower()
    assert main(["--root", str(root), "new", label, f"Één nieuwe {label}"]) == 0
    rel = f"content/{schemas.page_types()[type_name].folder}/een-nieuwe-{label}.md"
    assert rel in capsys.readouterr().out
    assert main(["--root", str(root), "check"]) == 0, capsys.readouterr().out
    page, problems = load_page(root, root / rel)
    assert problems == [] and page.valid
    assert set(schemas.schema(type_name)["required"]) <= set(page.meta)
    assert page.meta["status"] == "draft" and page.title == f"Één nieuwe {label}"


def test_updated_is_the_given_day(root):
    made = new_page.plan(root, "tip", "Een tip voor vandaag", TODAY)
    assert "\nupdated: 2024-05-01\n" in made.text and made.rel == "content/tips/een-tip-voor-vandaag.md"


def test_templates_cover_the_schema():
    """Each template writes guidance for every required key and names no key the schema lacks."""
    for type_name in TYPES:
        template = new_page.read_template(new_page.template_text(type_name))
        schema = schemas.schema(type_name)
        assert set(template.snippets) <= set(schema["properties"]), type_name
        assert set(schema["required"]) <= set(template.snippets), type_name


def test_keys_follow_a_changed_schema(root, monkeypatch):
    """A required key the template does not know is still written, valid; a dropped key disappears."""
    raw = copy.deepcopy(schemas._raw())
    tip = raw["tip.schema.json"]
    tip["properties"]["language"] = {"description": "De taal van de tip.", "type": "string", "enum": ["nl", "en"]}
    tip["properties"]["minutes"] = {"type": "integer", "minimum": 5}
    tip["properties"].pop("audience")
    tip["required"] = [k for k in tip["required"] if k != "audience"] + ["language", "minutes"]
    for cached in (schemas.page_types, schemas.type_by_folder, schemas.validator, schemas._registry):
        cached.cache_clear()
    monkeypatch.setattr(schemas, "_raw", lambda: raw)
    try:
        made = new_page.plan(root, "tip", "Een tip na een schemawijziging", TODAY)
        made.path.parent.mkdir(parents=True, exist_ok=True)
        made.path.write_text(made.text, encoding="utf-8")
        page, problems = load_page(root, made.path)
        assert problems == [] and page.schema_errors == ()
        assert page.meta["language"] == "nl" and page.meta["minutes"] == 5 and "audience" not in page.meta
        assert "# De taal van de tip.\n# Kies uit: nl, en.\nlanguage: nl\n" in made.text
    finally:
        monkeypatch.undo()
        for cached in (schemas.page_types, schemas.type_by_folder, schemas.validator, schemas._registry):
            cached.cache_clear()


def test_required_sections_come_from_the_schema(root):
    page_type = schemas.page_types()["method"]
    text = new_page.render(page_type, "Een methode", new_page.loader.load_corpus(root), TODAY, template="---\ntitle: {{title}}\n---\nIntro.\n")
    assert "## Doel" in text and "## Stappen\n\n1. " in text


def test_slug_clash_in_any_folder_is_refused(root, capsys):
    assert main(["--root", str(root), "new", "tip", "Thema A"]) == 1
    err = capsys.readouterr().err
    assert "er is al een pagina met de naam 'thema-a': content/themas/thema-a.md" in err
    assert not (root / "content" / "tips" / "thema-a.md").exists()


def test_title_clash_is_refused(root, capsys):
    assert main(["--root", str(root), "new", "methode", "Methode A", "--slug", "andere-naam"]) == 1
    assert "de titel 'Methode A' staat al op content/methoden/methode-a.md" in capsys.readouterr().err


def test_unknown_type_gets_a_suggestion(root, capsys):
    assert main(["--root", str(root), "new", "metode", "Een methode"]) == 2
    err = capsys.readouterr().err
    assert "onbekend paginatype 'metode'; bedoelde je 'methode'?" in err


def test_titles_without_letters_or_too_short_are_refused(root, capsys):
    assert main(["--root", str(root), "new", "tip", "!!!!"]) == 1
    assert "--slug" in capsys.readouterr().err
    assert main(["--root", str(root), "new", "tip", "Ja"]) == 1
    assert "te kort" in capsys.readouterr().err


def test_titles_that_need_quotes_read_back_the_same(root):
    for title in ["Ja", "no", "2024-05-01 terugblik", "Tip #1: vraag het", "Ouders: samen sterk", "'t Hoekje"]:
        if len(title) < 3:
            continue
        made = new_page.plan(root, "tip", title, TODAY)
        made.path.parent.mkdir(parents=True, exist_ok=True)
        made.path.write_text(made.text, encoding="utf-8")
        page, problems = load_page(root, made.path)
        made.path.unlink()
        assert problems == [] and page.meta["title"] == title, made.text


def test_never_overwrites(root):
    new_page.create(root, "tip", "Een tip die er al is", TODAY)
    with pytest.raises(new_page.Refusal, match="al een pagina"):
        new_page.create(root, "tip", "Een tip die er al is", TODAY)
