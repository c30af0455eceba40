"""Stage 1, the Hub → ``content/``: the HTTP client, parsing the Hub's items, ``fetch``, ``ingest`` of
saved answers, and ``import-listing`` of saved listing pages. Writes through ``generator.content``."""
