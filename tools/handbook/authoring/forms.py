"""The GitHub issue forms for contributions, generated from the JSON Schemas and the content.

One form per page type that people write (tip, method, roadshow, practice) and one for a
correction. A form's questions are the type's keys, in schema order, with the Dutch label
and help of each key's ``x-form``; choices (themes, sources, neighbourhoods, audience, target
groups) come from the content and the schemas, so a form cannot offer what ``handbook check``
refuses. Keys the handbook fills itself (status, updated, related) are not asked. The body's
required sections become text fields of their own; other types get one text field.

``handbook forms`` writes them to ``.github/ISSUE_TEMPLATE/``; a test fails when a committed
form differs from the generated one. ``from_issue`` reads the answers back by the same spec.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.content import display, schemas

FORM_DIR = ".github/ISSUE_TEMPLATE"
CONTRIBUTION_LABEL = "bijdrage"
# Page types a contributor can propose with a form, and the form's file name.
FORM_FILES = {"tip": "nieuwe-tip.yml", "method": "nieuwe-methode.yml", "roadshow": "nieuwe-roadshow.yml", "practice": "nieuwe-praktijk.yml"}
CORRECTION_FILE = "correctie.yml"
ASKED_BY_HANDBOOK = {"status", "updated", "related"}  # filled in by from-issue or by an editor
BODY_ID = "tekst"
PRIVACY_ID = "privacy"
PRIVACY_TEXT = (
    "Er staan geen namen, adressen, telefoonnummers, geboortedata of andere gegevens in waaraan je een gezin "
    "of persoon kunt herkennen."
)
NO_ANSWER = "_No response_"  # what GitHub writes for an empty field


@dataclass(frozen=True)
class Field:
    """One question of a form: a front-matter key, a body section, or the privacy check."""

    id: str  # the key, 'sectie-<n>', 'tekst' or 'privacy'
    kind: str  # input | textarea | dropdown | checkboxes
    label: str
    help: str = ""
    required: bool = False
    multiple: bool = False
    options: tuple[tuple[str, str], ...] = ()  # (value, label) for dropdowns
    key: str = ""  # the front-matter key it fills
    shape: str = "text"  # text | list | lines | range | roles | slug | slugs
    section: str = ""  # the body heading it fills


def _choices(key: str, sub: dict, corpus) -> tuple[tuple[str, str], ...]:
    """The allowed values of a key with Dutch labels: pages of the content, or the schema's enum."""
    target = schemas.TARGETS.get(key)
    if target:
        pages = sorted(corpus.of_type(target), key=lambda p: p.title.casefold())
        return tuple((p.slug, p.title) for p in pages)
    enum = sub.get("enum") or schemas.resolve(sub.get("items", {})).get("enum")
    if not enum:
        return ()
    labels = dict(display.AUDIENCE_LABELS) if key == "audience" else display.target_group_labels()
    return tuple((value, labels.get(value, value)) for value in enum)


def _shape(key: str, sub: dict) -> str:
    if key in schemas.TARGETS:
        return "slugs" if sub.get("type") == "array" else "slug"
    if sub.get("type") == "array":
        items = schemas.resolve(sub.get("items", {}))
        if items.get("type") == "object":
            return "roles"
        return "list" if items.get("enum") else "lines"
    if sub.get("type") == "object" and "min" in sub.get("properties", {}):
        return "range"
    return "text"


def fields(type_name: str, corpus) -> list[Field]:
    """The questions of a type's form, in the order of its schema."""
    schema = schemas.schema(type_name)
    required = set(schema.get("required", ()))
    found = []
    for key, raw in schema["properties"].items():
        if key in ASKED_BY_HANDBOOK:
            continue
        sub = schemas.resolve(raw)
        words = raw.get("x-form") or sub.get("x-form") or {}
        label = words.get("label") or key
        help_text = words.get("help") or sub.get("description", "")
        shape = _shape(key, sub)
        options = _choices(key, sub, corpus)
        must = key in required and not (shape in ("slugs", "list", "lines") and not sub.get("minItems"))
        if options:
            found.append(Field(key, "dropdown", label, help_text, must, shape in ("slugs", "list"), options, key, shape))
        elif shape in ("lines", "roles") or key == "description":
            found.append(Field(key, "textarea", label, help_text, must, key=key, shape=shape))
        else:
            found.append(Field(key, "input", label, help_text, must, key=key, shape=shape))
    page_type = schemas.page_types()[type_name]
    if page_type.required_sections:
        for number, heading in enumerate(page_type.required_sections, 1):
            numbered = heading in page_type.numbered_sections
            help_text = "Eén stap per regel." if numbered else ""
            found.append(Field(f"sectie-{number}", "textarea", heading, help_text, True, section=heading))
    found.append(
        Field(
            BODY_ID,
            "textarea",
            "Tekst" if not page_type.required_sections else "Wat wil je nog meer vertellen?",
            "Vertel in gewone woorden wat je doet en hoe het ging. Noem de wijk of de stad, nooit namen of adressen van gezinnen.",
            not page_type.required_sections,
        )
    )
    found.append(Field(PRIVACY_ID, "checkboxes", "Privacy", "", True))
    return found


def _element(field: Field) -> dict:
    attributes: dict = {"label": field.label}
    if field.help:
        attributes["description"] = field.help
    element: dict = {"type": field.kind, "id": field.id, "attributes": attributes}
    if field.kind == "dropdown":
        attributes["multiple"] = field.multiple
        attributes["options"] = [label for _, label in field.options]
    if field.kind == "checkboxes":
        attributes["options"] = [{"label": PRIVACY_TEXT, "required": True}]
        return element
    element["validations"] = {"required": field.required}
    return element


def _intro(type_label: str) -> str:
    return (
        f"Dank je wel dat je een {type_label.lower()} deelt! Je hoeft niets van GitHub of van programmeren te weten.\n\n"
        "**Wat gebeurt er als je verstuurt?** Een redacteur van het handboek leest je bijdrage, meestal binnen een week. "
        "Die zet hem met één klik om in een pagina; de controle van het handboek kijkt dan of alles klopt. "
        "Is er iets te verbeteren, dan krijg je hier een bericht in gewone woorden. Je naam komt bij de bijdrage te staan.\n\n"
        "**Privacy:** alles wat je hier schrijft is openbaar. Noem nooit namen, adressen of andere gegevens van gezinnen."
    )


def form(type_name: str, corpus) -> dict:
    """A type's issue form as data (GitHub's form schema)."""
    page_type = schemas.page_types()[type_name]
    body: list[dict] = [{"type": "markdown", "attributes": {"value": _intro(page_type.label)}}]
    body += [_element(f) for f in fields(type_name, corpus)]
    return {
        "name": f"Nieuwe {page_type.label.lower()}",
        "description": f"Stel een {page_type.label.lower()} voor het handboek voor, zonder git of GitHub-kennis.",
        "title": f"{page_type.label}: ",
        "labels": [CONTRIBUTION_LABEL, page_type.label.lower()],
        "body": body,
    }


def correction_form(corpus) -> dict:
    """The form 'Verbeter deze pagina': which page, what is wrong, what it should say."""
    return {
        "name": "Verbeter een pagina",
        "description": "Zie je een fout, iets wat ontbreekt of iets wat beter kan? Laat het ons weten.",
        "title": "Verbetering: ",
        "labels": ["verbetering"],
        "body": [
            {"type": "markdown", "attributes": {"value": (
                "Dank je wel! Een redacteur leest je voorstel en past de pagina aan, of vraagt je hier iets.\n\n"
                "**Privacy:** alles wat je hier schrijft is openbaar. Noem nooit namen of gegevens van gezinnen."
            )}},
            {"type": "input", "id": "pagina", "attributes": {
                "label": "Welke pagina?",
                "description": "De titel of het adres van de pagina. Kwam je via 'Verbeter deze pagina', dan staat hij er al.",
            }, "validations": {"required": True}},
            {"type": "textarea", "id": "wat", "attributes": {
                "label": "Wat klopt er niet, of wat ontbreekt?",
            }, "validations": {"required": True}},
            {"type": "textarea", "id": "voorstel", "attributes": {
                "label": "Wat zou er moeten staan?",
                "description": "Noem ook waar het vandaan komt: een bron of je eigen ervaring.",
            }, "validations": {"required": False}},
            {"type": "checkboxes", "id": PRIVACY_ID, "attributes": {
                "label": "Privacy",
                "options": [{"label": PRIVACY_TEXT, "required": True}],
            }},
        ],
    }


def config() -> dict:
    return {"blank_issues_enabled": False}


HEADER = "# Generated by `handbook forms` from the JSON Schemas and content/: do not edit by hand.\n"


def dump(data: dict) -> str:
    return HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def generated(corpus) -> dict[str, str]:
    """File name -> text of every form, and the chooser's config."""
    files = {name: dump(form(type_name, corpus)) for type_name, name in FORM_FILES.items()}
    files[CORRECTION_FILE] = dump(correction_form(corpus))
    files["config.yml"] = dump(config())
    return files


def write(root: Path, corpus) -> list[str]:
    """Write the forms; returns the files that changed."""
    folder = Path(root) / FORM_DIR
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in generated(corpus).items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(f"{FORM_DIR}/{name}")
    return changed


def form_url(repo_url: str, form_file: str, **answers: str) -> str:
    """The address of a form on GitHub with answers filled in (query parameters by field id)."""
    from urllib.parse import urlencode

    query = {"template": form_file, **{k: v for k, v in answers.items() if v}}
    return f"{repo_url.rstrip('/')}/issues/new?{urlencode(query)}"
