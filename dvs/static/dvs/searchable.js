// SearchableCheckboxes (dvs/lib/widgets.py): filter a long list of checkboxes by typing,
// accent-insensitive ("ha noi" finds "Hà Nội"); the chosen ones always stay visible.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function setUp(box) {
    if (box.dataset.dvsReady) return;
    box.dataset.dvsReady = "1";
    var filter = box.querySelector(".dvs-searchable__filter");
    var count = box.querySelector(".dvs-searchable__count");
    var options = Array.prototype.slice.call(box.querySelectorAll("input[type=checkbox]"));
    filter.hidden = false;
    count.hidden = false;
    function row(input) { return input.closest("div") || input.parentNode; }
    function update() {
      var words = fold(filter.value).split(/\s+/).filter(Boolean);
      var chosen = 0;
      options.forEach(function (input) {
        var text = fold(row(input).textContent);
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        if (input.checked) chosen += 1;
        row(input).hidden = !(input.checked || match);
      });
      count.textContent = (box.dataset.chosenLabel || "Chosen") + ": " + chosen;
    }
    filter.addEventListener("input", update);
    // Enter in the box must not submit the page's form.
    filter.addEventListener("keydown", function (event) { if (event.key === "Enter") event.preventDefault(); });
    options.forEach(function (input) { input.addEventListener("change", update); });
    update();
  }
  function all() { document.querySelectorAll("[data-dvs-searchable]").forEach(setUp); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all); else all();
  document.addEventListener("w-formset:ready", all);
})();
