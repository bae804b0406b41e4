"""Stage 2, checking: the runner, the check cache, one module per rule (``rules/``), the text and
Markdown scanners the rules share, the personal-data allow-list, and the output formats.

Imports only ``handbook.content``.
"""
