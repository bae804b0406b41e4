"""Make a new page from its type's template: ``handbook new tip "Titel"``.

The keys come from the JSON Schema, the words from the template. The template
(``templates/<type>.md``) gives each key a Dutch comment and a placeholder
value, and gives the body its headings. The schema decides which keys appear:
a required key the template lacks is still written (with the schema's
description as its comment and a placeholder derived from the schema), and a
key the schema no longer knows is left out. So a schema change can never leave
the template behind, and a new page always passes ``handbook check``.

Everything here is a plain function of its arguments; the date is passed in
(the command reads the clock, nowhere else).
"""

from __future__ import annotations

import datetime
import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from handbook.content import loader, schemas, yamlreader
from handbook.content.oserrors import reason
from handbook.content.schemas import TARGETS


class Refusal(Exception):
    """A Dutch message for the contributor; nothing was written."""


@dataclass(frozen=True)
class NewPage:
    path: Path
    rel: str  # from the repository root, e.g. "content/tips/x.md"
    slug: str
    text: str


# --- type and slug -----------------------------------------------------------


def type_names() -> dict[str, schemas.PageType]:
    """Every word that names a page type: English name, Dutch label, folder (method, methode, methoden)."""
    names: dict[str, schemas.PageType] = {}
    for page_type in schemas.page_types().values():
        if not page_type.folder:
            continue  # free pages have no folder and no template
        for word in (page_type.name, page_type.label.lower(), page_type.folder):
            names.setdefault(fold(word), page_type)
    return names


def resolve_type(word: str) -> schemas.PageType:
    names = type_names()
    found = names.get(fold(word))
    if found:
        return found
    hint = schemas.suggest(fold(word), names)
    dutch = ", ".join(t.label.lower() for t in dict.fromkeys(names.values()))
    tip = f"bedoelde je '{hint}'? " if hint else ""
    raise Refusal(f"onbekend paginatype '{word}'; {tip}kies uit: {dutch}")


def fold(text: str) -> str:
    """Lower case without accents: 'Één' -> 'een'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(title: str) -> str:
    """A file name from a title: 'Één wijk, twee buurthuizen!' -> 'een-wijk-twee-buurthuizen'."""
    text = fold(title).replace("&", " en ").replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# --- YAML values ---------------------------------------------------------------


def yaml_value(value) -> str:
    """A value as one line of YAML: plain where that reads back the same, else JSON (valid YAML)."""
    if isinstance(value, str):
        # Plain when the loader reads it back as the same text without a finding ('no' would
        # be a boolean, '# x' a comment); dates stay text in the loader, so they stay plain.
        read = yamlreader.split(f"---\nx: {value}\n---\n") if "\n" not in value else None
        plain = read is not None and not read.findings and read.meta == {"x": value} and value == value.strip()
        return value if plain else json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


def allowed_values(subschema: dict) -> list | None:
    """The enum of a key or of its list items, straight from the schema (so never out of date)."""
    sub = schemas.resolve(subschema)
    if "enum" in sub:
        return sub["enum"]
    items = schemas.resolve(sub.get("items", {})) if sub.get("type") == "array" else {}
    return items.get("enum")


def placeholder(key: str, subschema: dict, context: dict):
    """A valid value for a key the template does not fill, derived from its schema."""
    sub = schemas.resolve(subschema)
    if "const" in sub:
        return sub["const"]
    if "anyOf" in sub:
        # Prefer an honest constant such as 'onbekend' over an invented value.
        alternatives = [schemas.resolve(a) for a in sub["anyOf"]]
        chosen = next((a for a in alternatives if "const" in a), alternatives[0])
        return placeholder(key, chosen, context)
    if "enum" in sub:
        return sub["enum"][0]
    kind = sub.get("type")
    if kind == "array":
        if sub.get("minItems", 0) < 1:
            return []
        return [placeholder(key, sub.get("items", {}), context)]
    if kind == "object":
        props = sub.get("properties", {})
        return {name: placeholder(name, props[name], context) for name in sub.get("required", ())}
    if kind in ("integer", "number"):
        return max(sub.get("minimum", 1), 1)
    if kind == "boolean":
        return False
    if sub.get("format") == "date":
        return context["today"]
    if key in TARGETS and TARGETS[key]:
        return context[TARGETS[key]]
    text = "onbekend"
    return text if len(text) >= sub.get("minLength", 0) else "nog in te vullen: " + "." * max(sub["minLength"] - 18, 0)


# --- the template ----------------------------------------------------------------

_KEY = re.compile(r"^([A-Za-z_][\w-]*):")


@dataclass(frozen=True)
class Template:
    header: tuple[str, ...]  # comment lines above the keys
    snippets: dict  # key -> its lines: the comment right above it, the key, its indented lines
    body: str


def template_text(type_name: str) -> str:
    return (resources.files("handbook.authoring") / "templates" / f"{type_name}.md").read_text(encoding="utf-8")


def read_template(text: str) -> Template:
    lines = text.split("\n")
    end = lines.index("---", 1)
    header, snippets, pending, current = [], {}, [], None
    for line in lines[1:end]:
        match = _KEY.match(line)
        if match:
            current = match.group(1)
            snippets[current] = [*pending, line]
            pending = []
        elif line.startswith((" ", "-")) and current and not pending:
            snippets[current].append(line)
        elif line.strip() == "":
            header.extend(pending if not snippets else [])
            pending, current = [], None
        else:
            pending.append(line)
    return Template(tuple(header), snippets, "\n".join(lines[end + 1 :]))


# --- making the page -------------------------------------------------------------


def context_for(corpus, today: datetime.date, title: str) -> dict:
    """Values a template can use: {{title}}, {{today}} and an existing theme, source and neighbourhood."""
    context = {"title": yaml_value(title), "today": today.isoformat()}
    for type_name in ("theme", "source", "neighbourhood"):
        found = corpus.of_type(type_name)
        context[type_name] = found[0].slug if found else None
    return context


def _fill(line: str, context: dict, page_type: schemas.PageType) -> str:
    for name, value in context.items():
        token = "{{" + name + "}}"
        if token in line:
            if value is None:
                label = schemas.page_types()[name].label.lower()
                raise Refusal(
                    f"het handboek heeft nog geen {label}, en een {page_type.label.lower()} heeft er een nodig; "
                    f"maak eerst een {label} met: handbook new {label} \"Titel\""
                )
            line = line.replace(token, value)
    return line


def render(page_type: schemas.PageType, title: str, corpus, today: datetime.date, template: str | None = None) -> str:
    """The text of a new page of this type."""
    context = context_for(corpus, today, title)
    parsed = read_template(template if template is not None else template_text(page_type.name))
    schema = schemas.schema(page_type.name)
    properties = schema.get("properties", {})
    required = schema.get("required", [])
    keys = [k for k in parsed.snippets if k in properties]  # the template's order ...
    keys += [k for k in required if k not in keys]  # ... and every required key it lacks
    lines = ["---", *parsed.header]
    optional = [k for k in properties if k not in keys]
    if optional:
        lines.append(f"# Niet verplicht, wel mogelijk: {', '.join(optional)}.")
    lines.append("")
    for key in keys:
        snippet = parsed.snippets.get(key)
        if key == "status":
            snippet = ["# Laat 'draft' staan zolang je schrijft; is de pagina af, zet dan 'published'.",
                "# Hij komt pas online als de redactie je pull request goedkeurt.", "status: draft"]
        elif snippet is None:
            about = properties[key].get("description") or schemas.resolve(properties[key]).get("description", "")
            snippet = [f"# {about}"] if about else []
            snippet.append(f"{key}: {yaml_value(placeholder(key, properties[key], context))}")
        choices = allowed_values(properties[key])
        for line in snippet:
            if choices and _KEY.match(line):
                lines.append(f"# Kies uit: {', '.join(map(str, choices))}.")
            lines.append(_fill(line, context, page_type))
    lines.append("---")
    body = "\n".join(_fill(line, context, page_type) for line in parsed.body.split("\n")).rstrip("\n")
    return "\n".join(lines) + "\n" + _with_sections(body, page_type) + "\n"


def _with_sections(body: str, page_type: schemas.PageType) -> str:
    """The body with every required section (a numbered one with a first step)."""
    present = {m.group(1).strip().casefold() for m in re.finditer(r"^##\s+(.+)$", body, re.MULTILINE)}
    for title in page_type.required_sections:
        if title.casefold() not in present:
            body += f"\n\n## {title}\n\n"
            body += "1. Schrijf hier de eerste stap." if title in page_type.numbered_sections else "Schrijf hier over dit onderdeel."
    return body


def check_title(title: str) -> str:
    title = " ".join(title.split())
    rules = schemas.resolve(schemas.schema("page")["properties"]["title"])
    low, high = rules.get("minLength", 1), rules.get("maxLength", 200)
    if len(title) < low:
        raise Refusal(f"de titel is te kort: gebruik minstens {low} tekens")
    if len(title) > high:
        raise Refusal(f"de titel is te lang ({len(title)} tekens, hoogstens {high}); maak hem korter")
    return title


def plan(root: Path, type_word: str, title: str, today: datetime.date, slug: str | None = None) -> NewPage:
    """Decide everything about a new page, or refuse (in Dutch); nothing is written."""
    page_type = resolve_type(type_word)
    title = check_title(title)
    slug = slug or slugify(title)
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
        raise Refusal(
            f"van '{title}' kan geen bestandsnaam gemaakt worden; gebruik letters of cijfers in de titel, "
            "of geef zelf een naam met --slug, zoals --slug mijn-pagina"
        )
    root = Path(root)
    for file in loader.page_files(root):
        rel = file.relative_to(root / loader.CONTENT_DIR).as_posix()
        if loader.slug_for(rel) == slug:
            raise Refusal(
                f"er is al een pagina met de naam '{slug}': content/{rel}; elke bestandsnaam mag maar één keer "
                "voorkomen. Kies een andere titel, of geef een andere naam met --slug"
            )
    corpus = loader.load_corpus(root)
    wanted = title.casefold()
    same = next((p for p in corpus.pages if isinstance(p.meta.get("title"), str) and p.meta["title"].casefold() == wanted), None)
    if same:
        raise Refusal(f"de titel '{title}' staat al op {same.path}; geef de nieuwe pagina een eigen titel")
    rel = f"{loader.CONTENT_DIR}/{page_type.folder}/{slug}.md"
    return NewPage(root / rel, rel, slug, render(page_type, title, corpus, today))


def create(root: Path, type_word: str, title: str, today: datetime.date, slug: str | None = None) -> NewPage:
    page = plan(root, type_word, title, today, slug)
    try:
        page.path.parent.mkdir(parents=True, exist_ok=True)
        _write_new(page.path, page.text)
    except FileExistsError:
        raise Refusal(f"{page.rel} bestaat al; er is niets overschreven") from None
    except OSError as exc:
        raise Refusal(f"{page.rel} kon niet worden geschreven ({reason(exc)}); er is geen pagina gemaakt") from exc
    return page


def _write_new(path: Path, text: str) -> None:
    """Write a file that did not exist, whole or not at all: a full disk once left an empty
    page that blocked the next try ("bestaat al") and failed the check (F12). The text goes
    into a hidden temporary file in the same folder (the loader skips hidden files), is
    synced, and is then linked to its name: a link never replaces an existing file."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp makes it 0600; the mode open() would give
        os.link(temp, path)
    finally:
        os.unlink(temp)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
