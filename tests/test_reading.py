"""Reading comfort in a real browser (issue 22, item 5): lines a reader can follow (at most 80
characters, about 70 by design) and controls a thumb can hit (buttons at least 44 x 44 px, goal chips
at least 32 px high; every other control too, links inside a sentence apart), on a phone (390 px)
and a laptop (1280 px), in Debian's Chromium.
"""

from __future__ import annotations

import pytest

from campaignsite.render.engine import SELECTORS

pytestmark = pytest.mark.browser

# Each visible paragraph's width in characters of its own text (its width over the mean width of its
# characters in its font: what a line holds once the paragraph is long enough to fill it), and the size of
# each button and goal chip; what is hidden (a closed filter, a collapsed menu) is left out.
MEASURE = """(content) => {
  const ctx = document.createElement("canvas").getContext("2d");
  const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const label = e => (e.innerText || "").trim().replace(/\\s+/g, " ").slice(0, 40);
  const paragraphs = [...document.querySelectorAll(content + " p")].filter(shown).map(p => {
    const s = getComputedStyle(p), text = p.innerText.trim().replace(/\\s+/g, " ");
    ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const mean = ctx.measureText(text).width / Math.max(text.length, 1);
    return {text: label(p), chars: p.getBoundingClientRect().width / mean};
  }).filter(p => p.text.length > 20);
  const boxes = sel => [...document.querySelectorAll(sel)].filter(shown).map(e => {
    const r = e.getBoundingClientRect();
    return {text: label(e) || e.getAttribute("aria-label") || e.className, width: r.width, height: r.height};
  });
  // Every control but a link inside running text (display inline: WCAG 2.5.5's inline exception) and
  // the goal chips (measured apart); the skip link only counts once focused (Material hides it).
  const controls = [...document.querySelectorAll(
      "a[href], button, select, input:not([type=hidden]), textarea, summary, label[for]")]
    .filter(e => shown(e) && getComputedStyle(e).opacity !== "0" && !e.matches("a.cs-sdg")
            && !(e.tagName === "A" && getComputedStyle(e).display === "inline"));
  controls.forEach(e => e.setAttribute("data-cs-measured", ""));
  return {paragraphs, buttons: boxes("[data-cs-measured]"), chips: boxes("a.cs-sdg")};
}"""


@pytest.mark.samples("home", "laureate", "showcase", "help", "agenda", "sdg", "event", "press", "news",
                     "portal-home", "portal-municipality", "portal-sdg", per_type=3)
@pytest.mark.parametrize("width", [390, 1280])
def test_lines_are_short_and_targets_large(page, site_samples, subtests, width):
    page.set_viewport_size({"width": width, "height": 800})
    for sample in site_samples:
        with subtests.test(sample.id):
            page.goto(sample.url)
            found = page.evaluate(MEASURE, SELECTORS["content"])
            assert found["paragraphs"], "no paragraph measured"
            wide = [p for p in found["paragraphs"] if p["chars"] > 80]
            assert not wide, f"paragraphs over 80 characters wide: {wide[:5]}"
            assert found["buttons"], "no control measured"
            small = [b for b in found["buttons"] if b["width"] < 44 or b["height"] < 44]
            assert not small, f"controls under 44 x 44 px: {small[:5]}"
            low = [c for c in found["chips"] if c["height"] < 32]
            assert not low, f"goal chips under 32 px high: {low[:5]}"
