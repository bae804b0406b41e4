"""A page's file name is its slug, and so its web address: keep it plain."""

import re
from pathlib import PurePosixPath

from handbook.content.loader import name_stem
from handbook.content.problems import error

ID = "file-name"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check(page, corpus):
    name = page.rel.rsplit("/", 1)[-1]
    stem = name_stem(name) if "//" not in page.rel and name not in ("", ".", "..") else PurePosixPath(page.rel).stem
    if not _SLUG.match(stem):
        yield error(
            page.path,
            1,
            1,
            f"de bestandsnaam '{stem}.md' mag alleen kleine letters, cijfers en streepjes bevatten; "
            "hernoem het bestand, bijvoorbeeld met 'handbook new'",
            ID,
        )
