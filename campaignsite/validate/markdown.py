"""One campaign's Markdown: pages in its languages, news front matter, and every text rendered once,
bounded in time and depth (the pages reuse the result).
"""

from __future__ import annotations

import contextlib
import signal
import threading

from campaignsite.core.codes import Code
from campaignsite.core.errors import Problem, msg
from campaignsite.core.markup import render_markdown
from campaignsite.load.files import entry_kind, printable
from campaignsite.load.limits import Limits
from campaignsite.load.parse import MarkdownDoc, dotted, markdown_nesting
from campaignsite.validate.campaign_file import SLUG, date_out_of_range, parse_date
from campaignsite.validate.checked import CheckedCampaign, media_names
from campaignsite.validate.schema import kind_of, quoted
from campaignsite.validate.tables import laureate_slugs


def check_markdown(checked: CheckedCampaign, problems: list[Problem]) -> None:
    slugs = laureate_slugs(checked)
    for doc in checked.files.projects:
        _check_doc_language(doc, checked.languages, problems)
        if slugs is not None and doc.slug not in slugs:
            problems.append(Problem(doc.rel, None, "", msg("%(value)s is not a laureate slug in laureates.csv",
                                                           value=quoted(doc.slug)), Code.UNKNOWN_PROJECT))
    for doc in checked.files.news:
        _check_doc_language(doc, checked.languages, problems)
        if not SLUG.match(doc.slug):
            problems.append(Problem(doc.rel, None, "", msg("%(value)s is not a safe file name: use lower-case "
                                                           "letters, digits and single hyphens", value=quoted(doc.slug)),
                                    Code.UNSAFE_SLUG))
        _check_news_meta(doc, media_names(checked.files), problems)
    _check_doc_translations(checked, "projects", problems)


MARKDOWN_FIELDS = (("introduction",), ("call", "how_to_apply"))


class _TimeUp(BaseException):
    """Rendering a Markdown text took longer than its limit (a BaseException: no `except Exception` in
    the Markdown library swallows it)."""


@contextlib.contextmanager
def _time_limit(seconds: int):
    """Interrupt the block after `seconds` of CPU time with _TimeUp; only the main thread can, elsewhere it
    runs freely. CPU time, not the clock's: a busy CI machine must not turn a text that renders in 0.1 s of
    work into a problem (issue 18)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise _TimeUp

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def markdown_problem(text: str, limits: Limits) -> tuple[str, Code] | None:
    """Why the Markdown `text` cannot be published, as (message, code), or None. It is rendered here,
    once: Python-Markdown recurses on some inputs and is quadratic on others (thousands of unclosed
    '[' or '<'), so the rendering is bounded in time and recursion before any page needs it."""
    nested = markdown_nesting(text, limits.markdown_depth)
    if nested:
        return (msg("line %(line)s of the text %(what)s, more than the %(limit)s allowed; raise "
                    "limits.markdown_depth in content/network.yml", line=nested[0], what=nested[1],
                    limit=limits.markdown_depth), Code.TOO_DEEP)
    try:
        with _time_limit(limits.markdown_seconds):
            render_markdown(text)
    except RecursionError:
        return msg("nests too deeply for the Markdown renderer (a long run of definition lists?)"), Code.TOO_DEEP
    except _TimeUp:
        return (msg("takes more than %(seconds)s s to render (thousands of unclosed brackets, tags or "
                    "abbreviations?); simplify it, or raise limits.markdown_seconds in content/network.yml",
                    seconds=limits.markdown_seconds), Code.TOO_COMPLEX)
    return None


def check_markdown_rendering(checked: CheckedCampaign, problems: list[Problem]) -> None:
    doc, limits = checked.files.campaign, checked.files.limits
    for path in MARKDOWN_FIELDS:
        value = checked.data
        for key in path:
            value = value.get(key, {}) if isinstance(value, dict) else {}
        texts = {lang: value for lang in checked.languages} if isinstance(value, str) else value
        for lang, text in texts.items():
            found = markdown_problem(text, limits) if isinstance(text, str) else None
            if found:
                problems.append(Problem(doc.rel, doc.line_of(path + (lang,)), dotted(path + (lang,)), *found))
    for page in checked.files.projects + checked.files.news:
        check_page_rendering(page, limits, problems)


def check_page_rendering(page: MarkdownDoc, limits: Limits, problems: list[Problem]) -> None:
    found = markdown_problem(page.body, limits)
    if found:
        problems.append(Problem(page.rel, page.body_line, "", *found))


def _check_doc_translations(checked: CheckedCampaign, kind: str, problems: list[Problem]) -> None:
    """A project's description given in one language of the campaign is needed in all of them."""
    langs: dict[str, set[str]] = {}
    for doc in getattr(checked.files, kind):
        langs.setdefault(doc.slug, set()).add(doc.lang)
    slugs = laureate_slugs(checked) if kind == "projects" else None
    for slug, found in langs.items():
        if slugs is not None and slug not in slugs:
            continue  # reported as an unknown project
        for lang in checked.languages:
            path = checked.files.root / kind / f"{slug}.{lang}.md"
            # A file that exists but could not be read already has a problem of its own.
            if lang not in found and entry_kind(path) is None:
                problems.append(Problem(f"campaigns/{checked.files.slug}/{kind}/{slug}.{lang}.md", None, "", msg(
                    "is missing: the description of project %(slug)s needs a version in every language of the "
                    "campaign (%(languages)s)", slug=quoted(slug), languages=", ".join(checked.languages)),
                    Code.MISSING_TRANSLATION))


def _check_doc_language(doc: MarkdownDoc, languages: tuple, problems: list[Problem]) -> None:
    if doc.lang not in languages:
        problems.append(Problem(doc.rel, None, "", msg("%(value)s is not a language of this campaign (%(languages)s)",
                                                       value=quoted(doc.lang), languages=", ".join(languages)),
                                Code.UNKNOWN_LANGUAGE))


def _check_news_meta(doc: MarkdownDoc, media: set, problems: list[Problem]) -> None:
    meta = doc.meta.data
    if not isinstance(meta, dict):
        problems.append(Problem(doc.rel, 2, "", msg("front matter is %(kind)s, expected `key: value` lines "
                                                    "(title: text, date: YYYY-MM-DD)", kind=kind_of(meta)),
                                Code.WRONG_TYPE))
        return
    for key in ("title", "date"):
        if key not in meta or meta[key] is None or meta[key] == "":
            problems.append(Problem(doc.rel, doc.meta.line_of((key,)), key, msg(
                "is required in the front matter (title: text, date: YYYY-MM-DD)"), Code.MISSING_FIELD))
    for key in ("title", "summary"):
        if meta.get(key) not in (None, "") and not isinstance(meta[key], str):
            problems.append(Problem(doc.rel, doc.meta.line_of((key,)), key, msg(
                "%(value)s is %(kind)s, expected a text", value=quoted(meta[key]), kind=kind_of(meta[key])),
                Code.WRONG_TYPE))
    date = meta.get("date")
    if date not in (None, "") and (not isinstance(date, str) or parse_date(date) is None):
        problems.append(Problem(doc.rel, doc.meta.line_of(("date",)), "date", msg(
            "%(value)s is not a date as YYYY-MM-DD", value=quoted(date)), Code.BAD_DATE))
    elif date not in (None, "") and date_out_of_range(parse_date(date)):
        problems.append(Problem(doc.rel, doc.meta.line_of(("date",)), "date", date_out_of_range(parse_date(date)),
                                Code.OUT_OF_RANGE))
    image = meta.get("image")
    if image is not None and image not in media:
        problems.append(Problem(doc.rel, doc.meta.line_of(("image",)), "image", msg(
            "%(value)s does not exist in the campaign's media/ folder: expected media/<file name>",
            value=quoted(image)), Code.MISSING_MEDIA))
    for key in meta:
        if key not in ("title", "date", "summary", "image"):
            problems.append(Problem(doc.rel, doc.meta.line_of((key,)), printable(key), msg(
                "is not a known front-matter field; expected title, date, summary, image"), Code.UNKNOWN_FIELD))
