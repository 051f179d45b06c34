// govkg site search: persons, bodies, places and events (names and aliases), offline; Enter opens the first match.
(function () {
  "use strict";
  var index = window.govkgIndex || [];
  var root = document.body.dataset.root || "";
  var input = document.getElementById("site-search");
  var list = document.getElementById("site-search-results");
  if (!input || !list) { return; }
  var KINDS = {person: "人物", organization: "机构", place: "地点", event: "事件"};
  function matches(query) {
    var exact = [], prefix = [], inside = [], seen = {};
    index.forEach(function (entry) {
      var name = entry[0], key = entry[2];
      if (seen[key] || name.indexOf(query) < 0) { return; }
      seen[key] = true;
      (name === query ? exact : name.indexOf(query) === 0 ? prefix : inside).push(entry);
    });
    return exact.concat(prefix, inside).slice(0, 15);
  }
  function show() {
    var query = input.value.trim();
    list.textContent = "";
    if (!query) { list.hidden = true; return; }
    var found = matches(query);
    found.forEach(function (entry, k) {
      var li = document.createElement("li"), a = document.createElement("a"), kind = document.createElement("span");
      a.href = root + entry[2];
      a.textContent = entry[0];                  // names are data: text, never markup
      kind.className = "kind";
      kind.textContent = KINDS[entry[1]] || entry[1];
      if (k === 0) { a.className = "active"; }
      a.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = found.length === 0;
  }
  input.addEventListener("input", show);
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var found = matches(input.value.trim());
    if (found.length) { window.location.href = root + found[0][2]; }
  });
  document.addEventListener("click", function (event) { if (!input.form.contains(event.target)) { list.hidden = true; } });
})();
