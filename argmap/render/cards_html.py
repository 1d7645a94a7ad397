"""The evidence cards as one printable HTML page (`export --to cards-html`).

The cards of :func:`argmap.render.cards.cards`, one block each, a claim's cards in
one section and, in print, each claim on a new page (CSS ``break-before: page``)
with no card split across two (``break-inside: avoid``). The page needs nothing
else and runs no script: its stylesheet is inline, and a Content-Security-Policy
meta tag forbids every load and allows only that stylesheet, by its SHA-256 hash.
Every text of the map reaches markup through :func:`argmap.render.html.esc`; the
quoted words of a card's paragraph are in ``<mark>``.
"""

from __future__ import annotations

from ..context import MapContext
from ..textsafe import defuse_lines
from .cards import NOT_FOUND, Card, cards, side_headings
from .diagram import Focus
from .html import esc, sha256_source

STYLE = """
body { font: 12pt/1.45 Georgia, "Times New Roman", serif; margin: 2em auto; max-width: 46em; padding: 0 1em;
  color: #111; background: #fff; }
h1 { font-size: 1.5em; }
h2 { font-size: 1.25em; border-bottom: 2px solid #333; margin-top: 1.5em; }
h3 { font-size: 1.05em; font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: normal; color: #444; }
.am-card { border: 1px solid #999; border-radius: 4px; padding: 0.6em 0.9em; margin: 0 0 1em; }
.am-tag { margin: 0; }
.am-cite { margin: 0.2em 0 0.5em; font-style: italic; }
.am-text { margin: 0; padding-left: 0.8em; border-left: 3px solid #ccc; white-space: pre-line; }
.am-text mark { background: #ffef80; color: inherit; font-weight: bold; }
.am-meta { margin: 0.5em 0 0; font-size: 0.85em; color: #555; }
@media print {
  body { margin: 0; max-width: none; }
  .am-claim + .am-claim { break-before: page; page-break-before: always; }
  .am-card { break-inside: avoid; page-break-inside: avoid; }
  .am-text mark { background: none; text-decoration: underline; }
}
"""
"""The page's stylesheet; the policy allows exactly this text, by its hash. In print, marked words are
underlined and bold (a printer may drop backgrounds)."""


def content_security_policy(style: str) -> str:
    """The page's policy: nothing may load and no script may run; only this ``style`` applies.

    Examples
    --------
    >>> content_security_policy("").startswith("default-src 'none'; style-src 'sha256-")
    True
    """
    return f"default-src 'none'; style-src {sha256_source(style)}; base-uri 'none'; form-action 'none'"


def export(ctx: MapContext, labels: dict[str, str] | None = None, focus: Focus | None = None) -> str:
    """The cards as one self-contained HTML page: a ``section`` per claim (``am-claim``), an ``article`` per card
    (``am-card``). ``labels`` are not shown.

    Examples
    --------
    >>> from argmap.loader import load_bytes
    >>> text = b'''argmap: 1
    ... title: T
    ... thesis: t
    ... claims:
    ...   t: {text: The <thesis>}
    ... evidence:
    ...   e: {text: Said, supports: t, source: A book}
    ... '''
    >>> page = export(MapContext(load_bytes(text, "m.yaml").model))
    >>> '<p class="am-tag"><strong>The &lt;thesis&gt;</strong></p>' in page, "<script" in page
    (True, False)
    """
    headings = side_headings(ctx)
    title = esc(ctx.model.title)
    body = [f"<h1>Evidence cards: {title}</h1>\n", "<main>\n"]
    side = None
    for group in cards(ctx, focus):
        body.append('<section class="am-claim">\n')
        if group.side != side:
            side = group.side
            body.append(f"<h2>{esc(headings[side])}</h2>\n")
        if group.claim is not None:
            body.append(f"<h3>{esc(group.claim)}</h3>\n")
        body += [card_html(card) for card in group.cards]
        body.append("</section>\n")
    if side is None:
        body.append("<p>The map has no evidence.</p>\n")
    body.append("</main>\n")
    head = HEAD.format(policy=content_security_policy(STYLE), title=title, style=STYLE)
    return defuse_lines(head + "".join(body) + "</body>\n</html>\n")  # the stylesheet has no `::` nor `##[`


def card_html(card: Card) -> str:
    """One card as an ``article``: the tag, the cite, the card text (quoted words in ``<mark>``), the evidence's id."""
    cite = esc(card.cite) if card.cite else "(no source given)"
    text = "".join(f"<mark>{esc(words)}</mark>" if marked else esc(words) for words, marked in card.text.runs)
    meta = f"<code>{esc(card.evidence)}</code>"
    if card.library is not None:
        meta += f" from {esc(card.library)}"
    if card.text.paragraph is not None:
        meta += f", ¶{card.text.paragraph} of the text"
    if card.text.not_found:
        meta += f" {NOT_FOUND}"
    return (f'<article class="am-card">\n<p class="am-tag"><strong>{esc(card.tag)}</strong></p>\n<p class="am-cite">{cite}</p>\n'
            f'<blockquote class="am-text">{text}</blockquote>\n<p class="am-meta">{meta}</p>\n</article>\n')


HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="argmap">
<title>Evidence cards: {title}</title>
<style>{style}</style>
</head>
<body>
"""
