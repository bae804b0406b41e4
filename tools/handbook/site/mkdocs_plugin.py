"""The mkdocs adapter: a thin layer between mkdocs events and the handbook's plain functions.

Every event guards, then calls a plain function (loader, generated, listings,
page_view); nothing here knows about themes, cards or citations. The corpus is read
once per build, in on_config.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

from markupsafe import Markup
from mkdocs.commands.build import build
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import get_relative_url
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Section

from handbook.check import html_policy
from handbook.site import listings, navigation, offline_copy, published_files

from handbook.content import schemas
from handbook.site.generated import generated_pages
from handbook.content.loader import load_corpus
from handbook.site.page_view import edit_base, home_view, page_view

# Material's offline plugin loads this shim from unpkg.com; the site serves its own copy instead.
IFRAME_WORKER_SHIM = "assets/javascripts/iframe-worker-shim.js"
# Markdown leaves a blank line after a raw HTML block where the md_in_html block it stands
# for had none: the mark takes it along.
CARD_MARK = re.compile(r"(<!-- hb-cards \d+ -->)\n?")
PRINT_DIR = "print"  # where handbook build puts the theme booklets in the site
log = logging.getLogger("mkdocs.plugins.handbook")


class HandbookConfig(base.Config):
    root = c.Optional(c.Type(str))  # the repository (holds content/); default: the folder of mkdocs.yml
    schemas_dir = c.Type(str, default="schemas")  # where the JSON Schemas are published in the site
    related = c.Type(int, default=6)  # how many "Zie ook" pages at most
    home_template = c.Type(str, default="home.html")  # unless the home page names its own template
    home_hide = c.ListOfItems(c.Type(str), default=["navigation"])  # the entry cards take the navigation's place


class HandbookPlugin(BasePlugin[HandbookConfig]):
    def __init__(self):
        self.corpus = None
        self.by_rel = {}
        self.files = None
        self.edit_base = ""
        self.handed_corpus = None  # set by ``handbook build``: the corpus it loaded and checked
        self.index_ready = None  # set by ``handbook build``: waits for its search index update
        self.card_blocks: dict[str, tuple] = {}  # placeholder -> (pages, filterable), see _cards
        self.command = ""

    def on_startup(self, *, command, dirty):
        self.command = command

    # Run after Material's offline plugin, which adds the polyfill this replaces.
    @event_priority(-50)
    def on_config(self, config):
        root = Path(self.config.root or Path(config.config_file_path or ".").parent).resolve()
        handed, self.handed_corpus = self.handed_corpus, None
        self.corpus = handed if handed is not None and handed.root == root else load_corpus(root)
        refused = published_files.refused(self.corpus)
        if refused:
            # Before mkdocs walks content/ (it follows linked folders, and copies every file it finds).
            raise PluginError(published_files.refusal(refused))
        self.by_rel = {page.rel: page for page in self.corpus.pages}
        polyfills = config.extra.get("polyfills") or []
        config.extra["polyfills"] = [IFRAME_WORKER_SHIM if "iframe-worker" in str(p) else p for p in polyfills]
        self.edit_base = edit_base(config.repo_url or "", config.edit_uri or "")
        if self.command == "serve" and not config.extra.get("hb_readers_only"):
            # `make serve` previews the published site: its search (Pagefind, run after each
            # rebuild in on_post_build), not Material's lunr.
            use_site_search(config)
        return config

    def on_files(self, files, *, config):
        # Only the corpus's pages and images leave content/ (F2, F5 of #12): mkdocs found the
        # files itself, following links, and anything under content/ would be copied as it is.
        allowed, folders = published_files.allowed(self.corpus), {}
        for file in list(files):
            why = published_files.not_published(file.src_uri, file.abs_src_path, config.docs_dir, allowed, file.generated_by, folders)
            if why is not None:
                files.remove(file)
                if not file.inclusion.is_excluded():
                    log.warning(why)
        for file in list(files):
            page = self.by_rel.get(file.src_uri)
            if page is not None and page.status != "published":
                files.remove(file)
        self.card_blocks = {}
        for rel, markdown in generated_pages(self.corpus, cards=self._cards).items():
            if files.get_file_from_path(rel) is None:
                files.append(File.generated(config, rel, content=markdown))
        for name, data in schemas.schema_files().items():
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            files.append(File.generated(config, f"{self.config.schemas_dir}/{name}", content=text))
        if self.command == "serve":
            # mkdocs serve builds into a temporary folder without the theme booklets, which
            # only `handbook build` makes; serve the last ones so the theme pages' print links work.
            self._add_previous_prints(files, config)
        if config.extra.get("hb_readers_only"):
            # The offline copy (handbook build --offline, the zip): no contributor guide. Excluded,
            # not removed: links to those pages stay valid for mkdocs and lead to the published
            # site (on_page_content).
            for file in files:
                if offline_copy.for_readers_only(file.src_uri):
                    file.inclusion = InclusionLevel.EXCLUDED
        self.files = files
        return files

    def _add_previous_prints(self, files, config):
        site = Path(config.config_file_path or ".").parent / "site"
        found = sorted(p for p in (site / PRINT_DIR).glob("*") if p.is_file()) if (site / PRINT_DIR).is_dir() else []
        if not found:
            log.info("Printversies van de thema's ontbreken: maak ze met 'handbook build' (make serve doet dat).")
        offline_zip = site / offline_copy.ZIP_NAME
        if offline_zip.is_file() and not offline_zip.is_symlink():
            # And the last offline zip, which the page "Het handboek offline gebruiken" offers.
            found.append(offline_zip)
            size = offline_copy.size_label(offline_zip.stat().st_size)
            config.extra["hb_offline_zip"] = {"href": offline_copy.ZIP_NAME, "size": size}
        for path in found:
            rel = path.relative_to(site).as_posix()
            if files.get_file_from_path(rel) is None:
                files.append(File(rel, str(site), config.site_dir, config.use_directory_urls))

    def on_post_build(self, *, config):
        if self.command != "serve" or not config.extra.get("hb_search"):
            return
        from handbook.site.site_search import SiteSearchError, build_site_search

        try:
            build_site_search(Path(config.site_dir), self.corpus)
        except SiteSearchError as exc:  # the preview goes on; its search box then says it cannot search
            log.warning(str(exc))

    def on_nav(self, nav, *, config, files):
        # Sections in the handbook's type order, named by their Dutch plural ("Thema's", not "Themas").
        types = [t for t in schemas.page_types().values() if t.folder]
        rank = {t.folder: (i, t.plural) for i, t in enumerate(types)}

        def folder(item):
            for child in item.children or ():
                if getattr(child, "file", None) is not None:
                    return child.file.src_uri.split("/")[0]
            return ""

        def position(item):
            if item.is_page and item.is_homepage:
                return (0, 0)
            return (1, rank.get(folder(item), (99, ""))[0]) if item.is_section else (2, 0)

        def child_position(child):
            # Pages are not read yet: their titles come from the corpus.
            source = self.by_rel.get(child.file.src_uri) if child.is_page else None
            title = source.title if source is not None else str(child.title or "")
            return (0 if child.is_page and child.is_index else 1, title.casefold())

        def step_position(child):
            # Free folders (the contributor guide) in the order of their steps: 'order' in a page's
            # front-matter, then the pages without one by title; the folder's index first.
            source = self.by_rel.get(child.file.src_uri) if child.is_page else None
            order = source.meta.get("order") if source is not None else None
            return (0 if child.is_page and child.is_index else 1, order if isinstance(order, int) else 10**6, child_position(child)[1])

        for item in nav.items:
            if item.is_section and folder(item) not in rank:
                item.children.sort(key=step_position)
            if item.is_section and folder(item) in rank:
                item.title = rank[folder(item)][1]
                item.children.sort(key=child_position)
                self._group(item, child_position)
        nav.items.sort(key=position)
        return nav

    @staticmethod
    def _group(section, child_position):
        # A long section gets alphabetical sub-sections (and those, when many, sub-sections of
        # their own), so a page's navigation stays small and the build linear in pages.
        index = [c for c in section.children if c.is_page and c.is_index]
        rest = [c for c in section.children if c not in index]
        tree = navigation.alphabetical_tree([child_position(c)[1] for c in rest])
        if len(tree) < 2:
            return

        def build(parent, members):
            items = []
            for member in members:
                if isinstance(member, int):
                    item = rest[member]
                else:
                    item = Section(member[0], [])
                    item.children = build(item, member[1])
                item.parent = parent
                items.append(item)
            return items

        section.children = list(index) + build(section, tree)

    def on_env(self, env, *, config, files):
        # The handbook's own templates escape every value they print (review F1); mkdocs'
        # environment escapes nothing, and Material's templates are written for that.
        env.autoescape = autoescape_for(own_templates(config.theme.custom_dir), env.autoescape)
        # Pages are converted; "Zie ook" needs the search index from here on.
        ready, self.index_ready = self.index_ready, None
        if ready is not None:
            ready()
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        if page.is_homepage:
            if self.config.home_template:
                page.meta.setdefault("template", self.config.home_template)
            page.meta.setdefault("hide", list(self.config.home_hide))
        if schemas.for_contributors(page.file.src_uri) and not config.extra.get("hb_search"):
            # Material's search (the offline copy) is for readers: contributor pages stay out of it.
            page.meta["search"] = {"exclude": True}
        source = self.by_rel.get(page.file.src_uri)
        if source is None:
            return markdown
        listing = listings.appended_listing(self.corpus, source, cards=self._cards)
        return f"{markdown.rstrip()}\n\n{listing}" if listing else markdown

    def _cards(self, pages, corpus, from_rel, show_type=False, filterable=False):
        # Card lists are written as HTML after the Markdown (on_page_content): the same HTML,
        # without Markdown parsing every card on every theme, source and overview page.
        if not listings.html_possible(pages, corpus, show_type):
            return listings.cards(pages, corpus, from_rel, show_type, filterable)
        mark = f"<!-- hb-cards {len(self.card_blocks)} -->"
        self.card_blocks[mark] = (pages, filterable)
        return mark

    def on_page_content(self, html, *, page, config, files):
        escape_meta(page)
        if "<!-- hb-cards " in html:
            html = self._write_cards(html, page, files)
        if config.extra.get("hb_readers_only"):
            html = offline_copy.contributor_links(html, self._left_out_links(page, files, config))
        # The check reports what the allow-list would remove; the build removes it anyway, so that
        # a page that slipped past the check cannot add script, handlers or javascript: URLs (F3).
        return html_policy.clean(html)

    def _write_cards(self, html, page, files):
        def href_of(target):
            file = files.get_file_from_path(target.rel)
            return file.url_relative_to(page.file)

        def written(match):
            found = self.card_blocks.get(match.group(1))
            if found is None:  # the page's own text, not a mark of ours
                return match.group(0)
            return listings.cards_html(found[0], self.corpus, href_of, found[1])

        return CARD_MARK.sub(written, html)

    @staticmethod
    def _left_out_links(page, files, config) -> dict[str, str]:
        # mkdocs writes a link to an excluded page relative to this page, as to any other.
        site = config.site_url or ""
        return {
            get_relative_url(f.url, page.file.url): site + f.url
            for f in files.documentation_pages(inclusion=InclusionLevel.is_excluded)
        }

    def _url_of(self, page) -> str:
        file = self.files.get_file_from_path(page.rel) if self.files is not None else None
        return file.url if file is not None else page.url

    def _folder_url(self, folder: str) -> str:
        file = self.files.get_file_from_path(f"{folder}/index.md") if self.files is not None else None
        return file.url if file is not None else f"{folder}/"

    def on_page_context(self, context, *, page, config, nav):
        source = self.by_rel.get(page.file.src_uri)
        here = page.url
        if source is not None and source.type != "page":
            context["handbook"] = page_view(
                self.corpus, source, self._url_of, here, self.edit_base, self.config.related,
                repo_url=config.repo_url or "", site_url=config.site_url or "",
            )
        if source is not None and config.extra.get("hb_search") and not page.is_homepage:
            # The home page only leads elsewhere: it is no search result of its own.
            from handbook.site.search_view import search_view

            context["hb_search"] = search_view(self.corpus, source)
        if page.is_homepage:
            context["handbook_home"] = home_view(self.corpus, self._folder_url, self._url_of, here)
        return context


# Material's message catalogues: constants that its templates also put into JSON for its
# script (tojson), where an escaped apostrophe would show as '&#39;'. No value reaches them.
NOT_ESCAPED = "partials/languages/"


def own_templates(custom_dir: str | None) -> frozenset[str]:
    """The template names of the handbook's own templates (overrides/), as Jinja names them."""
    if not custom_dir or not Path(custom_dir).is_dir():
        return frozenset()
    folder = Path(custom_dir)
    names = (p.relative_to(folder).as_posix() for p in folder.rglob("*.html") if p.is_file())
    return frozenset(name for name in names if not name.startswith(NOT_ESCAPED))


def autoescape_for(names: frozenset[str], before):
    """Jinja's autoescape setting: on for ``names``, as ``before`` was for every other template."""

    def autoescape(name: str | None) -> bool:
        if name in names:
            return True
        return before(name) if callable(before) else bool(before)

    return autoescape


# Material's templates print these raw: in <title>, the header, the navigation, the footer and
# <meta name="description" content="...">. They get them as escaped Markup, which Material
# prints as it is and autoescaping templates do not escape twice.
ESCAPED_META = ("title", "description")


def escape_meta(page) -> None:
    """Hand Material escaped titles and descriptions (review F1). A title taken from the page's
    first heading or its file name is escaped too, as a title in the front-matter."""
    title = page.title
    if title is not None:
        page.meta["title"] = Markup.escape(str(title))
    for key in ESCAPED_META[1:]:
        if page.meta.get(key) is not None:
            page.meta[key] = Markup.escape(str(page.meta[key]))


# The in-process `mkdocs build --strict` that ``handbook build`` (site/build.py) runs.


class _Collect(logging.Handler):
    """Keeps mkdocs' warnings and errors, to report them in the build's message."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def mkdocs_build(config_file: Path, site_dir: Path, collect: _Collect | None = None, corpus=None, index_ready=None,
                 site_search: bool = False, readers_only: bool = False, offline_zip: dict | None = None) -> None:
    """Run ``mkdocs build --strict`` in-process into ``site_dir``; mkdocs' warnings go to
    ``collect``. Raises mkdocs' exceptions when the build fails. ``corpus`` (already loaded
    and checked) is handed to the handbook plugin, which then does not read every page again;
    ``index_ready()`` is called before the first page is rendered (see ``build_site``).
    With ``site_search`` the pages carry the data of the handbook's own search (Pagefind,
    see handbook.site.site_search) and Material's search plugin is switched off. With
    ``readers_only`` (the offline copy) the contributor guide is left out and links to it
    lead to the published site; ``offline_zip`` ({"href", "size"}) is the offline copy's zip
    that the page "Offline gebruiken" offers (handbook.site.offline_copy)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner: known to the team
    collect = collect or _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        if site_search:
            use_site_search(config)
        if readers_only:
            config.extra["hb_readers_only"] = True
            config.extra["hb_published_url"] = config.site_url or ""
        if offline_zip:
            config.extra["hb_offline_zip"] = dict(offline_zip)
        plugin = config.plugins.get("handbook")
        if plugin is not None:
            plugin.handed_corpus, plugin.index_ready = corpus, index_ready
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        logger.removeHandler(collect)


def use_site_search(config) -> None:
    """The published site searches with Pagefind: nothing of Material's search is built
    (no lunr index sent to every visitor), and the templates show the handbook's box."""
    config.extra["hb_search"] = True
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and "enabled" in plugin.config:
            plugin.config.enabled = False
