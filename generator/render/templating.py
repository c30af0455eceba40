"""Templates that escape every value unless it is marked safe: Jinja2 with autoescape on.

The pages' HTML (cards, lists, indexes, the home page's blocks) is written by the templates
in ``templates/``. Two rules make untrusted text safe without a call at each use:

* In an HTML template (``*.html``) every value is ``mdtext.clean``-ed (control and bidi
  characters dropped, whitespace folded) and then HTML-escaped by autoescape. Python-Markdown
  passes a raw HTML block through untouched, so the text shows exactly as typed.
* Only ``Markup`` passes unescaped: the HTML of another template, and the URLs made here
  (``href``: http(s) only; ``site_href``: a link between the site's own pages).

A template's lines are joined without their line breaks (``render``): a raw HTML block must
hold no blank line, and a card is most of a page's bytes. So templates are not indented, and
a space between two inline elements is written on the line, never left to a line break.
``{{ br }}`` is a line break that stays: one per card or list entry, so that a change to the
pages reads as a diff of the entries it touches (the golden tests).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .mdtext import clean, safe_url, text, url_relpath

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Stands for a kept line break while the template's own are dropped: NUL never reaches the
# output otherwise (mdtext.clean drops it from every text).
_BREAK = "\x00"


class View(dict[str, Any]):
    """A template's values as a dict whose keys templates read as attributes (``p.title``).

    For a plain dict Jinja first tries the attribute, fails, catches the AttributeError, then
    indexes: several times slower, and a list's page reads ~20 values for each of hundreds of cards.
    """

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _finalize(value: Any) -> Any:
    """What a ``{{ value }}`` prints, before autoescape: None prints nothing; text is cleaned."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean(value)
    return value


def href(url: str | None) -> Markup | None:
    """An untrusted URL for an ``href``/``src``: escaped, and only when it is http(s) (else None)."""
    safe = safe_url(url)
    return Markup(escape(safe)) if safe else None


def site_href(target: str, source: str) -> Markup:
    """The relative URL from the page built from docs file ``source`` to the one built from ``target``
    (``#anchor`` kept): both are the generator's own paths, never text from outside."""
    path, _, anchor = target.partition("#")
    url = url_relpath(path, source) if path else ""
    return Markup(escape(url + ("#" + anchor if anchor else "")))


def md(value: str) -> Markup:
    """Untrusted text for a Markdown line (a heading, a list item): ``mdtext.text``."""
    return Markup(text(value))


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # The templates are the package's own files: no need to stat them again at every render
        # (one render per card: 35,000 stat calls for a large topic).
        auto_reload=False,
    )
    env.filters["md"] = md
    env.globals["br"] = Markup(_BREAK)
    env.filters["grouped"] = lambda n: f"{n:,}"
    return env


def render(template: str, **context: Any) -> Markup:
    """``template`` with ``context``, on one line (see the module's docstring)."""
    out = "".join(environment().get_template(template).render(**context).splitlines())
    return Markup(out.replace(_BREAK, "\n"))
