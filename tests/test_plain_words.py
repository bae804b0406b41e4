"""Reader and contributor pages speak plain Dutch (issue 15): a technical word never stands alone,
its plain Dutch word is beside it on the same line."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# jargon -> the plain words, one of which must be on the same line
PLAIN = {
    r"front-matter": ("kopgegevens",),
    r"\bdraft\b": ("concept",),
    r"\brepository\b": ("bestanden", "opslagplaats", "map"),
}


def test_jargon_has_a_plain_dutch_word_beside_it():
    lonely = []
    for path in sorted((REPO / "content").rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for word, plain in PLAIN.items():
                if re.search(word, line, re.I) and not any(p in line.lower() for p in plain):
                    lonely.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:80]}")
    assert lonely == []
