"""The hosts' side of the security and framing policy: deploy/nginx/campaignsite.conf served by a real
nginx, and deploy/_headers read the way Cloudflare and Netlify read it.

Only the embed/ widget pages may be framed by other sites; every other page (and 404 page, and
medium) says frame-ancestors 'self'; every response says nosniff; calendars, feeds, CSV and SVG have
their types; a missing address gets its own site's 404 page. nginx comes from Debian (`make test`
installs it); without /usr/sbin/nginx these tests fail, they do not skip. They are marked `nginx`,
so `make test-fast` needs nothing from Debian.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from campaignsite.pipeline import build, BuildConfig
from project import write_project

ROOT = Path(__file__).resolve().parent.parent
NGINX = Path("/usr/sbin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")
SNIPPET = ROOT / "deploy" / "nginx" / "campaignsite.conf"
HEADERS_FILE = ROOT / "deploy" / "_headers"
TODAY = dt.date(2025, 6, 15)  # after the results day: the laureates and their pictures are published
INSTALL = "nginx is not installed: run `apt-get install -y nginx` as root (make test does it)"

SELF = "frame-ancestors 'self'"
ANY = "frame-ancestors *"
# What the operator sets in the second server, after the include line (see the snippet's header).
MUNICIPAL = "'self' https://www.ixelles.be https://www.elsene.be"
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'"
EMBED = re.compile(r"^/[^/]+/[a-z]{2}/embed/")
FAKE_EMBED = "demo-2025/nl/embed/laureates/index.html"


def policies(values: list[str]) -> set[str]:
    """The CSP policies of a response: several header fields, or one joined by commas."""
    return {p.strip() for value in values for p in value.split(",") if p.strip()}


def url_of(site: Path, file: Path) -> str:
    """The address of a built file: folder/index.html is served as folder/."""
    path = "/" + file.relative_to(site).as_posix()
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def documents(site: Path) -> list[str]:
    """Every page of a built site (404.html pages are checked as answers to missing addresses)."""
    return sorted(url_of(site, f) for f in site.rglob("*.html") if f.name != "404.html")


# --- deploy/_headers, read as the hosts read it ------------------------------------------------

@dataclass
class Rule:
    path: str
    set: dict[str, str]
    unset: list[str]


def parse_headers_file(text: str) -> list[Rule]:
    """Cloudflare's and Netlify's common syntax: a path line, then indented `Name: value` lines (the
    same name twice in one rule: values joined by ", "), `! Name` (Cloudflare) and # comments."""
    rules: list[Rule] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("/"):
            assert not raw[0].isspace(), f"_headers:{number}: a path must not be indented"
            rules.append(Rule(line, {}, []))
            continue
        assert raw[0].isspace() and rules, f"_headers:{number}: a header line must be indented under a path"
        if line.startswith("!"):
            rules[-1].unset.append(line[1:].strip().lower())
            continue
        name, sep, value = line.partition(":")
        assert sep and name.strip() and " " not in name.strip() and value.strip(), f"_headers:{number}: {line!r}"
        name = name.strip().lower()
        old = rules[-1].set.get(name)
        rules[-1].set[name] = f"{old}, {value.strip()}" if old else value.strip()
    return rules


def cloudflare_regex(path: str) -> re.Pattern:
    """workers-sdk pages-shared rulesEngine: `*` is a splat, `:name` one segment, the whole path."""
    pattern = "(?P<splat>.*)".join(re.escape(part) for part in path.split("*"))
    pattern = re.sub(r":([A-Za-z]\w*)", r"(?P<\1>[^/]+)", pattern)
    return re.compile("^" + pattern + "$")


def netlify_regex(path: str) -> re.Pattern:
    """netlify/build headers-parser for_regexp: per segment, an optional trailing slash, any case."""
    parts = []
    for part in (p.rstrip() for p in path.split("/") if p.rstrip()):
        if part.startswith(":"):
            parts.append("([^/]+)")
        elif part == "*":
            parts.append("?(.*)")
        elif "*" in part:
            parts.append(part.replace("*", "(.*)"))
        else:
            parts.append(re.escape(part))
    return re.compile("^/" + "/".join(parts) + "/?$", re.IGNORECASE)


HOSTS = ("cloudflare", "netlify-later-wins", "netlify-joins")


def headers_for(rules: list[Rule], host: str, path: str) -> dict[str, str]:
    """The headers `host` adds to a response for `path`: every matching rule, in file order.
    Cloudflare joins a header set by several rules with ", " (after `! Name` removals); Netlify
    either lets the later rule win (its parser, `netlify dev`) or joins (reported): both are checked."""
    out: dict[str, str] = {}
    for rule in rules:
        regex = cloudflare_regex(rule.path) if host == "cloudflare" else netlify_regex(rule.path)
        if not regex.match(path):
            continue
        for name in rule.unset if host == "cloudflare" else ():
            out.pop(name, None)
        for name, value in rule.set.items():
            joined = host != "netlify-later-wins" and name in out
            out[name] = f"{out[name]}, {value}" if joined else value
    return out


@pytest.fixture(scope="module")
def header_rules() -> list[Rule]:
    return parse_headers_file(HEADERS_FILE.read_text(encoding="utf-8"))


def test_headers_file_is_valid_for_both_hosts(header_rules):
    text = HEADERS_FILE.read_text(encoding="utf-8")
    assert len(header_rules) <= 100, "Cloudflare reads at most 100 rules"
    assert all(len(line) <= 2000 for line in text.splitlines()), "Cloudflare ignores lines over 2,000 characters"
    for rule in header_rules:
        assert rule.set, f"{rule.path}: a rule without headers"
        assert not rule.unset, f"{rule.path}: `! Name` is Cloudflare's only; Netlify skips or refuses it"
        assert rule.path.count("*") <= 1, f"{rule.path}: two splats make Cloudflare drop the rule"
        names = re.findall(r":([A-Za-z]\w*)", rule.path)
        assert len(names) == len(set(names)), f"{rule.path}: a placeholder twice makes Cloudflare drop the rule"
        cloudflare_regex(rule.path), netlify_regex(rule.path)


def check_headers_file(rules: list[Rule], site: Path) -> None:
    """Every page of `site` gets exactly one kind of frame policy on every host model: 'self',
    or * for the embed pages; and the SVG sandbox and the types."""
    pages = documents(site)
    assert any(EMBED.match(p) for p in pages), "no embed page in the build"
    # Missing addresses get a 404 page, which must not be frameable either (a missing address four
    # folders deep outside the listed sections is the one gap: see the comment in _headers).
    missing = ["/nope", "/nope/", "/fr/nope/", "/demo-2025/nope", "/demo-2025/nl/nope/", "/demo-2025/nl/nope",
               "/demo-2025/nl/laureates/nope/", "/demo-2025/nl/sdg/99/"]
    problems = []
    for host in HOSTS:
        for path in pages + missing:
            got = headers_for(rules, host, path)
            csp = policies([got.get("content-security-policy", "")])
            want = {ANY} if EMBED.match(path) else {SELF}
            if csp != want:
                problems.append(f"{host} {path}: Content-Security-Policy {sorted(csp)}, wanted {sorted(want)}")
            xfo = got.get("x-frame-options")
            want_xfo = None if EMBED.match(path) else {"SAMEORIGIN"}
            if (xfo and set(xfo.split(", "))) != want_xfo:
                problems.append(f"{host} {path}: X-Frame-Options {xfo!r}")
        for file in site.rglob("*"):
            if not file.is_file():
                continue
            path = url_of(site, file)
            got = headers_for(rules, host, path)
            if got.get("x-content-type-options") != "nosniff":
                problems.append(f"{host} {path}: no nosniff")
            if got.get("referrer-policy") != "strict-origin-when-cross-origin":
                problems.append(f"{host} {path}: Referrer-Policy {got.get('referrer-policy')!r}")
            if file.suffix == ".svg":
                csp = policies([got.get("content-security-policy", "")])
                if SVG_POLICY not in csp or any("frame-ancestors 'self'" not in p for p in csp):
                    problems.append(f"{host} {path}: SVG policies {sorted(csp)}")
    assert not problems, (f"deploy/_headers does not give the policy ({len(problems)} problems). A new deep "
                          "section of the campaign sites must be listed there:\n" + "\n".join(problems[:40]))
    types = {"/demo-2025/nl/agenda.ics": "text/calendar; charset=utf-8",
             "/demo-2025/nl/news/feed.xml": "application/atom+xml; charset=utf-8",
             "/demo-2025/data/laureates.csv": "text/csv; charset=utf-8",
             "/demo-2025/data/datapackage.json": "application/json",
             "/demo-2025/media/garden.svg": "image/svg+xml"}
    for host in HOSTS:
        for path, content_type in types.items():
            assert headers_for(rules, host, path).get("content-type") == content_type, (host, path)


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
def test_headers_file_on_the_tiny_build(header_rules, built):
    check_headers_file(header_rules, built)


@pytest.mark.slow  # several builds or processes: in make test, so that make test-fast stays under 90 s
def test_headers_file_on_the_example_network(header_rules, example_site):
    """The examples have every page type of the registry: a new deep section shows up here."""
    check_headers_file(header_rules, example_site)


# --- A real nginx serving the tiny build ---------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """tests/project.py's network built as of 2025-06-15, with an embed page (a stand-in if the build
    makes none yet)."""
    base = tmp_path_factory.mktemp("deploy")
    root = write_project(base / "project")
    site = base / "site"
    build(BuildConfig(root=root, output=site, today=TODAY, jobs=1))
    embed = site / FAKE_EMBED
    if not embed.exists():
        embed.parent.mkdir(parents=True, exist_ok=True)
        embed.write_text('<!doctype html>\n<html lang="nl"><title>embed</title><p>widget</p></html>\n', encoding="utf-8")
    return site


def free_ports(n: int) -> list[int]:
    """n distinct free ports (all held open until chosen, so none is given twice)."""
    sockets = [socket.socket() for _ in range(n)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


@dataclass
class Nginx:
    site: Path
    url: str            # the snippet as shipped: embed/ frameable by any site
    municipal_url: str  # the operator's list of municipal origins set after the include


def nginx_conf(prefix: Path, site: Path, port: int, municipal_port: int) -> str:
    temp = prefix / "temp"
    temp.mkdir()
    server = """
    server {{
        listen 127.0.0.1:{port};
        root {site};
        include {snippet};{extra}
    }}"""
    return f"""# Written by tests/test_deploy.py. One process, as the user running the tests.
master_process off;
error_log {prefix}/error.log info;
events {{ worker_connections 64; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{server.format(port=port, site=site, snippet=SNIPPET, extra="")}
{server.format(port=municipal_port, site=site, snippet=SNIPPET,
               extra=chr(10) + '        set $campaignsite_embed_ancestors "' + MUNICIPAL + '";')}
}}
"""


def run_nginx(prefix: Path, conf_text: str, ports: list[int], request) -> subprocess.Popen:
    """Debian's nginx with `conf_text` under `prefix`, listening on every one of `ports`; stopped when
    the requesting fixture ends."""
    if not NGINX.exists():
        pytest.fail(INSTALL, pytrace=False)
    conf = prefix / "nginx.conf"
    conf.write_text(conf_text, encoding="utf-8")
    proc = subprocess.Popen([str(NGINX), "-e", str(prefix / "error.log"), "-p", str(prefix), "-c", str(conf),
                             "-g", f"daemon off; pid {prefix / 'nginx.pid'};"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def stop():
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()

    request.addfinalizer(stop)
    deadline = time.monotonic() + 15
    for p in ports:
        while True:
            if proc.poll() is not None:
                log = (prefix / "error.log").read_text(errors="replace") if (prefix / "error.log").exists() else ""
                pytest.fail(f"nginx stopped ({proc.returncode}): {proc.stdout.read().decode(errors='replace')}\n{log}",
                            pytrace=False)
            try:
                socket.create_connection(("127.0.0.1", p), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, f"nginx does not listen on port {p}"
                time.sleep(0.05)
    return proc


@pytest.fixture(scope="module")
def nginx(built, tmp_path_factory, request) -> Nginx:
    prefix = tmp_path_factory.mktemp("nginx")
    port, municipal_port = free_ports(2)
    run_nginx(prefix, nginx_conf(prefix, built, port, municipal_port), [port, municipal_port], request)
    return Nginx(built, f"http://127.0.0.1:{port}", f"http://127.0.0.1:{municipal_port}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


@dataclass
class Response:
    status: int
    headers: object
    body: bytes

    def csp(self) -> set[str]:
        return policies(self.headers.get_all("Content-Security-Policy") or [])


def fetch(base: str, path: str) -> Response:
    try:
        with OPENER.open(base + path, timeout=10) as r:
            return Response(r.status, r.headers, r.read())
    except urllib.error.HTTPError as e:
        with e:
            return Response(e.code, e.headers, e.read())


@pytest.mark.nginx
def test_nginx_is_installed():
    assert NGINX.exists(), INSTALL
    assert MIME_TYPES.exists(), INSTALL


@pytest.mark.nginx
def test_embed_pages_can_be_framed_by_any_site(nginx):
    pages = [p for p in documents(nginx.site) if EMBED.match(p)]
    assert f"/{FAKE_EMBED[:-len('index.html')]}" in pages
    for path in pages:
        r = fetch(nginx.url, path)
        assert r.status == 200, path
        assert r.csp() == {ANY}, (path, r.csp())
        assert r.headers.get("X-Frame-Options") is None, path


@pytest.mark.nginx
def test_the_operator_can_list_the_municipal_sites(nginx):
    r = fetch(nginx.municipal_url, "/" + FAKE_EMBED[: -len("index.html")])
    assert r.status == 200
    assert r.csp() == {f"frame-ancestors {MUNICIPAL}"}
    r = fetch(nginx.municipal_url, "/demo-2025/nl/")
    assert r.csp() == {SELF}


@pytest.mark.nginx
@pytest.mark.parametrize("path", ["/", "/fr/", "/demo-2025/nl/", "/demo-2025/fr/laureates/moestuin/",
                                  "/demo-2025/nl/call/index.html", "/demo-2025/nl/agenda.ics"])
def test_other_pages_refuse_other_sites(nginx, path):
    r = fetch(nginx.url, path)
    assert r.status == 200
    assert r.csp() == {SELF}
    assert r.headers.get_all("X-Frame-Options") == ["SAMEORIGIN"]


@pytest.mark.nginx
def test_every_page_says_self_but_embed(nginx, header_rules):
    """nginx and deploy/_headers (as Cloudflare reads it) give every page the same frame policy."""
    for path in documents(nginx.site):
        r = fetch(nginx.url, path)
        want = {ANY} if EMBED.match(path) else {SELF}
        assert r.csp() == want, path
        cloudflare = headers_for(header_rules, "cloudflare", path)
        assert policies([cloudflare.get("content-security-policy", "")]) == want, path
        assert ("x-frame-options" in cloudflare) == ("X-Frame-Options" in r.headers), path


@pytest.mark.nginx
def test_nosniff_and_referrer_policy_everywhere(nginx):
    paths = [url_of(nginx.site, f) for f in sorted(nginx.site.rglob("*")) if f.is_file()]
    paths += ["/nope", "/demo-2025/nl/nope/", "/demo-2025/nl/embed/", "/demo-2025/nl/embed"]
    for path in paths:
        r = fetch(nginx.url, path)
        assert r.headers.get_all("X-Content-Type-Options") == ["nosniff"], (path, r.status)
        assert r.headers.get_all("Referrer-Policy") == ["strict-origin-when-cross-origin"], (path, r.status)
        assert r.csp(), (path, r.status)


@pytest.mark.nginx
@pytest.mark.parametrize("path, content_type", [
    ("/demo-2025/nl/agenda.ics", "text/calendar; charset=utf-8"),
    ("/agenda.ics", "text/calendar; charset=utf-8"),
    ("/demo-2025/fr/news/feed.xml", "application/atom+xml; charset=utf-8"),
    ("/demo-2025/data/laureates.csv", "text/csv; charset=utf-8"),
    ("/demo-2025/data/datapackage.json", "application/json"),
    ("/demo-2025/nl/oembed/home.json", "application/json"),
    ("/demo-2025/media/garden.svg", "image/svg+xml"),
    ("/demo-2025/nl/", "text/html"),
    ("/demo-2025/nl/sitemap.xml", "text/xml"),
])
def test_content_types(nginx, path, content_type):
    r = fetch(nginx.url, path)
    assert r.status == 200
    assert r.headers.get("Content-Type") == content_type


@pytest.mark.nginx
def test_an_svg_opened_on_its_own_runs_nothing(nginx):
    for path in ("/demo-2025/media/garden.svg", "/demo-2025/media/logo.svg", "/assets/favicon.svg"):
        r = fetch(nginx.url, path)
        assert r.status == 200
        assert r.csp() == {SVG_POLICY}, path
        assert r.headers.get("X-Frame-Options") == "SAMEORIGIN"


# An SVG whose root element runs a script when the file is opened (issue 20): on the site's origin,
# it could read and send anything the visitor's browser holds for the site.
ROOT_HANDLER_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"\n'
                    '     onload="document.documentElement.setAttribute(\'data-ran\', \'yes\')">'
                    '<rect width="10" height="10"/></svg>\n')
RAN = "document.documentElement.getAttribute('data-ran')"


@pytest.mark.nginx
@pytest.mark.browser
def test_an_svg_with_a_handler_on_its_root_is_refused_and_runs_nothing(tmp_path, request, page, serve):
    """The build refuses it, naming file, line and element; and should such a file reach the host by
    another way, the snippet's sandbox keeps Chromium from running it (without the policy it runs:
    the check would see it)."""
    from project import validate
    garden = "campaigns/demo-2025/media/garden.svg"
    problems = validate(write_project(tmp_path / "project", {garden: ROOT_HANDLER_SVG}))
    assert [(p.path, p.line, p.field, p.code) for p in problems] == [(garden, 1, "svg", "unsafe-media")]
    assert "an event handler (onload) on <svg>" in str(problems[0])

    site = tmp_path / "site"
    (site / "demo-2025" / "media").mkdir(parents=True)
    (site / "demo-2025" / "media" / "garden.svg").write_text(ROOT_HANDLER_SVG, encoding="utf-8")
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    port, municipal_port = free_ports(2)
    run_nginx(prefix, nginx_conf(prefix, site, port, municipal_port), [port, municipal_port], request)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(f"http://127.0.0.1:{port}/demo-2025/media/garden.svg")
    assert page.evaluate(RAN) is None
    assert any("Blocked script execution" in text and "sandboxed" in text for text in console), console

    page.goto(f"{serve(site)}/demo-2025/media/garden.svg")  # a server that sends no policy
    assert page.evaluate(RAN) == "yes"


def html_lang(body: bytes) -> str:
    return re.search(rb'<html[^>]*\blang="([^"]+)"', body).group(1).decode()


@pytest.mark.nginx
@pytest.mark.parametrize("path, page, lang", [
    ("/demo-2025/fr/nope/", "demo-2025/fr/404.html", "fr"),
    ("/demo-2025/fr/laureates/nope/deeper", "demo-2025/fr/404.html", "fr"),
    ("/demo-2025/nl/nope.ics", "demo-2025/nl/404.html", "nl"),
    ("/demo-2025/nl/embed/nope/", "demo-2025/nl/404.html", "nl"),
    ("/demo-2025/nl/embed/", "demo-2025/nl/404.html", "nl"),  # a folder without index.html
    ("/en/nope", "en/404.html", "en"),
    ("/nope", "404.html", "nl"),
    ("/nope/deeper/still/", "404.html", "nl"),
    ("/demo-2025/nope", "404.html", "nl"),
    ("/demo-2025/xx/nope", "404.html", "nl"),
])
def test_a_missing_address_gets_its_sites_404_page(nginx, path, page, lang):
    r = fetch(nginx.url, path)
    assert r.status == 404
    assert r.body == (nginx.site / page).read_bytes(), f"{path} is not answered with {page}"
    assert html_lang(r.body) == lang
    assert r.headers.get("Content-Type") == "text/html"
    assert r.csp() == {SELF}, "a 404 page, even below embed/, is not frameable by other sites"
    assert r.headers.get("X-Frame-Options") == "SAMEORIGIN"


@pytest.mark.nginx
@pytest.mark.parametrize("path", ["/assets/stylesheets/campaign.css", "/demo-2025/nl/assets/javascripts/loader.js",
                                  "/demo-2025/nl/sitemap.xml", "/demo-2025/nl/"])
def test_text_travels_compressed(nginx, path):
    """A browser that accepts gzip gets the theme's CSS and JS, calendars and pages compressed (the
    first visit on a phone is mostly those), and pages and sitemaps; the bytes are the file's."""
    request = urllib.request.Request(nginx.url + path, headers={"Accept-Encoding": "gzip"})
    with OPENER.open(request, timeout=10) as r:
        assert r.headers.get("Content-Encoding") == "gzip", path
        assert "Accept-Encoding" in (r.headers.get("Vary") or "")
        body = gzip.decompress(r.read())
    file = nginx.site / path.lstrip("/")
    assert body == (file / "index.html" if file.is_dir() else file).read_bytes()
