// govkg view controls: tooltips as text, search, filters by kind / event type / date, physics stop.
(function () {
  "use strict";
  function tipElement(text) {           // names and tooltips are data: textContent, never HTML
    var div = document.createElement("div");
    div.className = "govkg-tip";
    div.textContent = text || "";
    return div;
  }
  nodes.update(nodes.get().map(function (n) { return {id: n.id, title: tipElement(n.tip)}; }));
  edges.update(edges.get().map(function (e) { return {id: e.id, title: tipElement(e.tip)}; }));

  var hiddenKinds = {};
  function visible(n) {
    if (hiddenKinds[n.kind]) { return false; }
    if (n.kind === "event") {
      var type = document.getElementById("govkg-type").value;
      if (type && n.event_type !== type) { return false; }
      var from = document.getElementById("govkg-from").value, to = document.getElementById("govkg-to").value;
      var date = n.date || "";
      if (from && (!date || date < from.slice(0, date.length))) { return false; }
      if (to && (!date || date > to.slice(0, date.length))) { return false; }
    }
    return true;
  }
  function applyFilters() {
    nodes.update(nodes.get().map(function (n) { return {id: n.id, hidden: !visible(n)}; }));
  }
  window.govkgApplyFilters = applyFilters;
  document.querySelectorAll("#govkg-panel input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () { hiddenKinds[box.dataset.kind] = !box.checked; applyFilters(); });
  });
  ["govkg-type", "govkg-from", "govkg-to"].forEach(function (id) {
    var el = document.getElementById(id);
    if (el) { el.addEventListener("change", applyFilters); }
  });
  function search() {
    var query = document.getElementById("govkg-search").value.trim();
    if (!query) { return; }
    var found = nodes.get({filter: function (n) { return (n.label || "").indexOf(query) >= 0; }});
    var status = document.getElementById("govkg-found");
    status.textContent = found.length + " found";
    if (found.length) {
      network.selectNodes(found.map(function (n) { return n.id; }));
      network.focus(found[0].id, {scale: 1.2, animation: false});
    }
  }
  document.getElementById("govkg-go").addEventListener("click", search);
  document.getElementById("govkg-search").addEventListener("keydown", function (e) { if (e.key === "Enter") { search(); } });

  window.govkgStabilized = false;
  function settle() {
    network.setOptions({physics: false});
    var bar = document.getElementById("loadingBar");   // pyvis's progress overlay would catch the mouse
    if (bar) { bar.style.display = "none"; }
    window.govkgStabilized = true;
  }
  network.once("stabilizationIterationsDone", settle);
  network.once("stabilized", settle);
  if (!network.physics.options.enabled) { window.govkgStabilized = true; }
})();
