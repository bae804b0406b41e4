"""``handbook from-issue EVENT.json``: turn a submitted contribution form into a checked page.

Exit 0 with a page written, 1 when the contributor has to change something (the comment says
what), 2 on wrong usage. ``--output`` writes the outcome as JSON for the workflow.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from handbook.authoring import from_issue


def add_arguments(parser):
    parser.add_argument("event", metavar="EVENT.json", help="het bestand met de issue-gebeurtenis van GitHub ($GITHUB_EVENT_PATH)")
    parser.add_argument("--output", metavar="UITKOMST.json", help="schrijf de uitkomst (pagina of opmerking) als JSON naar dit bestand")


def run(args) -> int:
    try:
        event = from_issue.read_event(Path(args.event))
    except from_issue.FormError as exc:
        print(f"handbook from-issue: fout in de opdracht: {exc}", file=sys.stderr)
        return 2
    # The one place the clock is read: the page's 'updated' date.
    outcome = from_issue.convert(args.root, event, datetime.date.today())
    if args.output:
        Path(args.output).write_text(outcome.to_json() + "\n", encoding="utf-8")
    if outcome.ok:
        print(f"Pagina gemaakt: {outcome.path} (tak {outcome.branch})")
        return 0
    print(outcome.comment, file=sys.stderr)
    return 1
