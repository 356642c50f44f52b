"""HTML article pages → document text plus metadata, with trafilatura.

A saved news page (``.html``/``.htm``) is read like this:

1. its bytes are decoded exactly as a text article's are (UTF-8, a BOM
   dropped, UTF-16 with a BOM; see :func:`reader.decode_bytes`): a page in
   another encoding is an error with the ``iconv`` fix, whatever its
   ``<meta charset>`` says, so every input follows one rule;
2. trafilatura finds the main text (navigation, related-news blocks,
   comments and the site footer are left out) and the page's metadata;
3. the **document text** is built as ``title``, a blank line, then the body
   paragraphs separated by blank lines, NFC.  This is the text the offsets
   of every fact refer to and what ``documents.text`` stores, and it has the
   shape of a text article, so :mod:`boilerplate` (title, ``(TAG)`` source,
   byline, end markers such as "Tin liên quan") treats it the same way.
   A dateline ("Thứ Ba, 07/03/2023 21:01 (GMT+7)") left at the top of the
   body is dropped: it is metadata, not a fact.

The metadata dict has ``title``, ``published`` (ISO, to the minute when the
page gives a time; a time with a UTC offset is given in Vietnam time,
UTC+7, as the pages display it; a stated 00:00 is taken as "no time", as
CMSs write it for undated items), ``author``, ``source`` (the site name, e.g.
og:site_name; not when it is only the host name, and not when the lead has
its own "(TAG)" source, which the contract calls the source) and ``url``
(canonical).  Fields the page does not give are left out.  The caller merges
it under the ``article.meta.json`` sidecar, which still wins.

A page with no article text (only menus, a login wall, an empty template) is
an :class:`HtmlError` with a one-line reason, which :func:`reader.read_html`
turns into a ``ReadError`` (decoding and the final text check are the
reader's: this module imports nothing of it).  Nothing here touches the
network.
"""

from __future__ import annotations

import datetime as _dt
import logging
import re
import unicodedata

from .ruleset import per_rules

# a paragraph needs this many words for the page to count as an article
MIN_WORDS = 5

_VN_TZ = _dt.timezone(_dt.timedelta(hours=7))
_PLAUSIBLE_YEARS = (1900, 2100)  # a publication time outside is a template's placeholder

# meta tags that carry the publication time (property, name or itemprop)
_TIME_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "dc.date.issued", "dc.date", "date", "sailthru.date", "parsely-pub-date",
    "article.published", "dcterms.created",
)
_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
# visible "07/03/2023 21:01", "07/03/2023 - 21:01", "21:01, 07/03/2023", "21h01 07/03/2023"
_DMY = r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
_HM = r"(?P<H>\d{1,2})\s*[:hH]\s*(?P<M>\d{2})"


@per_rules
def _visible_time() -> tuple[re.Pattern, re.Pattern]:
    """Date-and-time patterns, with the words of ``published`` in rules/boilerplate.yaml."""
    w = _published_words()
    return (re.compile(_DMY + r"\s*[,|\-–]?\s*" + w.before_time + _HM),
            re.compile(_HM + r"\s*(?:\([^)]*\))?\s*[,|\-–]?\s*" + w.before_date + _DMY, re.I))


@per_rules
def _published_words():
    from .boilerplate import BoilerplateRules
    from .rules import load_model

    return load_model("boilerplate.yaml", BoilerplateRules).published
_TIME_CLASS = re.compile(r"date|time|publish|meta|byline|info|post-?date", re.I)
# a dateline at the top of the body ("Thứ Ba, 07/03/2023 21:01 (GMT+7)", "Hoàng Sơn | 07/03/2023 - 21:01"):
# a date and a clock time, no closing full stop, and little else (a name, "Cập nhật"); or a date alone
_DATELINE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2}")
_CLOCK = re.compile(r"\b\d{1,2}\s*[:h]\s*\d{2}\b|GMT", re.I)


@per_rules
def _dateline_words() -> re.Pattern:
    return re.compile(
        r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2}|\b\d{1,2}\s*[:h]\s*\d{2}\b|\(?GMT\s*[+-]?\s*\d*\)?"
        r"|\b(?:" + _published_words().dateline_words + r")\b|[|,:–-]",
        re.I,
    )
_MAX_TIME_ELEMENTS = 50


class HtmlError(Exception):
    """A page without article text; ``reason`` says why and what to do."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def html_to_text(html: str) -> tuple[str, dict]:
    """The document text of a decoded HTML page and its metadata (see the module doc)."""
    doc = _extract(html)
    title = _clean(doc.title or "") or None
    paras = [p for p in (_clean(line) for line in (doc.text or "").split("\n")) if p]
    if title:
        while paras and paras[0].casefold() == title.casefold():
            paras.pop(0)  # the <h1> that trafilatura keeps in the body
    paras = _drop_datelines(paras)
    if not any(len(p.split()) >= MIN_WORDS for p in paras):
        raise HtmlError(
            "no article text in the HTML page (only menus, links or short lines); save the article's own page, "
            "or put its text in a .txt file",
        )
    text = unicodedata.normalize("NFC", (f"{title}\n\n" if title else "") + "\n\n".join(paras) + "\n")
    return text, _meta(doc, html, title, text)


def _extract(html: str):
    import trafilatura

    # trafilatura logs every page it cannot use at WARNING/ERROR; the reason is ours to give
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            date_extraction_params={"extensive_search": True, "original_date": False, "outputformat": "%Y-%m-%d"},
        )
    except Exception as exc:  # lxml/trafilatura on a malformed page
        raise HtmlError(f"cannot parse the HTML ({exc.__class__.__name__}); save the page again or use its text as .txt") from None
    if doc is None or not (doc.text or "").strip():  # type: ignore[union-attr]  # a Document (as_dict is off)
        raise HtmlError(
            "no article text in the HTML page (trafilatura found no main content); save the article's own page, "
            "or put its text in a .txt file",
        )
    return doc


def _clean(s: str) -> str:
    """One line, whitespace runs (including no-break spaces) folded to one space."""
    return " ".join(s.split())


def _drop_datelines(paras: list[str]) -> list[str]:
    out = list(paras)
    for _ in range(3):
        line = out[0] if out else ""
        rest = len(_dateline_words().sub(" ", line).split())
        if (line and len(line) <= 100 and _DATELINE.search(line) and not line.rstrip().endswith((".", "!", "?", "…"))
                and (rest <= 5 if _CLOCK.search(line) else rest == 0)):
            out.pop(0)
        else:
            break
    return out


def _meta(doc, html: str, title: str | None, text: str) -> dict:
    from .boilerplate import article

    meta: dict = {}
    if title:
        meta["title"] = title
    published = _published(doc.date, html)
    if published:
        meta["published"] = published
    if doc.author and _clean(doc.author):
        meta["author"] = _clean(doc.author)
    site = _clean(doc.sitename or "")
    if site and site.lower() != (doc.hostname or "").lower() and article(text).source is None:
        meta["source"] = site
    if doc.url:
        meta["url"] = doc.url
    return meta


def _published(date: str | None, html: str) -> str | None:
    """The publication time a page states in its metadata (``article:published_time``,
    JSON-LD ``datePublished``); else the day htmldate finds, with ``THH:MM``
    added when a ``<time>`` or a date/byline element gives a time that day."""
    day = date[:10] if date and re.fullmatch(r"(?:19|20)\d{2}-\d{2}-\d{2}.*", date) else None
    cands = list(_time_candidates(html))
    for explicit, cand in cands:
        if explicit:
            return cand.strftime("%Y-%m-%dT%H:%M")
    for _, cand in cands:
        if day is None or cand.date().isoformat() == day:
            return cand.strftime("%Y-%m-%dT%H:%M")
    return day


def _time_candidates(html: str):
    """``(explicit, datetime)`` for each time of day the page states, in page
    order; explicit: from the page's metadata rather than its visible text."""
    try:
        import lxml.html

        tree = lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception:  # nothing lxml can parse: no time, the day alone
        return
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in _TIME_META:
            yield from ((True, dt) for dt in _iso(el.get("content")))
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() == "application/ld+json" and el.text:
            for m in _LD_PUBLISHED.finditer(el.text):
                yield from ((True, dt) for dt in _iso(m.group(1)))
    for el in tree.iter("time"):
        yield from ((False, dt) for dt in _iso(el.get("datetime")))
    seen = 0
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        if _TIME_CLASS.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
            seen += 1
            if seen > _MAX_TIME_ELEMENTS:
                return
            s = _clean(" ".join(el.itertext())[:400])[:200]
            for rx in _visible_time():
                vm = rx.search(s)
                if vm:
                    try:
                        dt = _dt.datetime(int(vm["y"]), int(vm["m"]), int(vm["d"]), int(vm["H"]), int(vm["M"]))
                    except ValueError:
                        pass
                    else:
                        if _PLAUSIBLE_YEARS[0] <= dt.year <= _PLAUSIBLE_YEARS[1]:
                            yield False, dt
                    break


def _iso(value: str | None):
    """An ISO datetime with a time of day, in Vietnam time when it has an offset."""
    if not value or "T" not in value and " " not in value.strip():
        return
    try:
        dt = _dt.datetime.fromisoformat(value.strip().replace(" ", "T", 1))
        if dt.tzinfo is not None:
            dt = dt.astimezone(_VN_TZ).replace(tzinfo=None)
    except (ValueError, OverflowError):
        return
    if (dt.hour, dt.minute) != (0, 0) and _PLAUSIBLE_YEARS[0] <= dt.year <= _PLAUSIBLE_YEARS[1]:
        yield dt  # (midnight is what CMSs write when they have no time)

