"""The JSON Schema files: the single source of truth for every page type.

Each ``schemas/<type>.schema.json`` carries, beside standard JSON Schema, an
``x-handbook`` block (folder, Dutch labels, required body sections) and may
carry ``x-message``: a Dutch explanation used when that subschema fails.
"""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from collections.abc import Iterator

from handbook.content import schema_precheck

# jsonschema (and referencing) are imported only when a page fails the quick check:
# importing them is a tenth of a second, more than checking a small handbook.

COMMON = "common.schema.json"


@dataclass(frozen=True)
class PageType:
    name: str  # "method"
    folder: str  # "methoden"; "" for free pages
    label: str  # "Methode"
    plural: str  # "Methoden"
    required_sections: tuple[str, ...]
    numbered_sections: tuple[str, ...]
    schema_file: str

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(schema(self.name)["properties"])

    @property
    def required_keys(self) -> tuple[str, ...]:
        return tuple(schema(self.name).get("required", ()))


def _schema_dir():
    # The package's own folder when it is one (importlib.resources costs a check ten milliseconds
    # of imports); importlib.resources when the package is not on disk as files.
    folder = os.path.join(os.path.dirname(__file__), "schemas")
    if os.path.isdir(folder):
        return Path(folder)
    from importlib import resources

    return resources.files("handbook.content") / "schemas"


@cache
def _raw() -> dict[str, dict]:
    return {
        entry.name: json.loads(entry.read_text(encoding="utf-8"))
        for entry in _schema_dir().iterdir()
        if entry.name.endswith(".schema.json")
    }


@cache
def page_types() -> dict[str, PageType]:
    """Page types by name, in the order the handbook presents them."""
    found = {}
    for file_name, data in _raw().items():
        meta = data.get("x-handbook")
        if not meta:
            continue
        found[meta["type"]] = PageType(
            name=meta["type"],
            folder=meta["folder"],
            label=meta["label"],
            plural=meta["plural"],
            required_sections=tuple(meta.get("required_sections", ())),
            numbered_sections=tuple(meta.get("numbered_sections", ())),
            schema_file=file_name,
        )
    order = ["method", "tip", "roadshow", "practice", "theme", "source", "neighbourhood", "page"]
    return {name: found[name] for name in sorted(found, key=lambda n: (order.index(n) if n in order else 99, n))}


@cache
def type_by_folder() -> dict[str, PageType]:
    return {t.folder: t for t in page_types().values() if t.folder}


def schema(type_name: str) -> dict:
    return _raw()[page_types()[type_name].schema_file]


def schema_files() -> dict[str, dict]:
    """Every schema file by name, for publishing them with the site."""
    return dict(_raw())


@cache
def _registry():
    from referencing import Registry, Resource

    return Registry().with_resources(
        (name, Resource.from_contents(data)) for name, data in _raw().items()
    )


@cache
def validator(type_name: str):
    """jsonschema's validator for a page type (a ``jsonschema.protocols.Validator``)."""
    import jsonschema

    cls = jsonschema.validators.validator_for(schema(type_name))
    # The format checker is passed explicitly: without it "format: date" is not checked.
    return cls(_inlined(schema(type_name), schema(type_name)), registry=_registry(), format_checker=_format_checker(cls))


def _format_checker(cls):
    """The draft's format checker, with the handbook's own formats (schema_precheck.OWN_FORMATS)."""
    checker = copy.copy(cls.FORMAT_CHECKER)
    checker.checkers = {**checker.checkers, **{name: (test, ()) for name, test in schema_precheck.OWN_FORMATS.items()}}
    return checker


# Keys that only describe: a $ref's siblings may repeat them without changing what is valid.
_ANNOTATIONS = {"description", "title"}


def _inlined(node, document: dict):
    """The schema with each ``$ref`` replaced by its target, merged as ``resolve`` merges it.

    jsonschema looks every $ref up in the registry on every page, which made
    validation three times slower than the checks themselves need. A $ref whose
    siblings would override a keyword of its target (other than a description)
    is kept as it is, so the inlined schema accepts and rejects exactly what the
    original does, and its errors carry the same keywords and messages.
    """
    if isinstance(node, list):
        return [_inlined(item, document) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str):
        file_name, _, pointer = ref.partition("#")
        target_document = _raw()[file_name] if file_name else document
        target = target_document
        for part in pointer.strip("/").split("/"):
            if part:
                target = target[part]
        target = _inlined(target, target_document)
        rest = {k: _inlined(v, document) for k, v in node.items() if k != "$ref"}
        if isinstance(target, dict) and not (set(rest) & set(target)) - _ANNOTATIONS:
            return {**target, **rest}
        # Kept: made absolute, as the registry resolves it from the type's schema.
        home = next(name for name, data in _raw().items() if data is target_document)
        return {"$ref": f"{home}#{pointer}", **rest}
    return {k: _inlined(v, document) for k, v in node.items()}


def resolve(subschema: dict) -> dict:
    """Follow a ``$ref`` into the common definitions, for messages that need the target."""
    ref = subschema.get("$ref") if isinstance(subschema, dict) else None
    if not ref:
        return subschema if isinstance(subschema, dict) else {}
    file_name, _, pointer = ref.partition("#")
    target = _raw()[file_name or COMMON]
    for part in pointer.strip("/").split("/"):
        if part:
            target = target[part]
    merged = {**resolve(target), **{k: v for k, v in subschema.items() if k != "$ref"}}
    return merged


def suggest(word: str, choices) -> str | None:
    """The closest choice to a misspelled word, for a 'bedoelde je ...?' hint."""
    import difflib  # only when there is something to suggest

    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return match[0] if match else None


@dataclass(frozen=True)
class SchemaError:
    path: tuple  # path in the instance, e.g. ("themes", 1)
    on_key: bool  # True: point at the key (unknown/missing keys), False: at the value
    message: str
    rule: str


_TYPE_NAMES = {
    "string": "een tekst",
    "integer": "een heel getal",
    "number": "een getal",
    "array": "een lijst",
    "object": "een blok met sleutels",
    "boolean": "ja of nee (true/false)",
    "null": "leeg",
}


def _type_name(value) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return "ja/nee"
    if isinstance(value, int):
        return "een getal"
    if isinstance(value, float):
        return "een getal"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een blok met sleutels"
    return "een tekst"


def _where(path: tuple) -> str:
    if not path:
        return "de front-matter"
    key = path[0]
    rest = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in path[1:])
    return f"'{key}{rest}'"


def _error_list(errors) -> list:
    return sorted(errors, key=lambda e: (list(map(str, e.absolute_path)), e.validator))


_prechecks: dict[str, tuple] = {}  # type name -> (the schema it was made from, the check)


def precheck(type_name: str):
    """The quick check of ``schema_precheck`` for a page type: True only for valid front-matter."""
    source = schema(type_name)
    made = _prechecks.get(type_name)
    if made is None or made[0] is not source:  # remade when the schemas change (as tests do)
        made = _prechecks[type_name] = (source, schema_precheck.compile_schema(_inlined(source, source)))
    return made[1]


def validate(type_name: str, meta: dict) -> Iterator[SchemaError]:
    """Every schema error of a page's front-matter, in Dutch."""
    if precheck(type_name)(meta):
        return  # certainly valid: jsonschema would find nothing
    found = [e for err in _error_list(validator(type_name).iter_errors(meta)) for e in _translate(type_name, err)]
    # A value that is not even written as a date gets the pattern's advice, not also "no such day".
    misshapen = {e.path for e in found if e.rule == "schema" and not e.on_key}
    yield from (e for e in found if not (e.rule in ("invalid-date", "invalid-url") and e.path in misshapen))


def _translate(type_name: str, err) -> Iterator[SchemaError]:
    path = tuple(err.absolute_path)
    sub = err.schema if isinstance(err.schema, dict) else {}
    custom = sub.get("x-message")
    kind = err.validator
    where = _where(path)
    value = err.instance

    if kind == "additionalProperties":
        known = list(sub.get("properties", {}))
        for key in sorted(set(value) - set(known)):
            hint = suggest(key, known)
            tip = f"; bedoelde je '{hint}'?" if hint else f"; toegestaan zijn: {', '.join(known)}"
            yield SchemaError(path + (key,), True, f"onbekende sleutel '{key}'{tip}", "unknown-key")
        return
    if kind == "required":
        missing = [k for k in err.validator_value if k not in value]
        for key in missing:
            prop = resolve(sub.get("properties", {}).get(key, {}))
            about = f" ({prop['description']})" if prop.get("description") else ""
            yield SchemaError(path, True, f"verplichte sleutel '{key}' ontbreekt in {where}{about}", "schema")
        return
    if kind == "format" and err.validator_value == "date":
        yield SchemaError(
            path, False, f"'{value}' in {where} is geen bestaande datum; controleer dag en maand (JJJJ-MM-DD)", "invalid-date"
        )
        return
    if kind == "format" and err.validator_value == "uri":
        yield SchemaError(
            path, False, f"'{value}' in {where} is geen bruikbaar webadres: schrijf het volledige adres, beginnend met "
            "https:// (of http://), zonder spaties, aanhalingstekens, punthaken of stuurtekens", "invalid-url"
        )
        return
    if kind == "anyOf" and any(c.validator == "format" for c in err.context):
        yield SchemaError(
            path, False, f"'{value}' in {where} is geen bestaande datum; controleer dag en maand (JJJJ-MM-DD)", "invalid-date"
        )
        return
    if kind == "anyOf" and custom:
        if path == ():
            yield SchemaError(path, True, custom, "schema")
        else:
            yield SchemaError(path, False, f"'{value}' in {where} klopt niet: {custom}", "schema")
        return
    if kind == "type":
        wanted = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        names = " of ".join(_TYPE_NAMES.get(w, w) for w in wanted)
        hint = ""
        if "array" in wanted and isinstance(value, str):
            hint = f"; schrijf een lijst, bijvoorbeeld [{value}]"
        yield SchemaError(path, False, f"{where} moet {names} zijn, maar is {_type_name(value)}{hint}", "schema")
        return
    if kind == "enum":
        choices = err.validator_value
        hint = suggest(value, choices)
        tip = f"; bedoelde je '{hint}'?" if hint else f"; kies uit: {', '.join(map(str, choices))}"
        yield SchemaError(path, False, f"'{value}' is geen geldige waarde voor {where}{tip}", "schema")
        return
    if kind == "pattern":
        explain = custom or f"het moet passen bij het patroon {err.validator_value}"
        yield SchemaError(path, False, f"'{value}' in {where} klopt niet: {explain}", "schema")
        return
    if kind == "minLength":
        yield SchemaError(path, False, f"{where} is te kort: minstens {err.validator_value} tekens", "schema")
        return
    if kind == "maxLength":
        yield SchemaError(
            path, False, f"{where} is te lang: {len(value)} tekens, hoogstens {err.validator_value}; maak het korter", "schema"
        )
        return
    if kind == "minItems":
        if err.validator_value == 1:
            yield SchemaError(path, False, f"{where} mag niet leeg zijn: noem er minstens één", "schema")
        else:
            yield SchemaError(path, False, f"{where} heeft minstens {err.validator_value} items nodig", "schema")
        return
    if kind == "uniqueItems":
        yield SchemaError(path, False, f"{where} noemt hetzelfde item meer dan eens; haal het dubbele weg", "schema")
        return
    if kind in ("minimum", "maximum"):
        bound = "minstens" if kind == "minimum" else "hoogstens"
        yield SchemaError(path, False, f"{where} is {value}, maar moet {bound} {err.validator_value} zijn", "schema")
        return
    if kind == "const":
        yield SchemaError(path, False, f"{where} moet '{err.validator_value}' zijn", "schema")
        return
    if kind == "format":
        yield SchemaError(path, False, f"'{value}' in {where} is geen geldige waarde ({err.validator_value})", "schema")
        return
    message = custom or f"{where} klopt niet met het schema ({err.message})"
    yield SchemaError(path, False, message, "schema")


# Keys whose values are slugs of other pages: key -> the page type it must name (None: any page).
TARGETS = {
    "themes": "theme",
    "sources": "source",
    "related": None,
    "neighbourhood": "neighbourhood",
    "neighbourhoods": "neighbourhood",
}

# The contributor guide's folder: pages for contributors, not for readers (left out of readers'
# search results, the evaluation's top three and the offline copy).
CONTRIBUTOR_FOLDER = "bijdragen"
# The front-matter reference that the site generates from the schemas (authoring.schema_docs).
REFERENCE_PAGE = f"{CONTRIBUTOR_FOLDER}/front-matter.md"


def for_contributors(rel: str) -> bool:
    """Whether the page or file at ``rel`` (relative to content/) belongs to the contributor guide."""
    return rel.split("/")[0] == CONTRIBUTOR_FOLDER
