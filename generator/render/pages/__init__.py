"""The renderers of the pages: pure functions from data to Markdown (or HTML), named ``render_*``."""
