"""An ISBN's check digit is right: a mistyped ISBN sends a reader to the wrong book."""

from handbook.content.problems import error

ID = "isbn"


def valid(isbn: str) -> bool:
    digits = isbn.replace("-", "").replace(" ", "").upper()
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if len(digits) == 13 and digits.isdigit():
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


def check(page, corpus):
    value = page.meta.get("isbn")
    if isinstance(value, str) and not valid(value):
        line, column = page.position(("isbn",))
        yield error(page.path, line, column, f"het ISBN '{value}' klopt niet (het controlecijfer past niet); neem het nog eens over", ID)
