"""Hugging Face Daily Papers archive: fetch → content → Markdown pages → MkDocs site."""

__version__ = "0.1.0"
