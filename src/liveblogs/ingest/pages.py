"""Saved web pages (``.html``/``.htm``) → an article's text, its posts and their times.

A page carries what copied text has lost: where each post starts, its headline and the minute
it went up. ``read_page`` reads, in this order of trust:

1. schema.org ``LiveBlogPosting`` with ``liveBlogUpdate`` items, in JSON-LD or microdata
   (extruct): each update is one post with its ``headline``, ``articleBody``, ``datePublished``,
   ``dateModified``, ``author`` and ``url``;
2. per-post ``<time datetime>`` markup: each element holding exactly one such time is a post;
3. else the page's visible text (inscriptis), which goes through the text path like a ``.txt``.

The article's ``text`` is the text this module derives from the page: for a structured page, the
title line, the description, a "Published ..." line, then for each update in page order a stamp
line (its ``datePublished`` in the article's zone), a byline, the headline and the body
paragraphs, separated by blank lines. ``layout`` records where each of those lines is, so every
offset of every frame indexes that text; the raw file stays where it is and its SHA-256 is kept.

Outlet, title, URL and the publication date come from the page's metadata (the publisher,
``og:site_name`` or the domain; the ``LiveBlogPosting``, Open Graph or ``<title>``;
``datePublished``, ``article:published_time`` or htmldate). The article's zone is the UTC
offset most updates state (an IANA ``Etc/GMT±N`` name for whole hours, ``+HH:MM`` otherwise); when
they all say UTC, the offset of the clocks the page shows beside its updates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as html_module
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from ..errors import ArticleError

HTML_SUFFIXES = (".html", ".htm")
# What ``Page.structure`` can say: where the posts came from.
STRUCTURES = ("json-ld", "microdata", "time-markup", "text")
PAGE_TIME_SOURCE = "page metadata"
BINARY_PROBE = 4096  # a safety bound, not tuned: bytes read to tell a binary file from a page
_WS_RE = re.compile(r"\s+")
_TAG_RE = re.compile(r"<\s*/?\s*[A-Za-z][^>]*>")
_BLANK_LINES_RE = re.compile(r"\n[ \t\u00a0]*(?:\n[ \t\u00a0]*)+")
_CLOCK_RE = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d")


def is_html(path: str | Path) -> bool:
    """Whether a file is read as a web page (by its suffix)."""
    return Path(path).suffix.lower() in HTML_SUFFIXES


# =========================================================================== the page


@dataclass(frozen=True)
class PagePost:
    """One post as the page's own structure gives it."""

    headline: str | None
    body: tuple[str, ...]
    published: pd.Timestamp | None  # tz-aware; None when the page gives no readable time
    published_raw: str | None
    modified: pd.Timestamp | None
    author: str | None
    url: str | None
    evidence: str  # where it was read: "JSON-LD liveBlogUpdate 3"


@dataclass(frozen=True)
class Page:
    """What a page says of itself, and its posts (empty when it has no post structure)."""

    title: str | None
    description: str | None
    outlet: str | None
    url: str | None
    published: pd.Timestamp | None
    published_raw: str | None
    modified: pd.Timestamp | None
    zone: str | None
    structure: str
    posts: tuple[PagePost, ...]
    visible_text: str


@dataclass
class Layout:
    """The derived text of a page and, for a structured page, its units and paragraphs.

    ``units``: (kind, [(role, start, end), ...], headline (start, end) or None, stamp (start, end)
    or None, post index into ``page.posts`` or None). ``published_span``: where the "Published"
    line's date is in ``text``.
    """

    text: str
    page: Page
    units: list[tuple] | None = None
    published_span: tuple[int, int] | None = None
    pieces: list[str] = field(default_factory=list)


# =========================================================================== decoding


def decode_page(path: Path, data: bytes, encoding: str | None = None) -> str:
    """The page's markup as a string: BOM, then the page's own ``<meta charset>``, then
    ``encoding`` (default UTF-8), as a browser does (w3lib). Empty, blank and binary files are
    errors naming the file."""
    from w3lib.encoding import html_to_unicode

    if not data.strip():
        raise ArticleError(path, "is empty" if not data else "holds only whitespace")
    probe = data[:BINARY_PROBE]
    if b"\x00" in probe and not probe.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(path, "looks binary (NUL bytes), not a web page")
    try:
        _, markup = html_to_unicode(None, data, default_encoding=(encoding or "utf-8"))
    except (LookupError, ValueError) as error:
        raise ArticleError(path, f"cannot be decoded as a web page ({error})") from None
    if "<" not in markup:
        raise ArticleError(path, "holds no HTML markup (save it as .txt to read it as text)")
    return markup


# =========================================================================== reading


def read_page(path: Path, markup: str) -> Page:
    """Everything this package reads from one page's markup (see the module docstring)."""
    import extruct
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as error:
        raise ArticleError(path, f"is not readable HTML ({error})") from None
    try:
        data = extruct.extract(tree, syntaxes=["json-ld", "microdata", "opengraph"], uniform=True, errors="ignore")
    except Exception:  # extruct on hostile markup: a page without metadata is still a page
        data = {"json-ld": [], "microdata": [], "opengraph": []}
    og = {}
    for item in data.get("opengraph") or []:
        og.update({k: v for k, v in item.items() if isinstance(v, str)})
    blog, structure = _live_blog(data)
    visible = visible_text(tree)
    posts: tuple[PagePost, ...] = ()
    if blog is not None:
        posts = tuple(_update_post(u, i, structure) for i, u in enumerate(_as_list(blog.get("liveBlogUpdate")), 1)
                      if isinstance(u, dict))
    if not posts:
        markup_posts = _time_markup_posts(tree)
        if markup_posts:
            posts, structure = markup_posts, "time-markup"
        else:
            structure = "text"
    blog = blog or {}
    url = _text(og.get("og:url")) or _text(blog.get("url")) or _canonical(tree)
    published_raw = _text(blog.get("datePublished")) or _meta(tree, "article:published_time")
    modified_raw = _text(blog.get("dateModified")) or _meta(tree, "article:modified_time")
    published = parse_time(published_raw)
    if published is None:
        published_raw = _htmldate(tree, url, original=True)
        published = parse_time(published_raw)
    title = (_plain(blog.get("headline")) or _plain(blog.get("name")) or _plain(og.get("og:title"))
             or _plain(tree.findtext(".//title")) or _plain(_first_text(tree, "//h1")))
    return Page(
        title=title,
        description=_plain(blog.get("description")) or _plain(og.get("og:description")),
        outlet=_outlet(blog, og, url),
        url=url,
        published=published,
        published_raw=published_raw,
        modified=parse_time(modified_raw),
        zone=page_zone([p.published_raw for p in posts] + [published_raw], display_offset(posts, visible)),
        structure=structure,
        posts=posts,
        visible_text=visible,
    )


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _types(item: dict) -> list[str]:
    return [str(t).rsplit("/", 1)[-1] for t in _as_list(item.get("@type"))]


def _live_blog(data: dict) -> tuple[dict | None, str]:
    """The page's LiveBlogPosting with the most updates: JSON-LD first, then microdata."""
    best: tuple[int, int, dict | None, str] = (-1, 0, None, "text")
    for rank, syntax in enumerate(("json-ld", "microdata")):
        for blog in _walk(data.get(syntax) or []):
            n = len([u for u in _as_list(blog.get("liveBlogUpdate")) if isinstance(u, dict)])
            if n > best[0] or (n == best[0] and rank < best[1] and best[2] is not None):
                best = (n, rank, blog, syntax)
    return best[2], best[3]


def _walk(node, depth: int = 0):
    """Every LiveBlogPosting in extruct's output (inside @graph, mainEntity, ... too)."""
    if depth > 20:
        return
    if isinstance(node, dict):
        if "LiveBlogPosting" in _types(node):
            yield node
            return
        for value in node.values():
            yield from _walk(value, depth + 1)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value, depth + 1)


def _text(value) -> str | None:
    """A metadata value as a string (first of a list; a dict's name/@id/url), else None."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("url") or value.get("@id")
    if value is None or isinstance(value, (dict, list)):
        return None
    value = str(value).strip()
    return value or None


def _plain(value) -> str | None:
    """A metadata string as one line of plain text: entities decoded, whitespace collapsed.
    Markup characters are kept as the characters they are (never interpreted)."""
    value = _text(value)
    if value is None:
        return None
    value = _WS_RE.sub(" ", html_module.unescape(value)).strip()
    return value or None


def _paragraphs(value, is_markup: bool) -> tuple[str, ...]:
    """A post body as paragraphs of plain text. JSON-LD ``articleBody`` often holds HTML (the
    Mirror's has <p>, <br>, <a>): it is rendered to text (tags out, line breaks kept); text from
    microdata is already text."""
    if isinstance(value, list):
        value = "\n".join(str(v) for v in value if isinstance(v, (str, int, float)))
    if not isinstance(value, str) or not value.strip():
        return ()
    if is_markup and _TAG_RE.search(value):
        value = fragment_text(value)
    elif is_markup:  # text with entities ("Meghan Markle&#39;s mum"): decoded, its line breaks kept
        value = html_module.unescape(value)
    lines = (_WS_RE.sub(" ", line).strip() for line in value.split("\n"))
    return tuple(line for line in lines if line)


def fragment_text(markup: str) -> str:
    """An HTML fragment's text as a browser would lay it out (inscriptis); never markup."""
    from inscriptis import get_text

    try:
        return get_text(markup)
    except Exception:  # a fragment inscriptis cannot parse: its tags stripped, entities decoded
        return html_module.unescape(_TAG_RE.sub(" ", markup))


def _update_post(item: dict, number: int, structure: str) -> PagePost:
    raw = _text(item.get("datePublished"))
    label = "JSON-LD" if structure == "json-ld" else "microdata"
    author = item.get("author")
    return PagePost(
        headline=_plain(item.get("headline")) if structure == "json-ld" else _one_line(item.get("headline")),
        body=_paragraphs(item.get("articleBody"), structure == "json-ld"),
        published=parse_time(raw),
        published_raw=raw,
        modified=parse_time(_text(item.get("dateModified"))),
        author=", ".join(a for a in (_one_line(x) for x in _as_list(author)) if a) or None,
        url=_text(item.get("url")),
        evidence=f"{label} liveBlogUpdate {number}",
    )


def _one_line(value) -> str | None:
    value = _text(value)
    if value is None:
        return None
    return _WS_RE.sub(" ", value).strip() or None


def parse_time(raw: str | None) -> pd.Timestamp | None:
    """An ISO 8601 date-time (``2024-08-05T21:00:18.921+01:00``, ``...Z``) → tz-aware Timestamp;
    a date alone or a clock without an offset → None (it names no instant)."""
    if not raw or not _CLOCK_RE.match(raw.strip()):
        return None
    try:
        value = dt.datetime.fromisoformat(raw.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        return None
    return pd.Timestamp(value)


_OFFSET_RE = re.compile(r"(?:Z|z|[+-]\d\d:?\d\d)\Z")


def page_zone(raws: list[str | None], shown: dt.timedelta | None = None) -> str | None:
    """The article's zone: the UTC offset most of the page's date-times state ("Z" counts only
    when no other offset is written: servers often normalise to UTC). When all say UTC (or none
    has an offset), the offset the page's visible clocks show (``display_offset``) wins.
    None when nothing states one."""
    offsets = Counter()
    for raw in raws:
        if raw and parse_time(raw) is not None and _OFFSET_RE.search(raw.strip()):
            offsets[parse_time(raw).utcoffset()] += 1
    nonzero = Counter({k: v for k, v in offsets.items() if k != dt.timedelta(0)})
    if nonzero:
        return zone_name(nonzero.most_common(1)[0][0])
    if shown is not None:
        return zone_name(shown)
    return zone_name(dt.timedelta(0)) if offsets else None


_SHOWN_CLOCK_RE = re.compile(r"(?<![\d:.])([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d:])")
MIN_SHOWN_CLOCKS = 3  # set by hand on ../shared/realpages (a page showing fewer shows no per-post clocks), not swept
SHOWN_CLOCK_REACH = 120  # how far before an update's headline its shown clock may be


def display_offset(posts: tuple[PagePost, ...], visible: str) -> dt.timedelta | None:
    """The UTC offset of the clock the page shows beside its updates: la Repubblica's metadata
    says ``15:56:32Z`` and its page shows "16:56" above that update's headline, so +01:00. Read
    from the last clock within SHOWN_CLOCK_REACH characters before each update's headline in
    the visible text; None unless at least MIN_SHOWN_CLOCKS updates show one and four in five
    of them give the same offset."""
    found = Counter()
    for post in posts:
        if not post.headline or post.published is None:
            continue
        at = visible.find(post.headline)
        if at < 0:
            continue
        clocks = list(_SHOWN_CLOCK_RE.finditer(visible, max(0, at - SHOWN_CLOCK_REACH), at))
        if not clocks:
            continue
        utc = post.published.tz_convert("UTC")
        shown = int(clocks[-1].group(1)) * 60 + int(clocks[-1].group(2))
        minutes = (shown - (utc.hour * 60 + utc.minute)) % 1440
        found[minutes - 1440 if minutes >= 720 else minutes] += 1
    total = sum(found.values())
    if total < MIN_SHOWN_CLOCKS:
        return None
    minutes, count = found.most_common(1)[0]
    return dt.timedelta(minutes=minutes) if count * 5 >= total * 4 else None


def zone_name(offset: dt.timedelta) -> str:
    """A UTC offset as a zone name: "UTC", "Etc/GMT-1" (POSIX sign: one hour ahead), "+05:30"."""
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    if minutes % 60 == 0:
        return f"Etc/GMT{'-' if minutes > 0 else '+'}{abs(minutes) // 60}"
    sign = "+" if minutes > 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _meta(tree, prop: str) -> str | None:
    found = tree.xpath("//meta[@property=$p or @name=$p]/@content", p=prop)
    return _text(found[0]) if found else None


def _canonical(tree) -> str | None:
    found = tree.xpath("//link[@rel='canonical']/@href")
    return _text(found[0]) if found else None


def _first_text(tree, xpath: str) -> str | None:
    found = tree.xpath(xpath)
    return found[0].text_content() if found else None


def _htmldate(tree, url: str | None, original: bool) -> str | None:
    """The page's date by htmldate (meta tags, markup, URL), as an ISO date-time when it has one."""
    try:
        from htmldate import find_date

        return find_date(tree, original_date=original, extensive_search=False, url=url,
                         outputformat="%Y-%m-%dT%H:%M:%S%z")
    except Exception:  # htmldate on odd markup: no date rather than a traceback
        return None


def _outlet(blog: dict, og: dict, url: str | None) -> str | None:
    """The publisher's name, og:site_name or the domain: the first not all in lower case
    (the Mirror's publisher is "mirror", its site name "The Mirror"), else the first."""
    candidates = [_plain(blog.get("publisher")), _plain(og.get("og:site_name"))]
    domain = urlparse(url).hostname if url else None
    if domain:
        candidates.append(domain.removeprefix("www."))
    candidates = [c for c in candidates if c and not c.startswith("http")]
    return next((c for c in candidates if not c.islower()), candidates[0] if candidates else None)


# --------------------------------------------------------------------------- <time datetime> posts


def _time_markup_posts(tree) -> tuple[PagePost, ...]:
    """Posts from per-post ``<time datetime>`` markup: each time element's post is the largest
    element around it that holds no other dated time; at least two such posts make a blog."""
    times = [t for t in tree.xpath("//body//time[@datetime]") if parse_time(t.get("datetime")) is not None]
    if len(times) < 2:
        return ()
    dated = {id(t) for t in times}
    containers = []
    for t in times:
        node = t
        while True:
            parent = node.getparent()
            if parent is None or parent.tag in ("body", "html"):
                break
            if any(other is not t and id(other) in dated for other in parent.iter("time")):
                break
            node = parent
        containers.append(node)
    if len({id(c) for c in containers}) != len(containers):
        return ()
    posts = []
    for number, (t, box) in enumerate(zip(times, containers), 1):
        heading = next(iter(box.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6")), None)
        headline = _one_line(heading.text_content()) if heading is not None else None
        copy = _copy(box)
        for node in copy.xpath(".//time[@datetime]|.//h1|.//h2|.//h3|.//h4|.//h5|.//h6")[:1 + (heading is not None)]:
            _drop(node)
        raw = t.get("datetime")
        posts.append(PagePost(headline, _paragraphs(_render(copy), False), parse_time(raw), raw, None, None, None,
                              f"<time datetime> {number}"))
    return tuple(posts)


def _copy(element):
    import copy as copy_module

    return copy_module.deepcopy(element)


def _drop(node) -> None:
    """Remove an element, keeping the text that follows it."""
    node.drop_tree()


def _render(element) -> str:
    import lxml.html

    return fragment_text(lxml.html.tostring(element, encoding="unicode"))


# --------------------------------------------------------------------------- visible text


def visible_text(tree) -> str:
    """The text a reader would copy from the page: inscriptis's rendering of the document
    (scripts, styles and hidden template content out; list items keep its "* " bullets), each
    line's layout indentation and trailing spaces trimmed, blank runs shortened to one blank line."""
    from inscriptis import Inscriptis
    from inscriptis.model.config import ParserConfig

    try:
        text = Inscriptis(tree, ParserConfig(display_links=False)).get_text()
    except Exception:
        text = tree.text_content()
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    text = _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip("\n")
    return text + "\n" if text else ""


# =========================================================================== the article's text


def stamp_text(ts: pd.Timestamp, zone: str) -> str:
    """A post's time as its stamp line: "5 August 2024 21:00 GMT+1", "2 November 2023 15:56 UTC"."""
    local = ts.tz_convert(zone)
    offset = local.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        label = "UTC"
    elif minutes % 60 == 0:
        label = f"GMT{'+' if minutes > 0 else '-'}{abs(minutes) // 60}"
    else:
        label = f"GMT{'+' if minutes > 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{local.day} {local.strftime('%B %Y %H:%M')} {label}"


def layout(page: Page, zone: str) -> Layout:
    """The article's text built from the page: from its structure when it has posts, else its visible text."""
    if not page.posts:
        return Layout(page.visible_text, page)
    pieces: list[str] = []
    pos = 0
    units: list[tuple] = []

    def line(value: str) -> tuple[int, int]:
        nonlocal pos
        if pieces:
            pieces.append("\n\n")
            pos += 2
        pieces.append(value)
        start = pos
        pos += len(value)
        return start, pos

    if page.title:
        s, e = line(page.title)
        units.append(("title", [("title", s, e)], None, None, None))
    if page.description and page.description != page.title:
        s, e = line(page.description)
        units.append(("standfirst", [("standfirst", s, e)], None, None, None))
    published_span = None
    if page.published is not None:
        stamp = stamp_text(page.published, zone)
        s, e = line("Published " + stamp)
        published_span = (s + len("Published "), s + len("Published ") + len(stamp.rsplit(" ", 2)[0]))
        units.append(("timestamp", [("timestamp", s, e)], None, None, None))
    for index, post in enumerate(page.posts):
        stamp_span = None
        if post.published is not None:
            stamp_span = line(stamp_text(post.published, zone))
            units.append(("timestamp", [("timestamp", *stamp_span)], None, None, None))
        if post.author:
            s, e = line("By " + post.author)
            units.append(("byline", [("byline", s, e)], None, None, None))
        paras = []
        head = None
        if post.headline:
            head = line(post.headline)
            paras.append(("headline", *head))
        for body in post.body:
            paras.append(("body", *line(body)))
        if not paras:  # an update with neither headline nor body: its stamp line stands for it
            if stamp_span is None:
                continue
            units.pop()
            paras.append(("body", *stamp_span))
        units.append(("post", paras, head, None, index))
    text = "".join(pieces) + "\n"
    return Layout(text, page, units, published_span)


# =========================================================================== cached per file


@lru_cache(maxsize=16)
def _page_for(path: str, sha256: str, encoding: str | None) -> Page:
    data = Path(path).read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ArticleError(path, "changed on disk while it was being read; load the corpus again")
    return read_page(Path(path), decode_page(Path(path), data, encoding))


def load_page(path: Path, data: bytes, encoding: str | None = None) -> Page:
    """The page read from its bytes (cached per file and SHA-256, so the pipeline reads it once more at most)."""
    sha = hashlib.sha256(data).hexdigest()
    page = read_page(path, decode_page(path, data, encoding))
    _seed(str(path), sha, encoding, page)
    return page


_SEEDED: dict[tuple[str, str, str | None], Page] = {}


def _seed(path: str, sha: str, encoding: str | None, page: Page) -> None:
    if len(_SEEDED) > 16:
        _SEEDED.clear()
    _SEEDED[(path, sha, encoding)] = page


def page_of(path: str, sha256: str, encoding: str | None = None) -> Page:
    """The page of an article row (its path and SHA-256), read again only when not in memory."""
    return _SEEDED.get((path, sha256, encoding)) or _page_for(path, sha256, encoding)
