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
  var data = {views: window.govkgViews, nodes: window.govkgNodes};
  function show(id) {
    var view = data.views[id];
    if (!view) { return; }
    select.value = id;
    var note = document.getElementById("govkg-view-note");
    if (note) { note.textContent = view.note || ""; }
    nodes.clear(); edges.clear();
    nodes.add(view.nodes.map(function (nid) {
      var c = Object.assign({}, data.nodes[nid]); c.title = tipElement(c.tip); return c;
    }));
    edges.add(view.edges.map(function (e) {
      return {from: e[0], to: e[1], tip: e[2], title: tipElement(e[2]), arrows: "to", color: "#bbbbbb"};
    }));
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
  if (wanted && data.views[wanted]) { show(wanted); } else if (window.govkgOpening) { select.value = window.govkgOpening; }
})();
