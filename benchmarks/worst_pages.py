"""The worst single pages for the check: one page at the 1 MB page limit full of one pattern.

The security review (F6) found the personal-data rule quadratic in its matches: a 990 kB page
of postcodes took 644 s. Each input here is one such page in a small valid corpus, checked by
'handbook check' as a process (exit 1 is expected: the page is full of findings); each must stay
within a few seconds, and the output must stay small (the first findings of a kind and one
summary line, not a line per match).

    .venv/bin/python benchmarks/worst_pages.py            # every input, printed
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_corpus  # noqa: E402

PAGE_LIMIT = 1_000_000  # bytes: yamlreader.MAX_BYTES, the largest page the loader reads
LIMIT_SECONDS = 5.0

# name -> the unit repeated over the page (15 to a line, as in the review's repro)
INPUTS = {
    "postcodes": "1234 AB ",
    "addresses": "Aastraat 1 ",
    "phone numbers": "06-12345678 ",
    "phone-like numbers": "(010) 123 45 67 ",
    "e-mail addresses": "jan@example.nl ",
    "birth dates": "geboren op 12-03-2015 ",
    "BSNs": "111222333 ",
    "names with an age": "Fatima (8 jaar) ",
    "register street names": "Laan van Meerdervoort 50 ",
    "words before numbers": "Stap 1 Fase 2 ",
    "character references": "jan&#64;example.nl ",
}

HEAD = """---
title: Een pagina vol gegevens
description: Een pagina voor de benchmark, met een beschrijving die lang genoeg is.
themes: [{theme}]
audience: [professionals]
sources: [{source}]
updated: 2024-05-01
status: published
---

"""


def page_text(unit: str, theme: str, source: str) -> str:
    """A valid tip whose body is lines of the unit, as close under the page limit as whole lines go."""
    head = HEAD.format(theme=theme, source=source)
    line = unit * 15 + "\n"
    room = PAGE_LIMIT - len(head.encode("utf-8")) - 1000
    return head + line * (room // len(line.encode("utf-8")))


def make_root(base: Path, name: str, unit: str) -> Path:
    """A corpus of a few valid pages plus the one worst page."""
    root = base / name.replace(" ", "-")
    generate_corpus(root, 20)
    content = root / "content"
    theme = sorted((content / "themas").glob("*.md"))[0].stem
    source = sorted((content / "bronnen").glob("*.md"))[0].stem
    (content / "tips" / "worst-page.md").write_text(page_text(unit, theme, source), encoding="utf-8")
    return root


def main() -> int:
    import tempfile

    from run import HANDBOOK, run_process

    with tempfile.TemporaryDirectory(prefix="worst-pages-") as tmp:
        for name, unit in INPUTS.items():
            root = make_root(Path(tmp), name, unit)
            run = run_process([str(HANDBOOK), "--root", str(root), "check"])
            summary = (run.stdout.strip().splitlines() or [""])[-1]
            print(f"  {name:<20} {run.seconds:6.2f} s (CPU {run.cpu_seconds:.2f} s)  {run.max_rss_mb:4.0f} MB  exit {run.returncode}  {summary}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
