"""Stage 4, the site: overviews and listings, each page's view data, navigation, generated pages and
``handbook build``. ``mkdocs_plugin`` is the only module that imports mkdocs (a thin adapter).

Imports content, check, search, authoring and printing; nothing imports the site but the CLI.
"""
