"""What print needs from mkdocs.yml: the handbook's name, its address online and
the Markdown extensions, so printed pages render as the site renders them."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

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


def _ignore(loader, suffix, node):
    return None


_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_Loader.add_multi_constructor("!", _ignore)


@cache
def _load(path: str, mtime: float) -> SiteConfig:
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
    url = str(data.get("site_url") or "")
    if url and not url.endswith("/"):
        url += "/"
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
    return _load(str(path), path.stat().st_mtime)
