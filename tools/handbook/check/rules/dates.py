"""Dates that lie in the future: a typo in the year, most of the time."""

import datetime

from handbook.content.problems import warning

ID = "future-date"


def check(page, corpus):
    value = page.meta.get("updated")
    if not isinstance(value, str):
        return
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return  # the schema rule reports it
    if day > datetime.date.today():
        line, column = page.position(("updated",))
        yield warning(page.path, line, column, f"'updated' ligt in de toekomst ({value}); is het jaartal goed?", ID)
