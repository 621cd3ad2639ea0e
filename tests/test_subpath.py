"""The example network published on a sub-path, https://www.gemeente.be/proximity/, behind a real nginx
configured as deploy/nginx/subpath.conf says: every link, asset, search bundle, calendar, feed and
sitemap address of every page resolves under the prefix, and nothing escapes it.

The public host is the test's own nginx: an absolute https://www.gemeente.be/proximity/... address is
fetched as http://127.0.0.1:<port>/proximity/... . Anything else on that host (the municipality's own
website) answers 404, so a link that forgets the prefix fails. nginx comes from Debian (make test
installs it); without it these tests fail, they do not skip.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import feedparser
import lxml.html
import pytest

from campaignsite.pipeline import build, BuildConfig
from test_deploy import MIME_TYPES, SNIPPET, free_ports, run_nginx

ROOT = Path(__file__).resolve().parent.parent
SUBPATH_CONF = ROOT / "deploy" / "nginx" / "subpath.conf"
PUBLIC = "https://www.gemeente.be"
PREFIX = "/proximity/"
TODAY = dt.date(2026, 11, 22)
BASE_URL = re.compile(r"^base_url: .*$", re.M)
CSS_URL = re.compile(r"url\((['\"]?)(?!data:)([^'\")]+)\1\)")
SKIPPED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "#")

pytestmark = [pytest.mark.slow, pytest.mark.nginx]


def publish_under_prefix(source: Path, target: Path) -> Path:
    """A copy of the network whose addresses are under https://www.gemeente.be/proximity/."""
    for name in ("campaigns", "content", "data"):
        shutil.copytree(source / name, target / name)
    network = target / "content" / "network.yml"
    network.write_text(BASE_URL.sub(f"base_url: {PUBLIC}{PREFIX}", network.read_text(encoding="utf-8"), 1),
                       encoding="utf-8")
    for campaign in sorted((target / "campaigns").glob("*/campaign.yml")):
        text = campaign.read_text(encoding="utf-8")
        campaign.write_text(BASE_URL.sub(f"base_url: {PUBLIC}{PREFIX}{campaign.parent.name}/", text, 1),
                            encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("subpath")
    root = publish_under_prefix(ROOT, base / "network")
    build(BuildConfig(root=root, output=base / "site", today=TODAY, jobs=2))
    return base / "site"


def nginx_conf(prefix: Path, site: Path, outer: int, inner: int) -> str:
    """deploy/nginx/subpath.conf as documented: its server, and the website's server from its comment."""
    text = SUBPATH_CONF.read_text(encoding="utf-8")
    inner_server = re.search(r"^server \{.*?^\}", text, re.M | re.S)[0]
    inner_server = (inner_server.replace("127.0.0.1:8081", f"127.0.0.1:{inner}")
                    .replace("/srv/campaignsite/site", str(site))
                    .replace("/etc/nginx/snippets/campaignsite.conf", str(SNIPPET)))
    locations = re.search(r"^#\s+(location = /proximity .*?)^#\s+\}\n", text, re.M | re.S)[1] + "}"
    locations = re.sub(r"^#\s?", "", locations, flags=re.M).replace("127.0.0.1:8081", f"127.0.0.1:{inner}")
    temp = prefix / "temp"
    temp.mkdir()
    return f"""# Written by tests/test_subpath.py.
master_process off;
error_log {prefix}/error.log info;
events {{ worker_connections 256; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{inner_server}
    server {{
        listen 127.0.0.1:{outer};
        # The municipality's own website: everything outside the prefix is not ours.
        location / {{ return 404 "the municipal website"; }}
        {locations}
    }}
}}
"""


@pytest.fixture(scope="module")
def host(site, tmp_path_factory, request) -> str:
    """http://127.0.0.1:<port>, standing for https://www.gemeente.be."""
    prefix = tmp_path_factory.mktemp("nginx-subpath")
    outer, inner = free_ports(2)
    run_nginx(prefix, nginx_conf(prefix, site, outer, inner), [outer, inner], request)
    return f"http://127.0.0.1:{outer}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with OPENER.open(url, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        with e:
            return e.code, dict(e.headers), e.read()
    except urllib.error.URLError:
        return 0, {}, b""


def local(url: str, host: str) -> str | None:
    """The test server's address for a public one on www.gemeente.be; None for another host."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in ("https", "http", "webcal") and parts.netloc == "www.gemeente.be":
        return host + parts.path
    return None


def page_urls(site: Path, host: str) -> list[str]:
    """Every HTML page of the build, as served under the prefix."""
    return [host + PREFIX + (p.relative_to(site).as_posix()) for p in sorted(site.rglob("*.html"))]


def links_of(url: str, body: bytes, host: str) -> set[str]:
    """The addresses a page refers to on our host: links, assets, srcset, forms, the search bundle."""
    found = set()
    doc = lxml.html.fromstring(body)
    candidates = [link for _el, _attr, link, _pos in doc.iterlinks()]
    candidates += [value + "pagefind-entry.json" for value in doc.xpath("//@data-cs-search")]
    for link in candidates:
        link = link.strip()
        if not link or link.startswith(SKIPPED_SCHEMES):
            continue
        absolute = urllib.parse.urljoin(url, link)
        target = absolute if absolute.startswith(host) else local(absolute, host)
        if target:
            found.add(target.split("#", 1)[0])
    return found


def host_of(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def check_all(urls: set[str]) -> dict[str, int]:
    """{address: status} of those that do not answer 200 (301s are followed once, within the prefix)."""
    def status(url: str) -> tuple[str, int]:
        code, headers, _ = fetch(url)
        target = urllib.parse.urljoin(url, headers.get("Location", ""))
        if code in (301, 302) and target.startswith(host_of(url) + PREFIX):
            code = fetch(target)[0]
        return url, code

    with ThreadPoolExecutor(max_workers=8) as pool:
        return {url: code for url, code in pool.map(status, sorted(urls)) if code != 200}


def test_every_link_and_asset_resolves_under_the_prefix(site, host):
    referred: dict[str, str] = {}
    for url in page_urls(site, host):
        code, headers, body = fetch(url)
        assert code == 200, url
        for link in links_of(url, body, host):
            referred.setdefault(link, url)
    assert len(referred) > 500
    escaped = sorted(link for link in referred if not urllib.parse.urlsplit(link).path.startswith(PREFIX))
    assert escaped == [], f"links outside {PREFIX}, e.g. {escaped[:5]} (on {referred[escaped[0]]})"
    broken = check_all(set(referred))
    assert broken == {}, "\n".join(f"{code} {link} (on {referred[link]})" for link, code in list(broken.items())[:30])


def test_stylesheets_find_their_images_and_fonts(site, host):
    urls = set()
    for css in site.rglob("*.css"):
        base = host + PREFIX + css.relative_to(site).as_posix()
        urls |= {urllib.parse.urljoin(base, m[2]) for m in CSS_URL.finditer(css.read_text(encoding="utf-8"))}
    assert check_all(urls) == {}


def test_search_bundle_and_indexes_resolve(site, host):
    searches = [url for url in page_urls(site, host) if url.endswith("/search/index.html")]
    assert searches
    for url in searches:
        doc = lxml.html.fromstring(fetch(url)[2])
        bundle = urllib.parse.urljoin(url, doc.xpath("//@data-cs-search")[0])
        code, _, entry = fetch(bundle + "pagefind-entry.json")
        assert code == 200, bundle
        files = ["pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-worker.js"]
        for lang, info in json.loads(entry)["languages"].items():
            files += [f"pagefind.{info['hash']}.pf_meta", f"wasm.{info['wasm']}.pagefind"]
        assert check_all({bundle + name for name in files}) == {}


def test_calendars_point_under_the_prefix(site, host):
    calendars = sorted(site.rglob("*.ics"))
    assert calendars
    urls = set()
    for ics in calendars:
        code, headers, body = fetch(host + PREFIX + ics.relative_to(site).as_posix())
        assert code == 200 and headers["Content-Type"] == "text/calendar; charset=utf-8", ics
        text = body.decode("utf-8").replace("\r\n ", "")  # RFC 5545 folded lines
        for address in re.findall(r"^URL[^:]*:(.+)$", text, re.M):
            assert address.startswith(PUBLIC + PREFIX), (ics, address)
            urls.add(local(address.strip(), host))
    assert urls and check_all(urls) == {}


def test_feeds_and_sitemaps_point_under_the_prefix(site, host):
    urls = set()
    for feed in sorted(site.rglob("feed.xml")):
        parsed = feedparser.parse(fetch(host + PREFIX + feed.relative_to(site).as_posix())[2])
        assert not parsed.bozo, feed
        links = [link.href for link in parsed.feed.links] + [e.link for e in parsed.entries]
        assert all(link.startswith(PUBLIC + PREFIX) for link in links), feed
        urls |= {local(link, host) for link in links}
    for sitemap in sorted(site.rglob("sitemap.xml")):
        body = fetch(host + PREFIX + sitemap.relative_to(site).as_posix())[2].decode("utf-8")
        locs = re.findall(r"<loc>([^<]+)</loc>", body)
        assert locs and all(loc.startswith(PUBLIC + PREFIX) for loc in locs), sitemap
        urls |= {local(loc, host) for loc in locs}
    assert len(urls) > 100
    assert check_all(urls) == {}


def test_a_missing_address_gets_its_sites_404_page_with_working_assets(site, host):
    url = host + PREFIX + "gent-2024/nl/nope/"
    code, _, body = fetch(url)
    assert code == 404
    assert body == (site / "gent-2024" / "nl" / "404.html").read_bytes()
    assets = {link for link in links_of(url, body, host) if "/assets/" in link}
    assert assets and check_all(assets) == {}


def test_folder_without_slash_redirects_within_the_prefix(host):
    for path in ("/proximity/gent-2024/nl", "/proximity"):
        code, headers, _ = fetch(host + path)
        assert code == 301
        assert urllib.parse.urljoin(host + path, headers["Location"]) == host + path + "/"


def test_widgets_stay_embeddable_under_the_prefix(site, host):
    embeds = sorted(site.glob("*/*/embed/**/index.html"))
    assert embeds
    code, headers, _ = fetch(host + PREFIX + embeds[0].relative_to(site).as_posix().removesuffix("index.html"))
    assert code == 200 and headers["Content-Security-Policy"] == "frame-ancestors *"
    code, headers, _ = fetch(host + PREFIX + "gent-2024/nl/")
    assert headers["Content-Security-Policy"] == "frame-ancestors 'self'"
