"""The handbook of a learning network: content model, checks, index, site and print.

Everything here is plain Python that knows nothing of mkdocs, except
``mkdocs_plugin``, which is a thin adapter.
"""

__version__ = "0.1.0"
