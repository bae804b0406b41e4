"""What print needs from mkdocs.yml: the handbook's name, its address online and
the Markdown extensions, so printed pages render as the site renders them."""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

# A booklet is read away from the machine that built it: an address on this
# machine would be a dead link and a QR code that leads nowhere.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}

# mkdocs always adds these, whatever mkdocs.yml says.
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


@dataclass(frozen=True)
class SiteConfig:
    site_name: str
    site_url: str  # always ends with '/'
    extensions: tuple[str, ...]
    extension_configs: dict = field(default_factory=dict, compare=False, hash=False)

    def page_address(self, page) -> str:
        return self.site_url + page.url


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may carry tags such as !!python/name:... (pymdownx) or !ENV."""


def _python_name(loader, suffix, node):
    module, _, attr = suffix.rpartition(".")
    return getattr(importlib.import_module(module), attr)


def _env(loader, node):
    """mkdocs' !ENV: the first variable that is set, else the last item as default."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        value = os.environ.get(str(name))
        if value:
            return value
    return default


def _ignore(loader, suffix, node):
    return None


_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", _ignore)


def printable_address(url: str) -> str:
    """The site's address as print shows it: '' when it is on this machine."""
    if not url:
        return ""
    host = urlsplit(url).hostname or ""
    if host in LOCAL_HOSTS:
        return ""
    return url if url.endswith("/") else url + "/"


@cache
def _load(path: str, mtime: float, site_url_env: str) -> SiteConfig:
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader) or {}
    names, configs = [], {}
    for item in data.get("markdown_extensions") or []:
        if isinstance(item, dict):
            for name, options in item.items():
                names.append(name)
                configs[name] = dict(options or {})
        elif isinstance(item, str):
            names.append(item)
    for name in MKDOCS_BUILTIN_EXTENSIONS:
        if name not in names:
            names.append(name)
    # On paper a heading anchor (¶) is noise.
    configs.setdefault("toc", {})["permalink"] = False
    url = printable_address(str(data.get("site_url") or ""))
    return SiteConfig(
        site_name=str(data.get("site_name") or "Handboek"),
        site_url=url,
        extensions=tuple(names),
        extension_configs=configs,
    )


def site_config(root) -> SiteConfig:
    path = Path(root) / "mkdocs.yml"
    if not path.is_file():
        return SiteConfig("Handboek", "", MKDOCS_BUILTIN_EXTENSIONS, {"toc": {"permalink": False}})
    return _load(str(path), path.stat().st_mtime, os.environ.get("HANDBOOK_SITE_URL", ""))
