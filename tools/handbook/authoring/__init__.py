"""Stage 3, writing pages: new pages from the type templates and the front-matter reference, both
made from the schemas.

Imports ``handbook.content`` and ``handbook.check``.
"""
