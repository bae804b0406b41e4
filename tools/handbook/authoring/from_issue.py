"""``handbook from-issue EVENT.json``: a submitted contribution form becomes a page file.

The event is the file GitHub writes for an ``issues`` event. Its body is read with the same
field list the form was generated from (``forms.fields``): the answers under each known
heading, in the form's order; choices are mapped back from their labels to slugs; the page is
written with ``new_page``'s code and checked with ``handbook check``'s rules. Everything in the
issue is hostile: it only ever becomes YAML values through ``new_page.yaml_value``, Markdown
text in the body, and a file name from ``new_page.slugify``; it never reaches a shell.

The outcome is a plain record (``Outcome``) that the workflow turns into a pull request, or into
a comment in Dutch that says what to change. When the personal-data or HTML rules find something,
no page is kept, and the comment does not quote what was found.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from handbook.authoring import forms, new_page
from handbook.check.runner import check_corpus
from handbook.content import loader, schemas
from handbook.content.problems import ERROR

MAX_BODY = 200_000  # characters of an issue body read; GitHub allows 65,536
# What is never quoted back into the public issue: personal data, and markup or control characters
# (the rule ids of check/rules/; a test fails if one is renamed).
PRIVACY_RULES = ("personal-", "unsafe-html", "external-resource", "html-in-value", "control-char")
PRIVACY_LABEL = "privacy"


@dataclass
class Outcome:
    ok: bool
    issue: int
    comment: str = ""  # Markdown for the issue, in Dutch
    labels: list = field(default_factory=list)  # labels to add to the issue
    path: str = ""  # the page written (from the repository root)
    branch: str = ""
    title: str = ""  # the pull request's title
    pr_body: str = ""
    commit_message: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)


class FormError(Exception):
    """A Dutch sentence for the contributor: the form could not be turned into a page."""


def read_event(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FormError(f"het gebeurtenisbestand {path} is niet te lezen als JSON ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("issue"), dict):
        raise FormError("het gebeurtenisbestand bevat geen issue")
    return data


def form_type(issue: dict) -> str:
    """The page type whose form made the issue, from its labels."""
    names = {str(label.get("name", "")).lower() for label in issue.get("labels") or [] if isinstance(label, dict)}
    for type_name in forms.FORM_FILES:
        if schemas.page_types()[type_name].label.lower() in names:
            return type_name
    raise FormError("dit issue komt niet uit een formulier voor een nieuwe pagina (het label van het paginatype ontbreekt)")


def answers(body: str, spec: list[forms.Field]) -> dict[str, str]:
    """field id -> answer text, read under the form's headings in the form's order."""
    text = body.replace("\r\n", "\n")[:MAX_BODY]
    found: dict[str, str] = {}
    positions = []
    start = 0
    for item in spec:
        heading = re.compile(rf"^###[ \t]+{re.escape(item.label)}[ \t]*$", re.M)
        match = heading.search(text, start)
        if match is None:
            continue
        positions.append((item.id, match.start(), match.end()))
        start = match.end()
    for index, (item_id, _, end) in enumerate(positions):
        stop = positions[index + 1][1] if index + 1 < len(positions) else len(text)
        answer = text[end:stop].strip()
        if answer and answer != forms.NO_ANSWER:
            found[item_id] = answer
    return found


def _labels_to_values(answer: str, options, label: str) -> list[str]:
    """'A, B' -> the values of options A and B; labels may hold commas themselves."""
    by_label = sorted(options, key=lambda o: -len(o[1]))
    values, rest = [], answer.strip()
    while rest:
        match = next((o for o in by_label if rest.startswith(o[1])), None)
        if match is None:
            raise FormError(f"bij '{label}' staat een keuze die het formulier niet kent: kies uit de lijst")
        values.append(match[0])
        rest = rest[len(match[1]):].lstrip(" ,")
    return list(dict.fromkeys(values))


def _lines(answer: str) -> list[str]:
    return [re.sub(r"^\s*(?:[-*]|\d+[.)])\s+", "", line).strip() for line in answer.splitlines() if line.strip()]


def _range(answer: str, label: str) -> dict:
    found = re.fullmatch(r"\s*(\d{1,4})\s*(?:(?:-|–|tot|t/m)\s*(\d{1,4}))?\s*(?:minuten|min|deelnemers|mensen)?\s*", answer)
    if not found:
        raise FormError(f"bij '{label}' staat geen getal of van-tot zoals 60-90")
    low = int(found.group(1))
    high = int(found.group(2) or low)
    return {"min": low, "max": high}


def _roles(answer: str, label: str) -> list[dict]:
    roles = []
    for line in _lines(answer):
        name, sep, task = line.partition(":")
        if not sep or not name.strip() or not task.strip():
            raise FormError(f"bij '{label}' staat een regel zonder 'rol: taak', zoals 'Gespreksleider: bewaakt de tijd'")
        roles.append({"name": name.strip(), "task": task.strip()})
    return roles


def meta_and_body(type_name: str, found: dict[str, str], corpus, today: datetime.date) -> tuple[dict, str]:
    spec = forms.fields(type_name, corpus)
    meta: dict = {}
    sections = []
    for item in spec:
        answer = found.get(item.id)
        if item.key:
            if answer is None:
                continue
            if item.shape in ("slug", "slugs", "list"):
                values = _labels_to_values(answer, item.options, item.label)
                meta[item.key] = values[0] if item.shape == "slug" and values else values
            elif item.shape == "lines":
                meta[item.key] = _lines(answer)
            elif item.shape == "range":
                meta[item.key] = _range(answer, item.label)
            elif item.shape == "roles":
                meta[item.key] = _roles(answer, item.label)
            else:
                meta[item.key] = " ".join(answer.split())
        elif item.section and answer:
            lines = _lines(answer)
            numbered = item.section in schemas.page_types()[type_name].numbered_sections
            text = "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1)) if numbered else answer
            sections.append(f"## {item.section}\n\n{text}\n")
        elif item.id == forms.BODY_ID and answer:
            if schemas.page_types()[type_name].required_sections:
                sections.append(f"## Meer\n\n{answer}\n")
            else:
                sections.insert(0, answer + "\n")
    meta["updated"] = today.isoformat()
    meta["status"] = "published"
    return meta, "\n".join(sections)


def page_text(type_name: str, meta: dict, body: str) -> str:
    """The page file: front-matter keys in schema order (values through new_page.yaml_value)."""
    order = list(schemas.schema(type_name)["properties"])
    lines = ["---"]
    for key in order:
        if key in meta:
            lines.append(f"{key}: {new_page.yaml_value(meta[key])}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + body.strip() + "\n"


def _problem_line(problem, spec) -> str:
    labels = {f.key: f.label for f in spec if f.key}
    where = ""
    key = re.search(r"'([a-z_]+)'", problem.message)
    if key and key.group(1) in labels:
        where = f"**{labels[key.group(1)]}**: "
    return f"- {where}{problem.message}"


def convert(root: Path, event: dict, today: datetime.date) -> Outcome:
    """The page for the event's issue, written and checked; or why not, in Dutch."""
    issue = event["issue"]
    number = issue.get("number") if isinstance(issue.get("number"), int) else 0
    login = str((issue.get("user") or {}).get("login") or "")
    user_id = (issue.get("user") or {}).get("id")
    try:
        type_name = form_type(issue)
        corpus = loader.load_corpus(root)
        spec = forms.fields(type_name, corpus)
        found = answers(str(issue.get("body") or ""), spec)
        if forms.PRIVACY_ID not in found or "[x]" not in found[forms.PRIVACY_ID].lower():
            raise FormError("het vakje bij 'Privacy' is niet aangevinkt")
        meta, body = meta_and_body(type_name, found, corpus, today)
        title = meta.get("title")
        if not isinstance(title, str):
            raise FormError("de titel ontbreekt")
        planned = new_page.plan(root, type_name, new_page.check_title(title), today)
    except (FormError, new_page.Refusal) as exc:
        return Outcome(False, number, comment=_ask(str(exc)))
    text = page_text(type_name, meta, body)
    path = planned.path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        new_page._write_new(path, text)
    except OSError as exc:
        return Outcome(False, number, comment=_ask(f"de pagina kon niet worden geschreven ({exc.__class__.__name__})"))
    corpus = loader.load_corpus(root)
    problems = [p for p in check_corpus(corpus, only={planned.rel}) if p.level == ERROR]
    private = [p for p in problems if p.rule.startswith(PRIVACY_RULES)]
    if private:
        path.unlink()
        return Outcome(
            False, number, labels=[PRIVACY_LABEL],
            comment=(
                "Dank je wel voor je bijdrage! Voordat we er een pagina van maken, moet er iets worden aangepast: "
                "in de tekst staat iets wat op persoonlijke gegevens lijkt (zoals een naam met een leeftijd, een "
                "telefoonnummer, een adres of een e-mailadres) of HTML die niet op de site mag. We herhalen het hier "
                "niet, omdat dit issue openbaar is.\n\n"
                "Een redacteur past je tekst aan en zet hem daarna opnieuw om. Je hoeft zelf niets te doen."
            ),
        )
    if problems:
        path.unlink()
        lines = "\n".join(_problem_line(p, spec) for p in problems)
        return Outcome(False, number, comment=_ask("de controle van het handboek vond dit:\n\n" + lines))
    slug = planned.slug
    co_author = f"Co-authored-by: {login} <{user_id}+{login}@users.noreply.github.com>" if login and isinstance(user_id, int) else ""
    return Outcome(
        True,
        number,
        path=planned.rel,
        branch=f"bijdrage/{number}-{slug}"[:120],
        title=f"{schemas.page_types()[type_name].label}: {title}",
        pr_body=(
            f"Gemaakt met het formulier in #{number} door @{login}, omgezet door `handbook from-issue`.\n\n"
            f"Closes #{number}\n\n"
            "Voor de redacteur: de controle vond geen fouten. Lees de tekst tegen de bron, kijk of niets een gezin "
            "herkenbaar maakt, en bekijk de voorbeeldsite (het artefact 'voorbeeldsite' van de controle)."
        ),
        commit_message=f"Content: {title} (from issue #{number})\n\n{co_author}\n".rstrip() + "\n",
        comment=f"Dank je wel! Van je bijdrage is een voorstel gemaakt; een redacteur bekijkt het. Pagina: `{planned.rel}`.",
    )


def _ask(reason: str) -> str:
    return (
        "Dank je wel voor je bijdrage! We konden er nog geen pagina van maken: "
        f"{reason}\n\nPas je bijdrage aan met 'Edit' bij je bericht hierboven; een redacteur zet hem daarna opnieuw om."
    )
