/* Progressive enhancements of the campaign sites. Everything works without JavaScript:
   - filters: a [data-cs-filter] form filters the .cs-card elements of [data-cs-cards] in place; each
     select's name is matched against the card's data attribute of the same name (space-separated
     values); without JavaScript the form stays hidden and the links to the SDG pages do the job.
   - video facades: [data-cs-video] holds the player address; nothing is requested from the video
     host until the visitor clicks the button.
   - widget options ("embed this" page): each [data-cs-widget] section's form changes its preview
     and the code to copy (which goal or project, colours, height, links in a new window); without
     JavaScript the default code is shown, ready to select and copy. */
(function () {
  "use strict";
  function setUp(form) {
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-cs-cards] .cs-card"));
    var count = form.querySelector("[data-cs-count]");
    function apply() {
      var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
      var shown = 0;
      cards.forEach(function (card) {
        var ok = selects.every(function (select) {
          var wanted = select.value;
          var values = (card.getAttribute("data-" + select.name) || "").split(" ");
          return !wanted || values.indexOf(wanted) !== -1;
        });
        card.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = count.dataset.template.replace("{shown}", shown).replace("{total}", cards.length);
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
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
      facade.replaceChildren(frame);
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
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-cs-widget]"), function (section) {
      if (!section.dataset.csReady) { section.dataset.csReady = "1"; setUpWidget(section); }
    });
    var form = document.querySelector("[data-cs-filter]");
    if (form && !form.dataset.csReady) { form.dataset.csReady = "1"; setUp(form); }
    var search = document.querySelector("[data-cs-search]");
    if (search && window.PagefindUI && !search.dataset.csReady) {
      search.dataset.csReady = "1";
      new window.PagefindUI({ element: "#cs-search", bundlePath: search.getAttribute("data-cs-search"),
                              showImages: false, resetStyles: false });
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
