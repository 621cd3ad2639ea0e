"""Inputs that were validated but shown nowhere are now published (issue 7): a news post's picture,
what each kit file is for, and the campaign contact's postal address on its statements."""

from __future__ import annotations

from pathlib import Path

import yaml

from html_support import parse_html

ROOT = Path(__file__).resolve().parent.parent


def page(site: Path, rel: str):
    path = site / rel / "index.html"
    return parse_html(path.read_text(encoding="utf-8"), path)


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def test_a_news_picture_is_shown_and_shared(example_site):
    posts = [p for p in sorted((ROOT / "campaigns").glob("*/news/*.md")) if front_matter(p).get("image")]
    assert posts, "the example network has no news post with a picture"
    for post in posts:
        campaign, (slug, lang, _md) = post.parts[-3], post.name.split(".")
        image = front_matter(post)["image"]
        doc = page(example_site, f"{campaign}/{lang}/news/{slug}")
        img = doc.content.one("img")
        assert img.get("src").endswith(image.removeprefix("media/")) and img.get("alt")
        assert (doc.path.parent / img.get("src")).resolve().is_file(), "the picture is published"
        assert doc.meta("og:image").endswith(image), "the sharing preview uses the post's own picture"


def test_kit_files_say_what_they_are_for(example_site):
    labels = {"nl": {"template": "Sjabloon", "text": "Tekst", "image": "Beeld", "poster": "Affiche"},
              "fr": {"template": "Modèle", "text": "Texte", "image": "Image", "poster": "Affiche"},
              "en": {"template": "Template", "text": "Text", "image": "Image", "poster": "Poster"}}
    checked = 0
    for campaign_yml in sorted((ROOT / "campaigns").glob("*/campaign.yml")):
        data = yaml.safe_load(campaign_yml.read_text(encoding="utf-8"))
        if not data.get("kit"):
            continue
        for lang in data["languages"]:
            items = page(example_site, f"{campaign_yml.parent.name}/{lang}/kit").content.select(".cs-kit__file")
            assert [item.one(".cs-kit__kind").text for item in items] == [labels[lang][k["kind"]] for k in data["kit"]]
            checked += 1
    assert checked, "no example campaign has a communication kit"


def test_statements_give_the_contact_address(example_site):
    checked = 0
    for campaign_yml in sorted((ROOT / "campaigns").glob("*/campaign.yml")):
        data = yaml.safe_load(campaign_yml.read_text(encoding="utf-8"))
        address = data["contact"].get("address")
        if not address:
            continue
        for lang in data["languages"]:
            for statement in ("accessibility", "privacy"):
                text = page(example_site, f"{campaign_yml.parent.name}/{lang}/{statement}").content.text
                assert address in text, f"{campaign_yml.parent.name}/{lang}/{statement}"
                checked += 1
    assert checked, "no example campaign gives a contact address"
