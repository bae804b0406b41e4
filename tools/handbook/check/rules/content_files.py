"""Only pages and images are published from content/: every other file, and every symbolic
link, is an error. mkdocs copies whatever is in content/ into the site as it is, so an HTML
or SVG file there runs script on the site's own address, a file under assets/ replaces the
theme's own, and a link can publish any file of the machine that builds the site.

The walk (``walk.scan``, through the loader) decides what each entry is; this rule words it.
It looks at files that are not pages, so it has ``check_files(corpus)`` instead of ``check``.
"""

from handbook.content import walk
from handbook.content.problems import error

ID = "content-file"

ALLOWED = "alleen pagina's (.md) en afbeeldingen (.png, .jpg, .gif, .webp) worden gepubliceerd"
THEME_FOLDER = "assets/"  # the theme's own scripts, styles and images live here in the site

_MESSAGES = {
    walk.SYMLINK: "dit is een symbolische koppeling (symlink); die wordt niet gevolgd en niet gepubliceerd, "
    "want ze kan naar elk bestand wijzen. Zet het bestand of de map zelf in content/",
    walk.SPECIAL: "dit is geen gewoon bestand (maar een pipe, socket of apparaat); haal het weg uit content/",
}


def _other(suffix: str) -> str:
    if suffix == walk.PAGE_SUFFIX:  # '.MD' or '.Md': mkdocs would copy it as a plain file, unchecked
        return "een pagina eindigt op .md in kleine letters; hernoem het bestand, anders wordt het niet gecontroleerd en niet als pagina gepubliceerd"
    what = f"een {suffix}-bestand" if suffix else "een bestand zonder extensie"
    hint = "; SVG kan script bevatten: sla de afbeelding op als .png" if suffix == ".svg" else "; haal het weg of zet de inhoud in een pagina"
    return f"{ALLOWED}; {what} hoort niet in content/, want mkdocs zou het ongecontroleerd publiceren{hint}"


def _message(entry: walk.Refused) -> str:
    if entry.kind == walk.OTHER:
        return _other(entry.detail)
    if entry.kind == walk.NOT_IMAGE:
        return (
            f"de naam belooft een afbeelding ({entry.detail}), maar de inhoud is geen {walk.IMAGE_SUFFIXES[entry.detail].upper()}; "
            "sla de afbeelding opnieuw op als .png, .jpg, .gif of .webp"
        )
    return _MESSAGES[entry.kind]


def check_files(corpus):
    for entry in corpus.refused:
        yield error(entry.path, 1, 1, _message(entry), ID)
    for rel in corpus.images:
        if rel.startswith(THEME_FOLDER):
            yield error(
                f"{walk.CONTENT_DIR}/{rel}", 1, 1,
                "de map content/assets/ is van het thema: een bestand hier vervangt dat van het thema; "
                "zet afbeeldingen in een andere map, zoals content/afbeeldingen/", ID,
            )
