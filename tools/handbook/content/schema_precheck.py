"""A quick yes/no check of front-matter against a JSON Schema, for the common valid page.

jsonschema walks every keyword of every page in Python, with a validator
object per level: about a quarter of ``handbook check``, spent mostly on pages
that turn out to be valid. This module turns a schema (references already
inlined) into plain nested functions that answer one question: is this value
certainly valid? ``schemas.validate`` asks it first and only runs jsonschema,
with its full error list and messages, when the answer is no.

The answer "valid" must never be wrong; "not valid" may be (then jsonschema
decides). So every keyword follows jsonschema's own code (``_keywords.py``,
``_types.py``, ``_format.py``), keywords apply to exactly the instance types
jsonschema applies them to, and whatever is not plainly understood here (an
unknown keyword, a ``$ref``, a float where an integer is asked, an enum of
numbers, another draft) makes the answer "not valid", never "valid".
"""

from __future__ import annotations

import datetime
import numbers
import re

from handbook.content import web_address

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"

# Keywords that describe or hold definitions: jsonschema does not validate with them.
_DESCRIPTIVE = {"$schema", "$defs", "definitions", "$comment", "title", "description", "default", "examples",
                "deprecated", "readOnly", "writeOnly"}

# Copied from jsonschema._format.is_date.
_RE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _never(value) -> bool:
    return False


def _always(value) -> bool:
    return True


# Whether a keyword applies: the same tests as jsonschema's draft 2020-12 type checker.
def _is_string(value) -> bool:
    return isinstance(value, str)


def _is_array(value) -> bool:
    return isinstance(value, list)


def _is_object(value) -> bool:
    return isinstance(value, dict)


def _is_number(value) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


# Whether a value is certainly of a type: a subset of jsonschema's answer (a float 3.0,
# which jsonschema counts as an integer, is left to jsonschema).
_CERTAIN_TYPE = {
    "string": lambda v: type(v) is str,
    "integer": lambda v: type(v) is int,
    "number": lambda v: type(v) is int or type(v) is float,
    "array": lambda v: type(v) is list,
    "object": lambda v: type(v) is dict,
    "boolean": lambda v: type(v) is bool,
    "null": lambda v: v is None,
}


def _date(value) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return bool(_RE_DATE.fullmatch(value) and datetime.date.fromisoformat(value))
    except ValueError:
        return False


# Formats the handbook defines itself: jsonschema's format checker gets the same functions
# (schemas.validator), so the quick check and jsonschema agree on them by construction.
# jsonschema's own 'uri' passes anything unless an optional library is installed, and
# accepts addresses that are no web page (review F4).
OWN_FORMATS = {"uri": web_address.is_web_url}


def compile_schema(schema) -> callable:
    """A function value -> bool that is True only for values valid against ``schema`` (draft 2020-12)."""
    if not isinstance(schema, dict) or schema.get("$schema") != DRAFT_2020_12:
        return _never
    return _compile(schema)


def _compile(node):
    if node is True:
        return _always
    if not isinstance(node, dict):
        return _never  # False, or not a schema at all
    checks = []
    for key, value in node.items():
        if key in _DESCRIPTIVE or key.startswith("x-"):
            continue
        make = _KEYWORDS.get(key)
        check = make(value, node) if make else None
        if check is None:
            return _never  # not understood here: jsonschema decides
        if check is not _always:
            checks.append(check)
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    checks = tuple(checks)

    def all_of(value) -> bool:
        for check in checks:
            if not check(value):
                return False
        return True

    return all_of


def _type(wanted, node):
    names = wanted if isinstance(wanted, list) else [wanted]
    if not all(isinstance(n, str) and n in _CERTAIN_TYPE for n in names):
        return None
    tests = tuple(_CERTAIN_TYPE[n] for n in names)
    if len(tests) == 1:
        return tests[0]
    return lambda value: any(test(value) for test in tests)


def _properties(props, node):
    if not isinstance(props, dict):
        return None
    compiled = {key: _compile(sub) for key, sub in props.items()}

    def properties(value) -> bool:
        if not isinstance(value, dict):
            return True
        for key, item in value.items():
            check = compiled.get(key)
            if check is not None and not check(item):
                return False
        return True

    return properties


def _additional(extra, node):
    if "patternProperties" in node:
        return None
    known = frozenset(node.get("properties", {}))
    if extra is False:
        return lambda value: not isinstance(value, dict) or known.issuperset(value)
    check = _compile(extra)
    return lambda value: not isinstance(value, dict) or all(check(v) for k, v in value.items() if k not in known)


def _required(keys, node):
    if not isinstance(keys, list):
        return None
    keys = tuple(keys)
    return lambda value: not isinstance(value, dict) or all(k in value for k in keys)


def _items(items, node):
    if "prefixItems" in node:
        return None
    check = _compile(items)
    return lambda value: not isinstance(value, list) or all(map(check, value))


def _min_items(n, node):
    if type(n) is not int:
        return None
    return lambda value: not isinstance(value, list) or len(value) >= n


def _max_items(n, node):
    if type(n) is not int:
        return None
    return lambda value: not isinstance(value, list) or len(value) <= n


def _unique(flag, node):
    if not flag:
        return _always
    # Only lists of plain texts are judged here; jsonschema compares anything else.
    return lambda value: not isinstance(value, list) or (
        all(type(v) is str for v in value) and len(set(value)) == len(value)
    )


def _min_length(n, node):
    if type(n) is not int:
        return None
    return lambda value: not isinstance(value, str) or len(value) >= n


def _max_length(n, node):
    if type(n) is not int:
        return None
    return lambda value: not isinstance(value, str) or len(value) <= n


def _pattern(pattern, node):
    search = re.compile(pattern).search  # jsonschema: re.search(pattern, instance)
    return lambda value: not isinstance(value, str) or search(value) is not None


def _enum(choices, node):
    if not isinstance(choices, list):
        return None
    texts = frozenset(c for c in choices if type(c) is str)
    # A text equals only a text in jsonschema's equal(); anything else is left to jsonschema.
    return lambda value: type(value) is str and value in texts


def _const(wanted, node):
    if type(wanted) is not str:
        return None
    return lambda value: type(value) is str and value == wanted


def _minimum(bound, node):
    if not _is_number(bound):
        return None
    return lambda value: not _is_number(value) or value >= bound


def _maximum(bound, node):
    if not _is_number(bound):
        return None
    return lambda value: not _is_number(value) or value <= bound


def _any_of(subs, node):
    if not isinstance(subs, list) or not subs:
        return None
    checks = tuple(_compile(s) for s in subs)
    return lambda value: any(check(value) for check in checks)


def _all_of(subs, node):
    if not isinstance(subs, list) or not subs:
        return None
    checks = tuple(_compile(s) for s in subs)
    return lambda value: all(check(value) for check in checks)


def _format_keyword(name, node):
    if name == "date":
        return _date
    if name in OWN_FORMATS:
        return OWN_FORMATS[name]
    return None  # checked by a library that may or may not be there: jsonschema decides


_KEYWORDS = {
    "type": _type,
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "items": _items,
    "minItems": _min_items,
    "maxItems": _max_items,
    "uniqueItems": _unique,
    "minLength": _min_length,
    "maxLength": _max_length,
    "pattern": _pattern,
    "enum": _enum,
    "const": _const,
    "minimum": _minimum,
    "maximum": _maximum,
    "anyOf": _any_of,
    "allOf": _all_of,
    "format": _format_keyword,
}
