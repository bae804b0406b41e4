"""The published site's search, built after mkdocs: Pagefind over the built pages, plus the
handbook's own files for the search box (overrides/assets/javascripts/hb-search.js).

- ``pagefind/``: Pagefind's chunked index of each page's own text (``data-pagefind-body``
  in overrides/partials/content.html), without listings, theme chips, print links and
  permalink signs (``EXCLUDE``); filters and metadata from partials/hb-search-data.html.
- ``hb-search/analysis.json``: the stop words the box leaves out of a query.
- ``hb-search/woorden/<xx>.json``: the vocabulary for "Bedoelde je ...?" in shards by the
  first two letters (handbook.search.vocabulary).

Pagefind runs as the binary from the ``pagefind[bin]`` wheel, as a process: its Python API
ends the indexer after 5 s of waiting for its answers, which on a busy machine cut the
written files short (an empty pagefind-entry.json, and no search at all).
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from handbook.content import schemas
from handbook.search import analysis, order, vocabulary

BUNDLE = "pagefind"
OWN = "hb-search"
# Inside a page's text but not about the page: cards of other pages (listings), theme chips,
# print links, the overview filters and Markdown's permalink signs.
EXCLUDE = (".hb-cards", ".hb-themes", ".hb-print", ".hb-filter", ".headerlink", ".hb-related", ".hb-sources")
PAGEFIND_TIMEOUT = 600  # seconds; 10,000 pages take well under a minute
# Index chunks of 5,000 word positions instead of Pagefind's 20,000: a query loads the chunks
# whose word range holds its words, so smaller chunks bring fewer unrelated words along. At
# 10,000 pages the index bytes of ten everyday queries fell from 38 to 24 KB gzipped on
# average ('moeders' 68 -> 38 KB); the chunk list in Pagefind's metadata grows by 2 KB;
# 2,500 gained little more (benchmarks/FINDINGS.md, #14). Pagefind 1.5 reads this only from
# the environment (it calls the variable unstable); tests/test_site_search.py checks it works.
CHUNK_SIZE = 5000


class SiteSearchError(Exception):
    """Pagefind could not index the site; the message is Dutch."""


@dataclass(frozen=True)
class SiteSearchStats:
    pages: int
    shards: int


def reader_pages(corpus) -> list:
    return [p for p in corpus.pages if p.status == "published" and not schemas.for_contributors(p.rel)]


def build_site_search(site_dir: Path, corpus) -> SiteSearchStats:
    site_dir = Path(site_dir)
    pages = _pagefind(site_dir)
    own = site_dir / OWN
    own.mkdir(parents=True, exist_ok=True)
    keys = vocabulary.write(vocabulary.build(reader_pages(corpus)), own / "woorden")
    # The shard names too: the box asks only for shards that exist (no 404 in the console);
    # and the lay words the handbook's order counts as naming their targets (search/order.py).
    data = {"stopwords": sorted(order.skipped()), "shards": keys, "alternatives": order.alternatives()}
    (own / "analysis.json").write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return SiteSearchStats(pages, len(keys))


def _pagefind(site_dir: Path) -> int:
    """Run the Pagefind binary over the built site; the number of pages it indexed."""
    try:
        from pagefind_bin import get_executable
    except ImportError as exc:  # pragma: no cover - part of the project's dependencies
        raise SiteSearchError("Pagefind ontbreekt; installeer het project opnieuw (make setup)") from exc
    command = [
        str(get_executable()), "--site", str(site_dir), "--output-path", str(site_dir / BUNDLE),
        "--force-language", "nl", "--exclude-selectors", ", ".join(EXCLUDE), "--keep-index-url", "--quiet",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=PAGEFIND_TIMEOUT,
                              env={**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(CHUNK_SIZE)})
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SiteSearchError(f"Pagefind kon de site niet doorzoekbaar maken: {exc}") from exc
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise SiteSearchError(f"Pagefind kon de site niet doorzoekbaar maken: {' '.join(said) or done.returncode}")
    entry = site_dir / BUNDLE / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        count = sum(int(lang.get("page_count", 0)) for lang in languages.values())
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SiteSearchError(f"Pagefind schreef geen bruikbare index ({exc})") from exc
    if count == 0:
        raise SiteSearchError("Pagefind vond geen pagina's om te doorzoeken (ontbreekt data-pagefind-body?)")
    return count
