"""The front-matter reference for contributors, written from the JSON Schemas at build time.

Every key of every page type, whether it is required, what kind of value it
takes, which values are allowed, what it means, and an example taken from a
published page of that type. Because it is made from the schemas (and the
content) on every build, it cannot fall behind them.
"""

from __future__ import annotations

from handbook.content import schemas
from handbook.authoring.new_page import yaml_value

PATH = schemas.REFERENCE_PAGE
EXAMPLE_LENGTH = 90

_KINDS = {"string": "tekst", "integer": "heel getal", "number": "getal", "boolean": "true of false", "object": "blok"}


def _code(text: str) -> str:
    text = str(text)
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def describe(subschema: dict) -> str:
    """What a value must look like, in Dutch, from its (sub)schema."""
    if str(subschema.get("$ref", "")).endswith("/$defs/slug"):
        return "bestandsnaam zonder .md (kleine letters, cijfers en streepjes)"
    sub = schemas.resolve(subschema)
    if "anyOf" in sub:
        return " of ".join(describe(alt) for alt in sub["anyOf"])
    if "const" in sub:
        return f"precies {_code(sub['const'])}"
    if "enum" in sub:
        return "een van: " + ", ".join(_code(v) for v in sub["enum"])
    kind = sub.get("type")
    if kind == "array":
        items = describe(sub.get("items", {}))
        parts = [f"lijst van: {items}"]
        if sub.get("minItems"):
            parts.append(f"minstens {sub['minItems']}")
        if sub.get("uniqueItems"):
            parts.append("zonder dubbele")
        return "; ".join(parts)
    if kind == "object":
        props = sub.get("properties", {})
        required = set(sub.get("required", ()))
        inner = ", ".join(
            f"{_code(k)}{'' if k in required else ' (niet verplicht)'}: {describe(v)}" for k, v in props.items()
        )
        return f"blok met {inner}" if inner else "blok"
    if kind in ("integer", "number"):
        text = _KINDS[kind]
        if "minimum" in sub and "maximum" in sub:
            return f"{text} van {sub['minimum']} tot en met {sub['maximum']}"
        if "minimum" in sub:
            return f"{text}, minstens {sub['minimum']}"
        return text
    if kind == "string":
        if sub.get("format") == "date":
            return "datum (JJJJ-MM-DD)"
        if sub.get("x-message"):
            return f"tekst: {sub['x-message']}"
        low, high = sub.get("minLength"), sub.get("maxLength")
        if low and high:
            return f"tekst van {low} tot {high} tekens"
        if low:
            return f"tekst van minstens {low} tekens"
        return "tekst"
    return _KINDS.get(kind, "waarde")


def _example(corpus, type_name: str, key: str) -> str:
    for page in corpus.of_type(type_name) if corpus is not None else []:
        if key in page.meta:
            value = yaml_value(page.meta[key])
            if len(value) > EXAMPLE_LENGTH:
                value = value[: EXAMPLE_LENGTH - 1].rstrip() + "…"
            return _code(f"{key}: {value}")
    return ""


def type_section(page_type: schemas.PageType, corpus) -> str:
    schema = schemas.schema(page_type.name)
    where = "" if page_type.folder else " Staat in `content/` of in een map die geen paginatype is."
    lines = [
        f"## {page_type.label} {{ #{page_type.name} }}",
        "",
        f"{schema.get('description', '')}{where} "
        f"Schema: [{page_type.schema_file}](../schemas/{page_type.schema_file}).",
        "",
    ]
    if page_type.required_sections:
        sections = ", ".join(f"`## {s}`" for s in page_type.required_sections)
        lines += [f"In de tekst staan altijd de koppen {sections}.", ""]
        for title in page_type.numbered_sections:
            lines += [f"Onder `## {title}` staat een genummerde lijst (`1.`, `2.`, ...).", ""]
    if schema.get("anyOf") and schema.get("x-message"):
        lines += [f"Let op: {schema['x-message']}.", ""]
    for rule in schema.get("allOf", ()):
        if rule.get("x-message"):
            lines += [f"Let op: {rule['x-message']}.", ""]
    # A list, not a table: it stays readable on a phone.
    required = set(schema.get("required", ()))
    for key, sub in schema.get("properties", {}).items():
        about = (sub.get("description") or schemas.resolve(sub).get("description", "")).rstrip(".")
        flag = "verplicht" if key in required else "niet verplicht"
        example = _example(corpus, page_type.name, key)
        item = f"- **`{key}`** ({flag}): {about + '. ' if about else ''}Waarde: {describe(sub)}."
        lines.append(item + (f" Voorbeeld: {example}" if example else ""))
    return "\n".join(lines) + "\n"


def reference(corpus) -> str:
    """The whole reference page as Markdown (with front-matter)."""
    types = list(schemas.page_types().values())
    parts = [
        "---",
        "title: Kopgegevens (front-matter) per paginatype",
        "description: Alle sleutels van elk paginatype, met uitleg, toegestane waarden en een voorbeeld. "
        "Deze pagina wordt gemaakt uit de schema's en is dus altijd actueel.",
        "---",
        "",
        "# Kopgegevens (front-matter) per paginatype",
        "",
        "Bovenaan elke pagina staat tussen twee regels `---` de *front-matter*: sleutels met een waarde, "
        "zoals `title: Incidentmethode`. De sleutels zijn Engelse woorden, de waarden schrijf je in het "
        "Nederlands. Deze pagina wordt bij elke bouw van de site opnieuw gemaakt uit de schema's "
        "(de regels waar `handbook check` mee controleert), dus wat hier staat klopt altijd.",
        "",
        "Een nieuwe pagina met alle verplichte sleutels maak je met `handbook new`; zie "
        "[Een pagina toevoegen](index.md).",
        "",
        "Soorten pagina's: " + ", ".join(f"[{t.label}](#{t.name})" for t in types) + ".",
        "",
    ]
    parts += [type_section(t, corpus) for t in types]
    return "\n".join(parts)


def front_matter_reference(corpus) -> dict[str, str]:
    """The producer for generated.PRODUCERS."""
    return {PATH: reference(corpus)}
