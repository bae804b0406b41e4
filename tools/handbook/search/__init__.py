"""Stage 2, searching: the Dutch analysis, the Whoosh index and its engine, queries with snippets
and facets, and related pages ("Zie ook").

Imports only ``handbook.content``.
"""
