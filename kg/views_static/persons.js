// govkg persons page: swap the chosen person's view into the network (from the selector or the #hash).
(function () {
  "use strict";
  var select = document.getElementById("govkg-person");
  function tipElement(text) {
    var div = document.createElement("div");
    div.className = "govkg-tip";
    div.textContent = text || "";
    return div;
  }
  function show(id) {
    var view = window.govkgPersons[id];
    if (!view) { return; }
    select.value = id;
    nodes.clear(); edges.clear();
    nodes.add(view.nodes.map(function (n) { var c = Object.assign({}, n); c.title = tipElement(n.tip); return c; }));
    edges.add(view.edges.map(function (e) { var c = Object.assign({}, e); c.title = tipElement(e.tip); return c; }));
    window.govkgStabilized = false;
    network.setOptions({physics: {enabled: true}});
    network.stabilize(150);
    network.once("stabilized", function () {
      network.setOptions({physics: false});
      var bar = document.getElementById("loadingBar");
      if (bar) { bar.style.display = "none"; }
      window.govkgStabilized = true;
    });
    if (window.govkgApplyFilters) { window.govkgApplyFilters(); }
  }
  window.govkgShowPerson = show;
  select.addEventListener("change", function () { show(select.value); });
  var wanted = decodeURIComponent(window.location.hash.slice(1));
  if (wanted && window.govkgPersons[wanted]) { show(wanted); }
})();
