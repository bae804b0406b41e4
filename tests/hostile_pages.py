"""Pages whose front-matter values decode to HTML (security review F1, F4, F14).

Every payload is written the way the review got it past the raw-text scan: YAML
escapes (``\\x3c``, ``\\u003c``), a folded scalar that joins a tag over two lines, a
quote that closes an attribute. Each payload calls ``alert(N)`` with its own N, so a
leak names the field it came through. Shared by the build tests and the browser's
hostile-corpus test.
"""

from __future__ import annotations


def img(n: int) -> str:
    """A YAML double-quoted value that decodes to ``<img src=x onerror=alert(n)>``."""
    return rf'"\x3cimg src=x onerror=alert({n})\x3e"'


def script(n: int) -> str:
    """A YAML double-quoted value that decodes to a script element, through \\u escapes."""
    return rf'"Tekst \u003cscript\u003ealert({n})\u003c/script\u003e die lang genoeg is voor het schema."'


# The number of every alert the pages below carry (see test_site_escaping for the field of each).
ALERTS = range(1, 19)

FRONT_MATTER_PAGES = {
    "tips/vijandige-tip.md": f"""\
---
title: {img(1)}
description: {script(2)}
themes: [thema-a]
audience: [professionals]
sources: [vijandige-bron]
updated: 2024-05-01
status: published
---

Tekst.
""",
    "tips/citaat-tip.md": """\
---
title: Een tip met aanhalingstekens
description: 'Een tip" onfocus="alert(3)" autofocus="x die lang genoeg is voor het schema.'
themes: [thema-a]
audience: [ouders]
sources: [vijandige-bron]
updated: 2024-05-01
status: published
---

Tekst.
""",
    "bronnen/vijandige-bron.md": f"""\
---
title: "Bron \\x3cimg src=x onerror=alert(4)\\x3e"
description: Een bron voor de tests, met een beschrijving die lang genoeg is.
authors: [{img(5)}]
year: 2016
publisher: {img(6)}
url: 'https://x.nl/" onmouseover="alert(7)" x="'
updated: 2024-05-01
status: published
---

Over de bron.
""",
    "methoden/vijandige-methode.md": f"""\
---
title: Vijandige methode
description: Een methode voor de tests, met een beschrijving die lang genoeg is.
themes: [vijandig-thema]
audience: [professionals]
sources: [vijandige-bron]
duration: {{min: 30, max: 60}}
group_size: {{min: 3, max: 8}}
roles:
  - name: {img(8)}
    task: {img(9)}
materials: [{img(10)}]
updated: 2024-05-01
status: published
---

## Doel

Samen leren.

## Stappen

1. Begin.
2. Eindig.
""",
    "praktijken/vijandige-praktijk.md": f"""\
---
title: Vijandige praktijk
description: Een praktijk voor de tests, met een beschrijving die lang genoeg is.
themes: [thema-a]
audience: [professionals]
sources: [vijandige-bron]
city: {img(11)}
neighbourhoods: [vijandige-wijk]
organisations: [{img(12)}]
period: onbekend
updated: 2024-05-01
status: published
---

Tekst.
""",
    "themas/vijandig-thema.md": f"""\
---
title: {img(13)}
description: >
  Een thema met een beschrijving die over twee regels loopt <img src=x
  onerror=alert(14)> en zo een tag wordt.
updated: 2024-05-01
status: published
---

Over het thema.
""",
    "roadshows/vijandige-roadshow.md": f"""\
---
title: Vijandige roadshow
description: Een roadshow voor de tests, met een beschrijving die lang genoeg is.
themes: [thema-a]
audience: [professionals]
neighbourhood: vijandige-wijk
date: 2024-05-01
organisers: [{img(15)}]
updated: 2024-05-01
status: published
---

## Wat we leerden

Tekst.
""",
    "wijken/vijandige-wijk.md": f"""\
---
title: "Wijk \\u003csvg onload=alert(16)\\u003e"
description: Een wijk voor de tests, met een beschrijving die lang genoeg is.
city: {img(17)}
updated: 2024-05-01
status: published
---

Over de wijk.
""",
    "over.md": """\
---
title: "Over \\x3c/title\\x3e\\x3cscript\\x3ealert(18)\\x3c/script\\x3e"
description: Een losse pagina voor de tests, met een beschrijving die lang genoeg is.
---

Over het handboek.
""",
}


def tip(title: str, body: str) -> str:
    """A valid tip (themes and source of the base corpus) with a hostile body."""
    return f"""\
---
title: {title}
description: Een tip voor de aanvalstest, met een beschrijving die lang genoeg is.
themes: [thema-a]
audience: [professionals]
sources: [bron-a]
updated: 2024-05-01
status: published
---

Tekst.

{body}
"""


# F3: three ways round the body's unsafe-html rule; F8: resources from another host.
BODY_PAGES = {
    "tips/attr-onclick.md": tip("Attribuutlijst met onclick", '[klik](https://example.org){: onclick="alert(102)" }'),
    "tips/attr-hover.md": tip(
        "Attribuutlijst met hover",
        "Een alinea over de hele pagina.\n{: onmouseover=alert(103) style=\"position:fixed;inset:0\" }",
    ),
    "tips/attr-href.md": tip("Attribuutlijst met href", '[klik](https://example.org){: href="javascript:alert(104)" }'),
    "tips/ref-next-line.md": tip("Verwijzing op de volgende regel", "[hier][a]\n\n[a]:\n    javascript:alert(105)"),
    "tips/quoted-gt.md": tip("Punthaak in een attribuut", '<a title=">" href="javascript:alert(106)">klik</a>'),
    "tips/tracker-image.md": tip("Afbeelding van een andere site", "![Foto](https://tracker.example/p.png)"),
    "tips/tracker-img.md": tip("HTML-afbeelding van een andere site", "<img src=https://tracker.example/i.png alt=\"Foto\">"),
    "tips/tracker-css.md": tip(
        "Achtergrond van een andere site",
        '<p style="background:url(https://tracker.example/bg.png)">Tekst met achtergrond.</p>',
    ),
}

# F2 and F5: files that are not pages, and symbolic links, in content/.
NON_PAGE_FILES = {
    "x.html": "<script>alert(201)</script>",
    "x.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(202)"/>',
    "assets/javascripts/handbook.js": "alert(203)",
}
SYMLINKS = {"env.txt": "/proc/self/environ", "leak.txt": "/etc/passwd"}


def add_files(root, outside) -> list[str]:
    """Put the F2 and F5 files into ``root``/content; the paths (from the repository root) that
    check must reject. ``outside`` is a folder outside the repository."""
    import os

    content = root / "content"
    for rel, text in NON_PAGE_FILES.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    for rel, target in SYMLINKS.items():
        os.symlink(target, content / rel)
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "van-buiten.md").write_text(tip("Van buiten de repository", "<script>alert(204)</script>"), encoding="utf-8")
    os.symlink(outside / "van-buiten.md", content / "tips" / "van-buiten.md")  # a linked page
    (outside / "map").mkdir(exist_ok=True)
    (outside / "map" / "pagina.md").write_text(tip("In een gelinkte map", "<script>alert(205)</script>"), encoding="utf-8")
    os.symlink(outside / "map", content / "extra")  # a linked folder
    return [f"content/{rel}" for rel in [*NON_PAGE_FILES, *SYMLINKS, "tips/van-buiten.md", "extra"]]
