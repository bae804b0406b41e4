"""Front-matter against the page type's JSON Schema (validated once, by the loader)."""

from handbook.content.problems import error

ID = "schema"


def check(page, corpus):
    for err in page.schema_errors:
        line, column = page.position(err.path, on_key=err.on_key)
        yield error(page.path, line, column, err.message, err.rule)
