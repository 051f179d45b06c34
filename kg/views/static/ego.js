// govkg profile: the small network around a person — positions fixed in Python, no physics, labelled undirected edges.
(function () {
  "use strict";
  var holder = document.getElementById("ego"), source = document.getElementById("ego-data");
  if (!holder || !source || !window.vis) { window.govkgStabilized = true; return; }
  var data = JSON.parse(source.textContent);
  var root = document.body.dataset.root || "";
  var colors = {person: "#e15759", organization: "#4e79a7"};
  var nodes = new vis.DataSet(data.nodes.map(function (n, k) {
    return {id: n.id, label: n.label, x: n.x, y: n.y, href: n.href, shape: "dot", size: k === 0 ? 22 : 12,
            color: colors[n.kind] || "#999", font: {size: 16}};
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, k) {
    return {id: k, from: e.from, to: e.to, label: e.label, color: "#bbb", font: {size: 12, align: "middle"}};
  }));
  var network = new vis.Network(holder, {nodes: nodes, edges: edges},
    {physics: false, interaction: {hover: true}, edges: {smooth: false}});
  network.on("doubleClick", function (params) {
    if (params.nodes.length) { var n = nodes.get(params.nodes[0]); if (n.href) { window.location.href = root + n.href; } }
  });
  window.govkgEgo = network;
  window.govkgStabilized = true;
})();
