"""``handbook forms [--check]``: write the contribution forms generated from the schemas."""

from __future__ import annotations

import sys

from handbook.authoring import forms
from handbook.content.loader import load_corpus


def add_arguments(parser):
    parser.add_argument("--check", action="store_true", help="schrijf niets; meld (exit 1) als een formulier niet meer klopt met de schema's")


def run(args) -> int:
    corpus = load_corpus(args.root)
    if args.check:
        stale = [
            f"{forms.FORM_DIR}/{name}"
            for name, text in forms.generated(corpus).items()
            if not (args.root / forms.FORM_DIR / name).is_file()
            or (args.root / forms.FORM_DIR / name).read_text(encoding="utf-8") != text
        ]
        for path in stale:
            print(f"{path}:1:1: error: het formulier klopt niet meer met de schema's of de inhoud; maak het opnieuw met 'handbook forms' (forms)")
        return 1 if stale else 0
    changed = forms.write(args.root, corpus)
    print("\n".join(f"bijgewerkt: {path}" for path in changed) or "de formulieren waren al bij")
    return 0
