/* Progressive enhancements of the campaign sites. Everything works without JavaScript:
   - filters: a [data-cs-filter] form filters the .cs-card elements of [data-cs-cards] in place; each
     select's name is matched against the card's data attribute of the same name (space-separated
     values). The choices live in the address (?sdg=13&status=completed), so a filtered view can be
     shared and the back button undoes a choice; without JavaScript the form stays hidden and the
     links to the SDG pages do the job.
   - video facades: [data-cs-video] holds the player address; nothing is requested from the video
     host until the visitor clicks the button.
   - widget options ("embed this" page): each [data-cs-widget] section's form changes its preview
     and the code to copy (which goal or project, colours, height, links in a new window); without
     JavaScript the default code is shown, ready to select and copy.
   - search: the search pages ([data-cs-search], the only pages that load Pagefind) search at once
     for the term the header's search box sent as ?q=: a campaign site's its campaign, the portal's
     every campaign. Each result is labelled with its campaign and page type ([data-cs-labels] names
     them); the "all campaigns" link ([data-cs-search-everywhere]) carries the term typed to the
     portal's search. Without JavaScript the page says the search needs it. */
(function () {
  "use strict";
  function setUp(form) {
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-cs-cards] .cs-card"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = form.querySelector("[data-cs-count]");
    var empty = form.querySelector("[data-cs-empty]");
    var reset = form.querySelector(".cs-filter__reset");
    // A widget lives in another site's page: its choices replace the address (no entries in the
    // host's history); on the campaign's own site each choice is a step the back button undoes.
    var framed = window.self !== window.top;
    function has(card, select, value) {
      return !value || (card.getAttribute("data-" + select.name) || "").split(" ").indexOf(value) !== -1;
    }
    function matches(card, except) {
      return selects.every(function (select) { return select === except || has(card, select, select.value); });
    }
    function apply() {
      var shown = 0;
      cards.forEach(function (card) {
        card.hidden = !matches(card, null);
        if (!card.hidden) { shown += 1; }
      });
      // Each option counts the projects it would show with the other choices as they are; an option
      // that would show none is disabled, so no choice leads to an empty list by surprise.
      selects.forEach(function (select) {
        Array.prototype.forEach.call(select.options, function (option) {
          if (!option.value) { return; }
          var n = cards.filter(function (card) { return matches(card, select) && has(card, select, option.value); }).length;
          option.textContent = option.getAttribute("data-label") + " (" + n + ")";
          option.disabled = n === 0 && !option.selected;
        });
      });
      count.textContent = count.dataset.template.replace("{shown}", shown).replace("{total}", cards.length);
      empty.hidden = shown > 0;
      reset.hidden = selects.every(function (select) { return !select.value; });
    }
    function toAddress() {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        if (select.value) { params.set(select.name, select.value); } else { params.delete(select.name); }
      });
      var query = params.toString();
      return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    }
    function fromAddress() {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        var wanted = params.get(select.name) || "";
        var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
        select.value = known ? wanted : "";
      });
      apply();
    }
    function choose() {
      apply();
      var address = toAddress();
      if (address !== window.location.pathname + window.location.search + window.location.hash) {
        window.history[framed ? "replaceState" : "pushState"]({ csFilter: true }, "", address);
      }
    }
    form.hidden = false;
    form.addEventListener("change", choose);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    Array.prototype.forEach.call(form.querySelectorAll("[data-cs-reset]"), function (button) {
      button.addEventListener("click", function () {
        selects.forEach(function (select) { select.value = ""; });
        choose();
        selects[0].focus();
      });
    });
    window.addEventListener("popstate", fromAddress);
    fromAddress();
  }
  function playVideo(facade) {
    var button = facade.querySelector("button");
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = facade.getAttribute("data-cs-video");
      frame.title = facade.getAttribute("data-title");
      frame.allow = "autoplay; fullscreen; picture-in-picture";
      frame.setAttribute("allowfullscreen", "");
      frame.className = "cs-video__frame";
      // The poster gives way to the player; the notice and its link stay below.
      (facade.querySelector(".cs-video__poster") || button).replaceWith(frame);
      frame.focus();
    });
  }
  function setUpWidget(section) {
    var form = section.querySelector("[data-cs-widget-options]");
    var code = section.querySelector("[data-cs-snippet]");
    var frame = section.querySelector("iframe");
    var copy = section.querySelector("[data-cs-copy]");
    var copied = section.querySelector("[data-cs-copied]");
    var preview = frame.getAttribute("src");
    var escape = function (text) {
      return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    };
    function update() {
      var choice = form.elements.address ? form.elements.address.selectedOptions[0] : null;
      var address = choice ? choice.getAttribute("data-address") : code.getAttribute("data-address");
      var relative = choice ? choice.value : preview;
      var query = [];
      if (form.elements.theme.value) { query.push("theme=" + form.elements.theme.value); }
      if (form.elements.blank.checked) { query.push("target=blank"); }
      var suffix = query.length ? "?" + query.join("&") : "";
      var height = Math.max(200, Math.min(3000, parseInt(form.elements.height.value, 10) || 600));
      if (frame.getAttribute("src") !== relative + suffix) { frame.setAttribute("src", relative + suffix); }
      code.value = "<iframe src=\"" + escape(address + suffix) + "\" title=\"" + escape(code.getAttribute("data-title")) +
        "\" data-campaignsite-embed style=\"width:100%;height:" + height + "px;border:0\" loading=\"lazy\"></iframe>\n" +
        "<script src=\"" + escape(code.getAttribute("data-loader")) + "\" async></" + "script>";
    }
    form.hidden = false;
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var done = function () { copied.textContent = copied.getAttribute("data-text"); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(code.value).then(done, function () { code.select(); });
      } else { code.select(); document.execCommand("copy"); done(); }
    });
  }
  // Pagefind's UI (script and stylesheet, 135 kB) is loaded from here once the page has shown, not
  // linked by the page: on a slow phone network it would share the bandwidth with the page's own
  // styles and hold back the first paint (Lighthouse's FCP). The UI starts once both are in, so its box
  // is laid out once (#cs-search keeps the field's height meanwhile: campaign.css).
  function setUpSearch(box) {
    var bundle = box.getAttribute("data-cs-search");
    var waiting = 2;
    function loaded() { waiting -= 1; if (waiting === 0 && window.PagefindUI) { startSearch(box); } }
    var sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = bundle + "pagefind-ui.css";
    var script = document.createElement("script");
    script.src = bundle + "pagefind-ui.js";
    [sheet, script].forEach(function (element) {
      element.addEventListener("load", loaded);
      element.addEventListener("error", loaded);
      document.head.appendChild(element);
    });
  }
  function startSearch(box) {
    // The bundles' addresses are relative to the page; Pagefind would read them from its script's.
    function fromPage(path) { return new URL(path, document.baseURI).pathname; }
    // On the portal, the campaigns' bundles are merged with its own (campaignsite/write/search.py).
    var merged = JSON.parse(box.getAttribute("data-cs-merge") || "[]").map(function (path) {
      return { bundlePath: fromPage(path) };
    });
    var labels = JSON.parse(box.getAttribute("data-cs-labels") || "{}");
    // Pagefind UI shows every metadata but the title and image as "<key>: <value>": the keys become
    // the page's words for them, the campaign first.
    function labelled(result) {
      var meta = {};
      Object.keys(result.meta).forEach(function (key) { if (!labels[key]) { meta[key] = result.meta[key]; } });
      ["campaign", "kind"].forEach(function (key) {
        if (result.meta[key]) { meta[labels[key]] = result.meta[key]; }
      });
      result.meta = meta;
      return result;
    }
    var ui = new window.PagefindUI({ element: "#cs-search", bundlePath: fromPage(box.getAttribute("data-cs-search")),
                                     mergeIndex: merged, showImages: false, resetStyles: false,
                                     processResult: labelled,
                                     translations: JSON.parse(box.getAttribute("data-cs-translations") || "{}") });
    var everywhere = document.querySelector("[data-cs-search-everywhere]");
    var portal = everywhere && everywhere.getAttribute("href");
    function carry(term) {
      if (everywhere) { everywhere.setAttribute("href", term ? portal + "?q=" + encodeURIComponent(term) : portal); }
    }
    box.addEventListener("input", function (event) {
      if (event.target.classList.contains("pagefind-ui__search-input")) { carry(event.target.value.trim()); }
    });
    var term = new URLSearchParams(window.location.search).get("q");
    if (term) {
      ui.triggerSearch(term);
      carry(term);
      Array.prototype.forEach.call(document.querySelectorAll(".cs-site-search input[name=q]"), function (input) {
        input.value = term;
      });
    }
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-cs-widget]"), function (section) {
      if (!section.dataset.csReady) { section.dataset.csReady = "1"; setUpWidget(section); }
    });
    var form = document.querySelector("[data-cs-filter]");
    if (form && !form.dataset.csReady) { form.dataset.csReady = "1"; setUp(form); }
    var search = document.querySelector("[data-cs-search]");
    if (search && !search.dataset.csReady) {
      search.dataset.csReady = "1";
      // After the page's first frame: its own text is then painted before any of the UI is asked for.
      window.requestAnimationFrame(function () { window.setTimeout(function () { setUpSearch(search); }, 0); });
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-cs-video]"), function (facade) {
      if (!facade.dataset.csReady) { facade.dataset.csReady = "1"; playVideo(facade); }
    });
  }
  // mkdocs-material's instant navigation swaps pages without reloading: listen to its document$.
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); } else {
    document.addEventListener("DOMContentLoaded", init);
  }
}());
