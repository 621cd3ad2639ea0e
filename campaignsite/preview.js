// The live preview's script (campaignsite/preview.py adds it to the pages it serves; it is never in
// the built files). It listens to /__preview/events: after a good rebuild it reloads the page; after
// a failed one it shows the problems over the page, which stays the last good build. Its words are in
// the editor's language: preview.py (client_js) fills in TEXT as it serves this file.
(function () {
  "use strict";
  var TEXT = PREVIEW_TEXT;
  var script = document.currentScript;
  var pageBuild = Number(script.getAttribute("data-build"));
  var OVERLAY_ID = "campaignsite-preview-problems";

  function hide() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  // Built with textContent only: a problem quoting "<b>" from a CSV cell shows as text, never as HTML.
  function show(problems) {
    hide();
    var box = document.createElement("section");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", OVERLAY_ID + "-title");
    box.style.cssText = "position:fixed;z-index:2147483647;left:0;right:0;bottom:0;max-height:60vh;" +
      "overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff;color:#000;border-top:6px solid #b00020;" +
      "box-shadow:0 -4px 16px rgba(0,0,0,.3);font:14px/1.45 system-ui,sans-serif;";
    var title = document.createElement("h2");
    title.id = OVERLAY_ID + "-title";
    title.style.cssText = "margin:0 0 .5rem;font-size:1.1rem;color:#b00020;";
    // The catalogue's singular or plural form, chosen by the language's plural rule (French: 0 and 1 are singular).
    var form = new Intl.PluralRules(TEXT.lang).select(problems.length) === "one" ? 0 : 1;
    title.textContent = TEXT.title[form].replace("%(count)s", String(problems.length));
    var list = document.createElement("pre");
    list.style.cssText = "margin:0 0 .75rem;white-space:pre-wrap;font:13px/1.45 ui-monospace,monospace;";
    list.textContent = problems.join("\n");
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = TEXT.hide;
    close.addEventListener("click", hide);
    box.append(title, list, close);
    document.body.append(box);
  }

  var events = new EventSource("/__preview/events");
  events.onmessage = function (event) {
    var state = JSON.parse(event.data);
    if (state.problems.length) {
      show(state.problems);
    } else if (state.build !== pageBuild) {
      events.close();
      location.reload();
    } else {
      hide();
    }
  };
})();
