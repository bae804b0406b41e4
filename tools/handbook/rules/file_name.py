"""A page's file name is its slug, and so its web address: keep it plain."""

import re
from pathlib import PurePosixPath

from handbook.problems import error

ID = "file-name"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check(page, corpus):
    stem = PurePosixPath(page.rel).stem
    if not _SLUG.match(stem):
        yield error(
            page.path,
            1,
            1,
            f"de bestandsnaam '{stem}.md' mag alleen kleine letters, cijfers en streepjes bevatten; "
            "hernoem het bestand, bijvoorbeeld met 'handbook new'",
            ID,
        )
