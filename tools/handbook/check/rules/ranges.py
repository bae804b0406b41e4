"""A range's min is not larger than its max."""

from handbook.content.problems import error

ID = "range"
_NAMES = {"duration": "de duur", "group_size": "de groepsgrootte"}


def check(page, corpus):
    for key, name in _NAMES.items():
        value = page.meta.get(key)
        if isinstance(value, dict) and isinstance(value.get("min"), int) and isinstance(value.get("max"), int):
            if value["min"] > value["max"]:
                line, column = page.position((key, "min"))
                yield error(
                    page.path, line, column, f"bij {name} is min ({value['min']}) groter dan max ({value['max']}); draai ze om", ID
                )
