"""A plain HTML preview of a generated issue form, as GitHub shows it to a contributor: the guide's
screenshots are taken from it in Chromium (tests/browser/test_form_screenshots.py), so they follow
the forms instead of being drawn by hand."""

from __future__ import annotations

from html import escape

import markdown

STYLE = """
body { font: 15px/1.5 system-ui, "DejaVu Sans", sans-serif; color: #1f2328; margin: 0; background: #f6f8fa; }
main { max-width: 720px; margin: 0 auto; padding: 24px; background: #ffffff; border: 1px solid #d0d7de; }
h1 { font-size: 22px; margin: 0 0 4px; } .lead { color: #59636e; margin: 0 0 16px; }
.intro { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 16px; margin: 0 0 16px; background: #f6f8fa; }
label, .legend { display: block; font-weight: 600; margin: 16px 0 4px; }
.req { color: #d1242f; } .help { color: #59636e; font-size: 13px; margin: 0 0 6px; }
input[type=text], textarea, select { width: 100%; box-sizing: border-box; border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 8px; font: inherit; background: #f6f8fa; }
textarea { height: 80px; } select { height: auto; }
.check { font-weight: 400; display: flex; gap: 8px; align-items: flex-start; }
.send { margin-top: 20px; background: #1f883d; color: #ffffff; border: 0; border-radius: 6px; padding: 8px 16px; font: inherit; font-weight: 600; }
"""


def preview_html(form: dict) -> str:
    """The form as a page: its name, description and every question with its help and choices."""
    parts = [f"<h1>{escape(form['name'])}</h1>", f"<p class=\"lead\">{escape(form.get('description', ''))}</p>"]
    for element in form["body"]:
        kind, attributes = element["type"], element.get("attributes", {})
        if kind == "markdown":
            parts.append(f"<div class=\"intro\">{markdown.markdown(escape(attributes['value'], quote=False))}</div>")
            continue
        required = element.get("validations", {}).get("required", False)
        mark = ' <span class="req">*</span>' if required else ""
        field = f"f-{escape(element.get('id', ''))}"
        label = escape(attributes.get("label", ""))
        help_text = f"<p class=\"help\">{escape(attributes['description'])}</p>" if attributes.get("description") else ""
        if kind == "checkboxes":
            star = ' <span class="req">*</span>'
            options = "".join(
                f"<label class=\"check\"><input type=\"checkbox\">{escape(o['label'])}{star if o.get('required') else ''}</label>"
                for o in attributes.get("options", [])
            )
            parts.append(f"<div class=\"legend\">{label}</div>{help_text}{options}")
        elif kind == "dropdown":
            multiple = " multiple size=\"4\"" if attributes.get("multiple") else ""
            options = "".join(f"<option>{escape(o)}</option>" for o in attributes.get("options", []))
            parts.append(f"<label for=\"{field}\">{label}{mark}</label>{help_text}<select id=\"{field}\"{multiple}>{options}</select>")
        elif kind == "textarea":
            parts.append(f"<label for=\"{field}\">{label}{mark}</label>{help_text}<textarea id=\"{field}\"></textarea>")
        else:
            parts.append(f"<label for=\"{field}\">{label}{mark}</label>{help_text}<input type=\"text\" id=\"{field}\">")
    parts.append('<button class="send" type="button">Versturen</button>')
    body = "\n".join(parts)
    return (
        f"<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>{escape(form['name'])}</title>"
        f"<style>{STYLE}</style></head><body><main>{body}</main></body></html>"
    )
