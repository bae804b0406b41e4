"""No third-party requests from content: images and other embedded resources are files of the handbook.

An image, video, style or font fetched from another site as the page loads tells that
site who reads the handbook (a tracking pixel sees every reader's IP address), and the
site promises that no request leaves it. Decided on the rendered HTML (``body_html``):
``![..](https://...)``, ``<img src=https://...>``, ``srcset``, ``<source>``, ``poster``
and CSS ``url(...)`` alike. A plain link to another site is fine: it is only followed
when a reader clicks it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from handbook.check import body_html
from handbook.content.problems import error

ID = "external-resource"


def message(url: str) -> str:
    host = ""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        pass
    where = f"van een andere site ({host})" if host else "niet uit het handboek zelf"
    return (
        f"deze afbeelding of dit bestand wordt {where} geladen zodra iemand de pagina opent; zo ziet die site "
        "wie het handboek leest. Zet het bestand in de map content/ (bijvoorbeeld content/afbeeldingen/) en "
        "verwijs ernaar met een pad als ../afbeeldingen/foto.jpg; een gewone link naar de site mag wel"
    )


def check(page, corpus):
    result = body_html.rendered(page, corpus)
    if result is None or result.failed:
        return  # nothing to load, or unsafe-html reports the body
    where = body_html.locator(page)
    for removal in result.removed:
        found = body_html.elsewhere(removal)
        if found is None:
            continue  # removed for another reason: unsafe-html reports it
        attribute, url = found
        line, column = where.attribute(attribute, url, url=True) if removal.attribute else where.tag(removal.element)
        yield error(page.path, line, column, message(url), ID)
