"""Stage 4, ``docs/`` → the site: ``build`` (generate, ``mkdocs build``, the site search index with the
build stamp) and ``serve``."""
