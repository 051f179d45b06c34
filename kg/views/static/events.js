// govkg events table: filter by type, dates, place and text; sort by a column; #id or #place=NAME from the search.
(function () {
  "use strict";
  var table = document.getElementById("events");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  function value(id) { return document.getElementById(id).value; }
  function apply() {
    var type = value("f-type"), from = value("f-from"), to = value("f-to"), place = value("f-place");
    var text = value("f-text").trim(), shown = 0;
    rows.forEach(function (row) {
      var d = row.dataset, date = d.date || "";
      var ok = (!type || d.type === type) && (!place || d.places.split("|").indexOf(place) >= 0)
        && (!from || (date && date >= from.slice(0, date.length))) && (!to || (date && date <= to.slice(0, date.length)))
        && (!text || row.textContent.indexOf(text) >= 0);
      row.hidden = !ok;
      shown += ok ? 1 : 0;
    });
    document.getElementById("shown").textContent = shown + " / " + rows.length;
  }
  ["f-type", "f-from", "f-to", "f-place", "f-text"].forEach(function (id) {
    document.getElementById(id).addEventListener("input", apply);
    document.getElementById(id).addEventListener("change", apply);
  });
  var order = {};
  table.querySelectorAll("th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () {
      var key = th.dataset.sort, sign = order[key] = -(order[key] || -1);
      rows.sort(function (a, b) { return sign * (a.dataset[key] || "").localeCompare(b.dataset[key] || "", "zh"); });
      rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
    });
  });
  function fromHash() {
    var hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash.indexOf("place=") === 0) {
      var select = document.getElementById("f-place");
      select.value = hash.slice(6);
      apply();
    } else if (hash) {
      var row = document.getElementById(hash);
      if (row) { row.className = "target"; row.scrollIntoView(); }
    }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  apply();
  window.govkgStabilized = true;
})();
