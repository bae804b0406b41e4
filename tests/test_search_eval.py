"""The search evaluation set (tests/search_eval/queries.yaml) and its scorer (issue 14)."""

from pathlib import Path

import pytest

from handbook.content import schemas
from handbook.search import evaluation as ev

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "tests" / "search_eval" / "queries.yaml"
KINDS = {"verbuiging", "samenstelling", "typfout", "leek", "accent", "plaats", "vraag"}


@pytest.fixture(scope="module")
def queries():
    return ev.load(QUERIES)


def test_the_set_is_large_varied_and_points_at_real_reader_pages(queries):
    assert len(queries) >= 40
    assert {q.kind for q in queries} == KINDS
    assert len({q.text for q in queries}) == len(queries), "a query twice"
    for query in queries:
        assert query.pages, query.text
        for key in query.pages:
            assert (REPO / "content" / f"{key}.md").is_file(), f"{query.text}: {key} is no page"
            assert not schemas.for_contributors(key), f"{query.text}: a reader's answer is no contributor page"


@pytest.mark.parametrize("ref", [
    "content/tips/x.md", "tips/x.md", "/tips/x/", "tips/x/index.html",
    "http://127.0.0.1:8000/tips/x/?highlight=koffie#stap-1", "tips/x/#top",
])
def test_page_key_names_a_page_one_way(ref):
    assert ev.page_key(ref) == "tips/x"


def test_page_key_of_index_pages():
    assert ev.page_key("content/index.md") == ""
    assert ev.page_key("themas/index.md") == "themas"
    assert ev.strip_base(ev.page_key("https://x.github.io/handboek/tips/x/"), "/handboek/") == "tips/x"


def test_score_counts_success_rank_and_empty_results():
    queries = [ev.Query("a", "", ("p/a",)), ev.Query("b", "", ("p/b",)), ev.Query("c", "", ("p/c",)),
               ev.Query("d", "", ("p/d",))]
    ranked = {
        "a": ["p/a.md", "p/x.md"],                       # rank 1
        "b": ["p/x.md", "bijdragen/y.md", "p/b.md"],     # rank 3, contributor in the top three
        "c": ["p/x", "p/y", "p/z", "p/c"],               # rank 4: no success at 3
        # d: nothing found
    }
    report = ev.score(queries, ranked)
    assert report.ranks == {"a": 1, "b": 3, "c": 4, "d": None}
    assert report.success_at_k == 0.5
    assert report.mrr == pytest.approx((1 + 1 / 3 + 1 / 4) / 4)
    assert report.no_result == ["d"]
    assert report.contributor_in_top == ["b"]
    assert report.failures == ["c", "d"]
    assert ev.agreement(queries, ranked, {"a": ["/p/a/"], "b": ["p/b"]}) == 0.25
