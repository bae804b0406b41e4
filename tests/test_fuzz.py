"""Random bytes and random YAML never crash the loader or the checks."""

import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.check.runner import check_corpus
from handbook.content.loader import Corpus, load_page

FOLDERS = ["tips", "methoden", "roadshows", "praktijken", "themas", "bronnen", "wijken", "vrij"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["no", "yes", "2021-02-30", "2024-01-01", "thema-a", "~", "*a", "&a x", "!!python/name:os.system"]),
)
keys = st.one_of(st.sampled_from(["title", "description", "themes", "audience", "sources", "related", "updated", "status", "duration", "roles", "date", "neighbourhood", "isbn", "url", "year", "city", "period"]), st.text(max_size=10))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4), max_leaves=12)
settings_ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def run(base_root, base_corpus, folder, data: bytes):
    path = base_root / "content" / folder / "fuzz.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    try:
        page, problems = load_page(base_root, path)
        corpus = Corpus(root=base_root, pages=base_corpus.pages + ([page] if page else []), problems=problems, files=[])
        found = check_corpus(corpus, only={f"content/{folder}/fuzz.md"})
    finally:
        path.unlink()
    for problem in found:
        assert problem.line >= 1 and problem.column >= 1 and problem.message
        assert problem.rule != "internal-error", str(problem)


@settings_
@given(folder=st.sampled_from(FOLDERS), data=st.binary(max_size=400))
def test_random_bytes(base_root, base_corpus, folder, data):
    run(base_root, base_corpus, folder, data)


@settings_
@given(folder=st.sampled_from(FOLDERS), head=st.binary(max_size=200))
def test_random_bytes_after_a_delimiter(base_root, base_corpus, folder, head):
    run(base_root, base_corpus, folder, b"---\n" + head + b"\n---\nTekst\n")


@settings_
@given(folder=st.sampled_from(FOLDERS), meta=st.dictionaries(keys, values, max_size=8), body=st.text(max_size=200))
def test_random_yaml(base_root, base_corpus, folder, meta, body):
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body
    run(base_root, base_corpus, folder, text.encode("utf-8", "surrogatepass"))


@settings_
@given(folder=st.sampled_from(FOLDERS), text=st.text(alphabet=string.printable + "äëïöü\t&*!|>-[]{}:#'\"", max_size=300))
def test_random_yaml_like_text(base_root, base_corpus, folder, text):
    run(base_root, base_corpus, folder, ("---\n" + text + "\n---\n").encode("utf-8"))
