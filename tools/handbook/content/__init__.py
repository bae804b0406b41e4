"""Stage 1, reading pages: the one loader, the YAML reader, the JSON Schemas (the single source of
truth) and their compiled pre-check, problems, and how values display in Dutch.

Imports no other stage: every other stage builds on this one.
"""
