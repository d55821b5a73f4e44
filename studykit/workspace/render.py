"""Untrusted Markdown (issue bodies, comments) to safe HTML: markdown-it renders, nh3 sanitises.

Images are shown as links only (a mined body must not make the rater's browser fetch anything).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

ALLOWED_TAGS = {
    "a", "p", "br", "hr", "pre", "code", "blockquote", "em", "strong", "del", "s",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "kbd", "sub", "sup",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "code": {"class"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _image_as_link(
    _renderer: Any, tokens: Sequence[Token], index: int, _options: Any, _env: Any
) -> str:
    """An image written as a plain link to it, labelled with its alt text."""
    token = tokens[index]
    alt = "".join(child.content for child in token.children or []) or "image"
    source = str(token.attrGet("src") or "")
    return f'<a href="{escape(source)}">[image: {escape(alt)}]</a>'


def _markdown() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")
    parser.enable("strikethrough")
    parser.add_render_rule("image", _image_as_link)
    return parser


_PARSER = _markdown()


def safe_html(markdown: str | None) -> Markup:
    """Markdown (with any raw HTML in it) rendered and sanitised: no script, handler or image."""
    rendered = _PARSER.render(markdown or "")
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return Markup(cleaned)
