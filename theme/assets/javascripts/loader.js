/* campaignsite widget loader: one file, no dependencies. Put it on a page after (or before) the
   widgets' iframes, each marked data-campaignsite-embed:
     <iframe src="https://.../embed/laureates/" title="..." data-campaignsite-embed
             style="width:100%;height:600px;border:0" loading="lazy"></iframe>
     <script src="https://.../assets/javascripts/loader.js" async></script>
   It resizes each iframe to the height its widget reports. A message counts only if it comes from
   that iframe's window and from the origin of its address; anything else is ignored. Without this
   script the iframe keeps its fixed height and the widget scrolls inside it. */
(function () {
  "use strict";
  var frames = [];
  // A widget may post its height before this (async) script runs: once bound, and whenever the
  // frame (re)loads, each widget is asked to say its height again.
  function ask(item) {
    if (item.frame.contentWindow) { item.frame.contentWindow.postMessage({ type: "campaignsite:ask" }, item.origin); }
  }
  function bind(frame) {
    if (frame.getAttribute("data-campaignsite-bound")) { return; }
    frame.setAttribute("data-campaignsite-bound", "1");
    var item = { frame: frame, origin: new URL(frame.src, window.location.href).origin };
    frames.push(item);
    frame.addEventListener("load", function () { ask(item); });
    ask(item);
  }
  function scan() {
    Array.prototype.forEach.call(document.querySelectorAll("iframe[data-campaignsite-embed]"), bind);
  }
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "campaignsite:height") { return; }
    scan();
    frames.forEach(function (item) {
      if (item.frame.contentWindow !== event.source || item.origin !== event.origin) { return; }
      var value = Number(data.height);
      if (isFinite(value) && value > 0 && value <= 20000) { item.frame.style.height = Math.ceil(value) + "px"; }
    });
  });
  scan();
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", scan); }
}());
