"""Stage 3, ``content/`` → Markdown in ``docs/``: ``generate``, the page renderers (``pages/``), feeds,
charts, the Markdown text helpers and where each page lives. Pure functions, but for ``generate.write_pages``."""
