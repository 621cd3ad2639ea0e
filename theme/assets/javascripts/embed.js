/* Inside a widget (theme/embed.html):
   - ?theme=dark|brand picks the colour scheme, ?target=blank opens links in a new window (the
     default, without JavaScript too, is the top window: <base target="_top">);
   - the widget's height is posted to the host page whenever it changes: as
     {type: "campaignsite:height", height} for our loader script (loader.js), and, when WordPress
     framed it (a #?secret=... in the address), as WordPress's {message: "height", value, secret}.
     WordPress frames unknown providers with sandbox="allow-scripts", where links cannot leave the
     frame: there a click is posted as {message: "link", value, secret} and WordPress follows it. */
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var theme = params.get("theme");
  if (theme === "dark" || theme === "brand") { document.documentElement.classList.add("cs-embed--" + theme); }
  var base = document.querySelector("base");
  if (params.get("target") === "blank" && base) { base.target = "_blank"; }
  var match = /[#&?]secret=([A-Za-z0-9]+)/.exec(window.location.hash);
  var secret = match ? match[1] : null;
  var framed = window.parent && window.parent !== window;
  var last = -1;

  function height() {
    return Math.ceil(document.body.getBoundingClientRect().height);
  }
  function report() {
    var value = height();
    if (!framed || value === last) { return; }
    last = value;
    window.parent.postMessage({ type: "campaignsite:height", height: value }, "*");
    if (secret) { window.parent.postMessage({ message: "height", value: value, secret: secret }, "*"); }
  }
  if (secret && framed) {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || event.defaultPrevented || base && base.target === "_blank") { return; }
      event.preventDefault();
      window.parent.postMessage({ message: "link", value: link.href, secret: secret }, "*");
    });
  }
  // The host's loader asks again when it starts (it may have missed the first report).
  window.addEventListener("message", function (event) {
    if (framed && event.source === window.parent && event.data && event.data.type === "campaignsite:ask") {
      last = -1;
      report();
    }
  });
  if (window.ResizeObserver) { new window.ResizeObserver(report).observe(document.body); }
  window.addEventListener("load", report);
  report();
}());
