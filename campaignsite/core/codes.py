"""The registry of error codes: every code a problem or a failed build can carry, with what it means.

A code is stable data: editors search for it, tests assert on it, DATA.md lists it. Messages may
change; codes may not. A `Code` is a `str`, so `f"[{code}]"` prints its value.
"""

from __future__ import annotations

import enum


class Code(enum.StrEnum):
    """An error code; `Code.X.description` says in one line what it means."""

    description: str

    def __new__(cls, value: str, description: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    # Reading files
    UNREADABLE_FILE = "unreadable-file", ("A file cannot be read (permissions, a folder where a file was expected, a "
                                          "pipe or device).")
    SYMLINK = "symlink", "A symbolic link under campaigns/, content/ or data/: links are never followed."
    HARD_LINK = "hard-link", ("A file under campaigns/, content/ or data/ with other names on the disk (a hard link), "
                              "which could be a file outside the project: such a file is never read.")
    NAME_CLASH = "name-clash", ("Two names in one folder that differ only in upper and lower case or in how an "
                                "accent is written (Unicode NFC/NFD): one file on macOS and Windows.")
    CONTROL_CHARACTER = "control-character", ("A text file holds an invisible control character (NUL, DEL, C0 or C1 "
                                              "controls other than tab and line breaks), typed or written as a YAML "
                                              "escape (\"\\0\"), or a lone surrogate.")
    NOT_UTF8 = "not-utf8", "A file is not UTF-8 text."
    EMPTY_FILE = "empty-file", "A YAML or CSV file has no content."
    MISSING_FILE = "missing-file", "A required file or folder does not exist."
    UNKNOWN_FILE = "unknown-file", "A campaign folder holds a file or folder the site does not read (a misspelt name?)."
    BAD_FILE_NAME = "bad-file-name", ("A Markdown file not named `<slug>.<language>.md` (or `<page>.md`), or a name "
                                      "with invisible or undecodable characters.")
    YAML_SYNTAX = "yaml-syntax", "A YAML file or front matter cannot be parsed."
    DUPLICATE_KEY = "duplicate-key", "A YAML mapping gives the same key twice."
    CSV_SYNTAX = "csv-syntax", "A CSV file cannot be parsed (a quote left open, text after a closing quote)."
    WRONG_DELIMITER = "wrong-delimiter", "A CSV file separates its columns with ';' instead of ','."
    # Limits on the input (DATA.md, "Limits"); content/network.yml can raise them
    TOO_LARGE = "too-large", "A file or CSV cell larger than its limit."
    TOO_DEEP = "too-deep", ("YAML, Markdown or an SVG nested deeper than its limit, or a YAML alias or SVG `<use>` "
                            "that contains itself.")
    TOO_MANY = "too-many", "More YAML aliases or values, CSV rows or columns, folder entries or problems than the limit."
    TOO_COMPLEX = "too-complex", ("A Markdown text or an SVG that takes more to render than its limit (thousands of "
                                  "unclosed brackets, tags or abbreviations; an SVG's elements, filter effects, or "
                                  "the press kit renderer's processor time or memory).")
    # Fields and columns against their schema
    MISSING_FIELD = "missing-field", "A required field is absent."
    UNKNOWN_FIELD = "unknown-field", "A field the schema does not know (a typo in its name?)."
    MISSING_VALUE = "missing-value", "A required field or cell is empty."
    WRONG_TYPE = "wrong-type", "A value of the wrong kind: a text where a number, date or list was expected."
    BAD_FORMAT = "bad-format", "A value not in the expected form (web address, e-mail, phone, colour, code)."
    NOT_IN_LIST = "not-in-list", "A value that is not one of the allowed values."
    OUT_OF_RANGE = "out-of-range", "A number, length or count outside its bounds."
    INVALID = "invalid", "A value breaks another rule of its schema; the message says which."
    DUPLICATE_VALUE = "duplicate-value", "A value given twice where each must be unique."
    MISSING_COLUMN = "missing-column", "A CSV file lacks a column of its schema."
    UNKNOWN_COLUMN = "unknown-column", "A CSV file has a column its schema does not know, or a column without a name."
    DUPLICATE_COLUMN = "duplicate-column", "A CSV file names two columns the same."
    MISSING_CELL = "missing-cell", "A CSV row has fewer cells than the header has columns."
    EXTRA_CELL = "extra-cell", "A CSV row has more cells than the header has columns (an unquoted ',')."
    # Languages and slugs
    UNKNOWN_LANGUAGE = "unknown-language", "A language that is not supported, or not one of the campaign's or portal's."
    MISSING_PORTAL_LANGUAGE = "missing-portal-language", ("A language a campaign is published in that the portal "
                                                          "(content/network.yml languages) does not have.")
    MISSING_TRANSLATION = "missing-translation", ("A text, page or interface string is missing in one of the "
                                                  "languages.")
    UNSAFE_SLUG = "unsafe-slug", "A slug or file name that is not lower-case letters, digits and single hyphens."
    RESERVED_SLUG = "reserved-slug", "A campaign folder or page name the portal uses for its own pages."
    DUPLICATE_SLUG = "duplicate-slug", "Two rows of a table have the same slug."
    DUPLICATE_ID = "duplicate-id", "Two budget categories, selection stages or prizes have the same id."
    # Rules across fields and files
    UNKNOWN_SDG = "unknown-sdg", "A number that is not a UN Sustainable Development Goal (1-17)."
    MISSING_MEDIA = "missing-media", "A referenced image or file does not exist in the campaign's media/ folder."
    MEDIA_TYPE = "media-type", ("A media/ file whose content is not what its extension says, or whose extension "
                                "is not published.")
    UNSAFE_MEDIA = "unsafe-media", "An SVG in media/ that could run a script or load other files or hosts."
    EMPTY_IMAGE = "empty-image", "An SVG in media/ whose width, height or viewBox is zero or less: it shows nothing."
    BAD_DATE = "bad-date", "A date that does not exist in the calendar."
    DATE_ORDER = "date-order", "Dates in the wrong order: an end before its start, a phase before the one it follows."
    INCONSISTENT = "inconsistent", "Fields that contradict each other or must be given together."
    BUDGET_MISMATCH = "budget-mismatch", "The budget's total is not the sum of its sources."
    UNKNOWN_CATEGORY = "unknown-category", "A laureate's category is not among the campaign's budget categories."
    OVER_CAP = "over-cap", "A laureate's grant is above the cap of its category."
    UNKNOWN_PROJECT = "unknown-project", "A reference to a project slug that is not in laureates.csv."
    UNKNOWN_MUNICIPALITY = "unknown-municipality", ("A project's municipality is not the NIS code of one of its "
                                                    "campaign's municipalities (campaign.yml municipalities).")
    UNKNOWN_PROGRAMME = "unknown-programme", ("A campaign's programme is not the id of a programme in "
                                              "content/network.yml programmes.")
    UNKNOWN_ACTION = "unknown-action", ("A reference to a climate-plan action (an event's actions, a step of "
                                        "action_updates.csv) that is not in actions.csv.")
    UNKNOWN_NEWS = "unknown-news", ("An event's `news` is not the slug of a news post of its campaign (a file "
                                    "news/<slug>.<language>.md).")
    UNKNOWN_STAGE = "unknown-stage", ("A laureate's selected_by or a prize names a selection stage that campaign.yml "
                                      "selection does not have.")
    UNKNOWN_PRIZE = "unknown-prize", ("A laureate's or candidate's prizes name a prize that campaign.yml prizes does "
                                      "not have.")
    BAD_WEIGHTS = "bad-weights", "The weights of the selection stages do not add up to 100 %."
    NOT_A_CANDIDATE = "not-a-candidate", ("A laureate that candidates.csv does not list: laureates are the selected "
                                          "candidates.")
    BAD_RANKING = "bad-ranking", ("Ranks, scores and marks that contradict each other or the selection's weights: "
                                  "a better score ranked lower, a score that is not the weighted marks.")
    OVER_BUDGET = "over-budget", ("The laureates' grants (and the prizes paid from the budget) add up to more "
                                  "than the campaign's budget.")
    OVER_GRANT = "over-grant", "Payments to a project add up to more than its grant, or repay more than was paid."
    STATUS_MISMATCH = "status-mismatch", ("A laureate's status contradicts its latest update, or says the project "
                                          "progressed before the selection.")
    EDITION_MISMATCH = "edition-mismatch", "The edition year is not a year of the campaign's first phases."
    NIS_MISMATCH = "nis-mismatch", "A municipality's NIS code belongs to another region or province than the one given."
    BRUSSELS_LANGUAGES = "brussels-languages", ("A campaign of a municipality of Brussels-Capital that is not "
                                                "published in both French and Dutch, as the language laws require.")
    HOLDER_CONSENT = "holder-consent", ("A holder's consent to be named (holder_consent) given for an organisation "
                                        "or a group: only a person (holder_type person) is named by consent.")
    # Warnings: the site builds, but is not ready to publish (an error with build.py --strict)
    TODO = "todo", "A text still marked TODO, as `build.py new` leaves them: write it before publishing."
    LANGUAGE_ORDER = "language-order", ("The first language is not that of a municipality's language area (Dutch, "
                                        "French, German), or a facility municipality's other language is missing: "
                                        "say why in campaign.yml languages_reason, or change the order.")
    # After validation: the build itself
    BAD_TODAY = "bad-today", ("The day the site is built for (--today or SOURCE_DATE_EPOCH) is not a date, or is "
                              "outside 1900-01-01 to 2200-12-31, the days every date must be in.")
    TEMPLATE_ERROR = "template-error", "A page template failed to render (a bug in the templates, not in the data)."
    UNSAFE_PATH = "unsafe-path", "The build tried to write outside the output folder."
    DOUBLE_WRITE = "double-write", "The build tried to write the same file twice (two pages with one address)."
    ENGINE_FAILED = "engine-failed", "The site engine (MkDocs) failed or warned while building a site."
    SEARCH_FAILED = "search-failed", "Pagefind could not index the built pages."
    UNSAFE_OUTPUT = "unsafe-output", ("The output is the project, a folder above it or inside its sources, a file, a "
                                      "symbolic link, or a non-empty folder the build did not make; or a name the "
                                      "build keeps beside it (.<name>.lock, .building, .old) is a symbolic link or "
                                      "something the build did not make.")
    OUTPUT_LOCKED = "output-locked", "Another build is writing the same output; the message names it."
    WRITE_FAILED = "write-failed", "The output could not be written (full disk, read-only or immutable folder)."
