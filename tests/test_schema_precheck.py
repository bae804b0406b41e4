"""The quick schema check may only ever say 'valid' when jsonschema finds nothing."""

import copy
import importlib.util
import random
import sys
from pathlib import Path

import jsonschema
import pytest

from handbook.content import schema_precheck, schemas
from handbook.content.loader import load_corpus

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_generate_pc", REPO / "benchmarks" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
sys.modules["bench_generate_pc"] = generate
_spec.loader.exec_module(generate)

VALUES = [
    None, True, False, 0, 1, -1, 3.0, 2.5, 1900, 2100, 2101, 1899, 10**30, float("nan"), "", "a", "ab", "abc",
    "x" * 20, "x" * 91, "x" * 301, "2021-02-30", "2021-02-28", "2021-2-28", "2021-02-28\n", "٢٠٢١-٠٢-٢٨",
    "onbekend", "Onbekend", "published", "draft", "ouders", "http://a", "https://a b", "ftp://x", "jan-piet",
    "Jan", "a--b", [], ["a"], ["a", "a"], ["a", "b"], [1], [True, 1], [1, 1.0], {}, {"min": 1, "max": 2},
    {"min": 0, "max": 2}, {"min": 1.0, "max": 2}, {"min": True, "max": 2}, {"min": 1},
    {"name": "ab", "task": "abcde"}, [{"name": "ab", "task": "abcde"}], [{"name": "a", "task": "abcde"}],
    ["ouders", "ouders"], ["professionals"], 978, "978-90-5830-743-9", "abc123",
]


def _mutate(meta: dict, rng: random.Random) -> dict:
    meta = copy.deepcopy(meta)
    for _ in range(rng.randint(1, 3)):
        keys = list(meta)
        roll = rng.random()
        if roll < 0.15 and keys:
            del meta[rng.choice(keys)]
        elif roll < 0.25 or not keys:
            meta[rng.choice(["foo", "titel", "year", "isbn", "url", "roles", "duration", "city", "hide"])] = rng.choice(VALUES)
        else:
            key = rng.choice(keys)
            value = meta[key]
            if isinstance(value, list) and value and rng.random() < 0.5:
                value[rng.randrange(len(value))] = copy.deepcopy(rng.choice(VALUES))
            elif isinstance(value, dict) and value and rng.random() < 0.5:
                value[rng.choice([*value, "extra"])] = copy.deepcopy(rng.choice(VALUES))
            else:
                meta[key] = copy.deepcopy(rng.choice(VALUES))
    return meta


@pytest.fixture(scope="module")
def metas(tmp_path_factory):
    found = []
    for root in (REPO, generate.generate_corpus(tmp_path_factory.mktemp("h") / "h", 300, seed=3)):
        found += [(p.type, p.meta) for p in load_corpus(root).pages if p.readable]
    return found


def test_valid_pages_pass_the_quick_check(metas):
    for type_name, meta in metas:
        assert schemas.precheck(type_name)(meta) == (not list(schemas.validator(type_name).iter_errors(meta)))


def test_the_quick_check_never_passes_an_invalid_page(metas):
    rng = random.Random(11)
    passed = 0
    for _ in range(4000):
        type_name, meta = rng.choice(metas)
        meta = _mutate(meta, rng)
        errors = list(schemas.validator(type_name).iter_errors(meta))
        if schemas.precheck(type_name)(meta):
            passed += 1
            assert not errors, (type_name, meta)
    assert passed > 50  # the mutations also make valid pages, which take the quick path


def test_formats_are_checked_as_jsonschema_checks_them():
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    # The handbook's own formats: jsonschema is given the very functions the quick check uses.
    own = schemas.validator("source").format_checker
    assert all(own.checkers[name][0] is test for name, test in schema_precheck.OWN_FORMATS.items())
    assert schema_precheck._format_keyword("uri", {}) is schema_precheck.OWN_FORMATS["uri"]
    for text in ["2024-02-29", "2023-02-29", "2024-13-01", "2024-1-01", "2024-01-01\n", "٢٠٢٤-٠١-٠١", "x", 5, None]:
        assert schema_precheck._date(text) == checker.conforms(text, "date"), text


def test_what_is_not_understood_is_left_to_jsonschema():
    draft = schema_precheck.DRAFT_2020_12
    assert not schema_precheck.compile_schema({"$schema": draft, "not": {"type": "string"}})(5)
    assert not schema_precheck.compile_schema({"$schema": draft, "$ref": "#/$defs/x", "$defs": {"x": {}}})("a")
    assert not schema_precheck.compile_schema({"type": "string"})("a")  # no draft named: not judged
    assert not schema_precheck.compile_schema({"$schema": draft, "type": "integer"})(3.0)
    assert schema_precheck.compile_schema({"$schema": draft, "type": "integer", "minimum": 1})(3)
