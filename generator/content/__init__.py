"""Stage 2, ``content/`` itself: the stored data (day files, Hub searches, saved listing pages, topics),
atomic writes and the JSON encoding, ``check``, and ``commit``'s account of what changed.
Imports no other stage: everything else reads and writes the data through it."""
