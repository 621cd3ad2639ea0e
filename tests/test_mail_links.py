"""Mail addresses are addresses (issue 20): every e-mail field of the schemas takes a plain address
only, so no value can add a recipient or a header to the site's mailto: links; and those links are
made by the code, with any subject and body encoded there (RFC 6068), whatever the data holds.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from campaignsite.pages.parts import mailto
from campaignsite.validate.schema import format_problem
from html_support import parse
from project import CAMPAIGN_YML, LAUREATES_CSV, NETWORK_YML, edit, validate, write_project

C = "campaigns/demo-2025"
YML, LAUREATES, NETWORK = f"{C}/campaign.yml", f"{C}/laureates.csv", "content/network.yml"
EMAIL_LINE = "  email: demo@example.be"
PHONE_LINE = "  phone: +32 2 515 61 11\n"
# Each would make a mail link send a hidden copy, a second recipient or a header of the data's choosing.
# The first ones are valid addresses to RFC 5322, which lets a local part hold '?', '&', '=' and '%'.
HOSTILE = [
    "demo?bcc=spy%40evil.example@example.be",
    "team?cc=spy@example.be",
    "team&bcc=spy@example.be",
    "team%0Abcc=spy@example.be",
    "team=x@example.be",
    "demo@example.be?bcc=spy@evil.example",
    "demo@example.be&bcc=spy@evil.example",
    "demo%40example.be@evil.example",
    "demo@example.be bcc@evil.example",
    "demo @example.be",
    "demo@evil.example@example.be",
    "demo@example.be,spy@evil.example",
    "demo@example.be\nBcc: spy@evil.example",
]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("address", HOSTILE)
def test_an_address_that_could_add_a_recipient_or_a_header_is_not_an_address(address):
    assert format_problem("email", address, repr(address)) is not None


def with_addresses(address: str) -> tuple[dict[str, str], set[tuple]]:
    """The demo network with `address` in every e-mail field of the schemas, and where each is then
    reported: (file, line, field, code)."""
    yml = edit(YML, EMAIL_LINE, f"  email: '{address}'")[YML]
    yml = yml.replace(PHONE_LINE, f"{PHONE_LINE}press_contact:\n  name: Pers\n  email: '{address}'\n", 1)
    network = NETWORK_YML.replace("email: info@demo.example.be", f"email: '{address}'")
    rows = list(csv.DictReader(io.StringIO(LAUREATES_CSV)))
    for row in rows:  # public_email: an optional column, added at the end
        row["contact_email"], row["public_email"] = (address, address) if row["slug"] == "moestuin" else \
            (row["contact_email"], "")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*rows[0]], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    laureates = out.getvalue()
    row = next(n for n, line in enumerate(laureates.splitlines(), 1) if line.startswith("moestuin,"))
    expected = {(YML, line_of(yml, "email: '"), "contact.email", "bad-format"),
                (YML, line_of(yml, "press_contact:") + 2, "press_contact.email", "bad-format"),
                (NETWORK, line_of(NETWORK_YML, "contact:"), "contact.email", "bad-format"),
                (LAUREATES, row, "contact_email", "bad-format"), (LAUREATES, row, "public_email", "bad-format")}
    return {YML: yml, NETWORK: network, LAUREATES: laureates}, expected


@pytest.mark.parametrize("address", ["demo?bcc=spy%40evil.example@example.be", "team&cc=spy@example.be",
                                     "team%0Abcc@example.be", "demo @example.be"])
def test_every_email_field_refuses_it_naming_file_line_and_field(tmp_path, address):
    files, expected = with_addresses(address)
    problems = validate(write_project(tmp_path, files))
    assert {(p.path, p.line, p.field, p.code) for p in problems} == expected
    for problem in problems:
        text = str(problem)
        assert text.startswith(f"{problem.path}:{problem.line}: {problem.field}: ") and text.endswith(" [bad-format]")
    shown = [str(p) for p in problems if p.field != "contact_email"]  # a private value is never shown
    assert len(shown) == 4 and all(address in text for text in shown), shown


def test_plain_addresses_pass(tmp_path):
    files = {**edit(YML, EMAIL_LINE, "  email: first.last+tag@sub.example.be"),
             NETWORK: NETWORK_YML.replace("info@demo.example.be", "contact@élodie.example.be")}
    files[YML] = files[YML].replace(PHONE_LINE, f"{PHONE_LINE}press_contact:\n  name: Pers\n"
                                                f"  email: jury_2025@gemeente-ixelles.be\n", 1)
    assert validate(write_project(tmp_path, files)) == []


# --- The links the pages make ------------------------------------------------------------------------

def fields_of(href: str) -> tuple[str, dict[str, list[str]]]:
    """(recipient, query fields) of a mailto: link, decoded as a mail client decodes it (RFC 6068)."""
    parts = urlsplit(href)
    assert parts.scheme == "mailto", href
    return unquote(parts.path), parse_qs(parts.query, keep_blank_values=True)


@pytest.mark.parametrize("subject", ["Tuin?bcc=spy@evil.example&cc=x@evil.example", "Repair\r\nBcc: spy@evil.example",
                                     "50% & more #1 / 2 + 3"])
def test_a_subject_from_the_data_stays_a_subject(subject):
    recipient, fields = fields_of(mailto("team@example.be", subject, "https://demo.example.be/x?a=1&b=2"))
    assert recipient == "team@example.be"
    assert fields == {"subject": [subject], "body": ["https://demo.example.be/x?a=1&b=2"]}
    assert fields_of(mailto("", subject)) == ("", {"subject": [subject]})


def test_every_mail_link_of_the_example_has_one_recipient_and_only_the_codes_fields(example_site: Path):
    """Press contacts, statements, offers of help and share links: each made by the code."""
    pages = [page for pattern in ("*/*/press/index.html", "*/*/accessibility/index.html", "*/*/help/index.html",
                                  "*/*/laureates/*/index.html", "*/accessibility/index.html")
             for page in sorted(example_site.glob(pattern))[:40]]
    links = [a.get("href") for page in pages for a in parse(page).select("a[href^='mailto:']")]
    assert len(links) > 40
    for href in links:
        recipient, fields = fields_of(href)
        assert recipient.count("@") <= 1 and not {"?", "&", "%", ",", " "} & set(recipient), href
        assert set(fields) <= {"subject", "body"} and all(len(v) == 1 for v in fields.values()), href
