(function () {
  "use strict";
  var chart = document.getElementById("om-chart");
  if (!chart) { return; }
  var labels = JSON.parse(chart.getAttribute("data-labels"));
  var canvas = chart.querySelector(".om-canvas");
  var svg = chart.querySelector(".om-lines");
  var NS = "http://www.w3.org/2000/svg";
  var search = document.getElementById("om-search");
  var kd = document.getElementById("om-kd");
  var count = document.getElementById("om-count");
  var items = Array.prototype.slice.call(chart.querySelectorAll("li.om-item"));
  var byId = {};
  items.forEach(function (li) { byId[li.getAttribute("data-id")] = li; });

  function fold(s) {
    // å and é fold by Unicode; ø and æ by hand, so "mjondalen" finds Mjøndalen
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ø/g, "o").replace(/æ/g, "ae");
  }
  function node(li) { return li.querySelector(":scope > .om-node"); }
  function kids(li) {
    var list = li.querySelector(":scope > ul");
    return list ? Array.prototype.slice.call(list.children) : [];
  }
  function setOpen(li, open) {
    var button = node(li).querySelector(".om-toggle");
    if (!button) { return; }
    li.classList.toggle("om-collapsed", !open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.setAttribute("aria-label", open ? labels.collapse : labels.expand);
    button.textContent = open ? "\u2212" : "+";
  }
  function openAncestors(li) {
    var up = li.parentElement ? li.parentElement.closest("li.om-item") : null;
    while (up) { setOpen(up, true); up = up.parentElement.closest("li.om-item"); }
  }

  // search and kommunedel filter, together: the filter hides branches without a unit in the
  // kommunedel; the search marks the units whose name holds the text and opens their branches
  function update() {
    var q = fold(search.value.trim());
    var place = kd.value;
    var hits = [];
    function visit(li) {
      var own = !place || (" " + li.getAttribute("data-kd") + " ").indexOf(" " + place + " ") >= 0;
      var any = own;
      kids(li).forEach(function (child) { if (visit(child)) { any = true; } });
      li.classList.toggle("om-gone", !any);
      li.classList.toggle("om-dim", any && !own);
      var hit = q !== "" && any && fold(li.getAttribute("data-name")).indexOf(q) >= 0;
      node(li).classList.toggle("om-hit", hit);
      if (hit) { hits.push(li); }
      return any;
    }
    Array.prototype.slice.call(chart.querySelectorAll(".om-tree > li.om-item")).forEach(visit);
    hits.forEach(openAncestors);
    markLast();
    if (q === "") {
      count.textContent = "";
    } else {
      count.textContent = (hits.length === 1 ? labels.one : labels.many).replace("{n}", String(hits.length));
      if (hits.length) { node(hits[hits.length - 1]).scrollIntoView({block: "nearest"}); }
    }
    draw();
  }

  // the vertical line of an indented list ends at the last unit still shown
  function markLast() {
    Array.prototype.slice.call(chart.querySelectorAll("ul.om-col")).forEach(function (list) {
      var shown = Array.prototype.slice.call(list.children).filter(function (li) {
        return !li.classList.contains("om-gone");
      });
      Array.prototype.slice.call(list.children).forEach(function (li) {
        li.classList.toggle("om-last-shown", li === shown[shown.length - 1]);
      });
    });
  }

  // professional lines: dashed curves between the boxes that are shown (all positions are read
  // before the first path is added, so the page is laid out once, not once per line)
  function draw() {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var base = canvas.getBoundingClientRect();
    var dx = canvas.scrollLeft - base.left, dy = canvas.scrollTop - base.top;
    var lines = [];
    items.forEach(function (li) {
      var from = node(li);
      (li.getAttribute("data-functional") || "").split(" ").forEach(function (id) {
        var other = byId[id];
        if (!id || !other || !from.offsetParent || !node(other).offsetParent) { return; }
        var a = from.getBoundingClientRect(), b = node(other).getBoundingClientRect();
        lines.push([li.getAttribute("data-id"), id, a.right + dx, a.top + a.height / 2 + dy,
                    b.right + dx, b.top + b.height / 2 + dy]);
      });
    });
    svg.setAttribute("width", String(canvas.scrollWidth));
    svg.setAttribute("height", String(canvas.scrollHeight));
    if (lines.length) { svg.appendChild(arrow()); }
    lines.forEach(function (l) {
      var bend = Math.max(l[2], l[4]) + 40;
      var d = "M" + l[2] + " " + l[3] + " C" + bend + " " + l[3] + " " + bend + " " + l[5] +
              " " + l[4] + " " + l[5];
      // drawn over the boxes, on a faint white band (the names beneath stay readable) and with an
      // arrow at the unit reported to: a line that passes other boxes is seen to pass, not to join them
      var halo = document.createElementNS(NS, "path");
      halo.setAttribute("d", d);
      halo.setAttribute("class", "om-halo");
      svg.appendChild(halo);
      var path = document.createElementNS(NS, "path");
      path.setAttribute("d", d);
      path.setAttribute("class", "om-line");
      path.setAttribute("marker-end", "url(#om-arrow)");
      path.setAttribute("data-from", l[0]);
      path.setAttribute("data-to", l[1]);
      svg.appendChild(path);
    });
  }

  function arrow() {
    var defs = document.createElementNS(NS, "defs");
    var marker = document.createElementNS(NS, "marker");
    marker.setAttribute("id", "om-arrow");
    marker.setAttribute("viewBox", "0 0 10 10");
    marker.setAttribute("refX", "9");
    marker.setAttribute("refY", "5");
    marker.setAttribute("markerWidth", "7");
    marker.setAttribute("markerHeight", "7");
    marker.setAttribute("orient", "auto-start-reverse");
    var tip = document.createElementNS(NS, "path");
    tip.setAttribute("d", "M0 0 L10 5 L0 10 z");
    tip.setAttribute("class", "om-tip");
    marker.appendChild(tip);
    defs.appendChild(marker);
    return defs;
  }

  chart.addEventListener("click", function (event) {
    var button = event.target.closest(".om-toggle");
    if (!button) { return; }
    var li = button.closest("li.om-item");
    setOpen(li, li.classList.contains("om-collapsed"));
    draw();
  });
  document.getElementById("om-expand").addEventListener("click", function () {
    items.forEach(function (li) { setOpen(li, true); });
    draw();
  });
  document.getElementById("om-collapse").addEventListener("click", function () {
    items.forEach(function (li) { setOpen(li, li.parentElement.classList.contains("om-tree")); });
    draw();
  });
  search.addEventListener("input", update);
  kd.addEventListener("change", update);
  window.addEventListener("resize", draw);
  window.addEventListener("beforeprint", function () { while (svg.firstChild) { svg.removeChild(svg.firstChild); } });
  window.addEventListener("afterprint", draw);
  markLast();
  draw();
}());
