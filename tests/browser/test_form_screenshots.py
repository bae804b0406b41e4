"""The guide's pictures of the forms are taken here, in Chromium, from a preview of the generated
forms (issue 15), never drawn by hand. A form that changed without new pictures fails; renew them with
`HANDBOOK_UPDATE_SCREENSHOTS=1 .venv/bin/python -m pytest tests/browser/test_form_screenshots.py`."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from handbook.authoring import form_preview, forms
from handbook.content.loader import load_corpus

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
IMAGES = REPO / "content" / "bijdragen" / "img"
RECORD = REPO / "tests" / "form_screenshots.json"  # form file -> sha256 of the form it pictures
PICTURED = {"nieuwe-tip.yml": "formulier-tip.png", "correctie.yml": "formulier-verbetering.png"}


def test_guide_pictures_show_the_current_forms(browser):
    texts = forms.generated(load_corpus(REPO))
    wanted = {name: hashlib.sha256(texts[name].encode("utf-8")).hexdigest() for name in PICTURED}
    recorded = json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.is_file() else {}
    update = os.environ.get("HANDBOOK_UPDATE_SCREENSHOTS") == "1"
    page = browser.new_page(viewport={"width": 760, "height": 900}, locale="nl-NL")
    for name, picture in PICTURED.items():
        import yaml

        page.set_content(form_preview.preview_html(yaml.safe_load(texts[name])))
        assert page.locator("label").count() >= 3  # the questions are there
        if update:
            page.locator("main").screenshot(path=str(IMAGES / picture))
            recorded[name] = wanted[name]
    page.close()
    if update:
        RECORD.write_text(json.dumps(recorded, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for name, picture in PICTURED.items():
        assert (IMAGES / picture).is_file(), picture
        assert recorded.get(name) == wanted[name], f"{name} changed: renew the pictures (see this test's docstring)"
