/* Showcase filter: enhances the links to SDG pages (which work without JavaScript) with an
   in-place filter by goal, status and category. */
(function () {
  "use strict";
  function setUp(form) {
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-cs-cards] .cs-card"));
    var count = form.querySelector("[data-cs-count]");
    function apply() {
      var sdg = form.elements.sdg ? form.elements.sdg.value : "";
      var status = form.elements.status ? form.elements.status.value : "";
      var category = form.elements.category ? form.elements.category.value : "";
      var shown = 0;
      cards.forEach(function (card) {
        var ok = (!sdg || card.dataset.sdgs.split(" ").indexOf(sdg) !== -1) &&
                 (!status || card.dataset.status === status) &&
                 (!category || card.dataset.category === category);
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
  function init() {
    var form = document.querySelector("[data-cs-filter]");
    if (form && !form.dataset.csReady) { form.dataset.csReady = "1"; setUp(form); }
  }
  // mkdocs-material's instant navigation swaps pages without reloading: listen to its document$.
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); } else {
    document.addEventListener("DOMContentLoaded", init);
  }
}());
