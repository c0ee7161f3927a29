(function () {
  "use strict";
  var chart = document.getElementById("om-chart");
  if (!chart) { return; }
  var labels = JSON.parse(chart.getAttribute("data-labels"));
  var canvas = chart.querySelector(".om-canvas");
  var zoomed = chart.querySelector(".om-zoom");
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
    relayout();
    if (q === "") {
      count.textContent = "";
    } else {
      count.textContent = (hits.length === 1 ? labels.one : labels.many).replace("{n}", String(hits.length));
      if (hits.length) { node(hits[hits.length - 1]).scrollIntoView({block: "nearest", inline: "nearest"}); }
    }
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

  // ---- zoom: "fit to width" (the page opens so) or 100 %; printing always prints at 100 % ----
  var FLOOR = 0.5;  // narrower than this the names cannot be read: scroll sideways instead
  var fitButton = document.getElementById("om-fit");
  var fullButton = document.getElementById("om-full");
  var scaleText = document.getElementById("om-scale");
  var fitting = true;
  var scale = 1;

  // the zoom the page shows: measured, so that a browser without CSS zoom draws at 100 % throughout
  function shown() {
    return zoomed.offsetWidth ? zoomed.getBoundingClientRect().width / zoomed.offsetWidth : 1;
  }
  function setScale(next) {
    var middle = (canvas.scrollLeft + canvas.clientWidth / 2) / shown();  // kept in the middle
    scale = next;
    zoomed.style.zoom = String(next);
    canvas.scrollLeft = middle * shown() - canvas.clientWidth / 2;
  }
  function fitScale() {
    var natural = zoomed.offsetWidth;  // its width in the layout, whatever the zoom
    return natural > 0 ? Math.max(FLOOR, Math.min(1, canvas.clientWidth / natural)) : 1;
  }
  function showScale() {
    fitButton.setAttribute("aria-pressed", fitting ? "true" : "false");
    fullButton.setAttribute("aria-pressed", !fitting && scale === 1 ? "true" : "false");
    var text = labels.scale.replace("{n}", String(Math.round(shown() * 100)));
    if (canvas.scrollWidth > canvas.clientWidth + 1) { text += " \u00b7 " + labels.wide; }
    scaleText.textContent = text;
  }
  // after anything that changes the chart's size: fit again (when fitting), then draw the lines
  function relayout() {
    // again while the fit moves: a new zoom can bring or take away the page's scroll bar
    for (var i = 0; fitting && i < 3 && Math.abs(fitScale() - scale) > 0.001; i++) { setScale(fitScale()); }
    draw();
    showScale();
  }
  function centreOn(li) {
    var r = node(li).getBoundingClientRect(), c = canvas.getBoundingClientRect();
    canvas.scrollLeft += (r.left + r.right) / 2 - (c.left + c.right) / 2;
  }

  // ---- professional lines: dashed, beneath the boxes, routed through the gaps between them ----
  // A line leaves its unit's box to the right, runs down the gap right of the unit's column (the
  // direktørområde it belongs to), along a free band across the columns between (the band over the
  // direktørområder's boxes, if no nearer one is free of boxes), down the gap right of the other
  // column and into the other box from the right. Every segment is tested against every box shown.
  var CLEAR = 8;   // room kept between a line and a box
  var LANE = 4;    // between lines that share a gap or a band
  var ROOM = 16;   // of the gap between two columns, what the lines may take

  function local(el, origin, k) {
    var r = el.getBoundingClientRect();
    return {left: (r.left - origin.left) / k, right: (r.right - origin.left) / k,
            top: (r.top - origin.top) / k, bottom: (r.bottom - origin.top) / k};
  }
  // the item of the column a unit stands in: a unit under the top unit's row, else the top unit
  function column(li) {
    var col = li;
    for (var up = li; up; up = up.parentElement.closest("li.om-item")) {
      col = up;
      if (up.parentElement.classList.contains("om-row")) { return up; }
    }
    return col;
  }
  function meets(seg, box) {
    return seg.left < box.right && seg.right > box.left && seg.top < box.bottom && seg.bottom > box.top;
  }
  // whether a path keeps off every box but its own two ends
  function clear(points, boxes, line) {
    for (var i = 1; i < points.length; i++) {
      var p = points[i - 1], q = points[i];
      var seg = {left: Math.min(p[0], q[0]) - 2, right: Math.max(p[0], q[0]) + 2,
                 top: Math.min(p[1], q[1]) - 2, bottom: Math.max(p[1], q[1]) + 2};
      for (var j = 0; j < boxes.length; j++) {
        var own = (i === 1 && boxes[j] === line.a) || (i === points.length - 1 && boxes[j] === line.b);
        if (!own && meets(seg, boxes[j])) { return false; }
      }
    }
    return true;
  }
  // heights where a line can cross from x1 to x2 with no box in the way, the nearest first
  function bands(boxes, x1, x2, ya, yb, shift) {
    var spans = boxes.filter(function (b) { return b.right > x1 - CLEAR && b.left < x2 + CLEAR; })
      .map(function (b) { return [b.top - CLEAR, b.bottom + CLEAR]; })
      .sort(function (s, t) { return s[0] - t[0]; });
    var free = [], edge = 0;
    spans.forEach(function (s) { if (s[0] > edge) { free.push([edge, s[0]]); } edge = Math.max(edge, s[1]); });
    free.push([edge, edge + 4 * CLEAR]);
    var want = (ya + yb) / 2;
    // the free height nearest the line's ends, moved ``shift`` away from those ends, within the band
    var ys = free.map(function (f) {
      var y = want <= f[0] ? f[0] + shift : want >= f[1] ? f[1] - shift : want + shift;
      return Math.min(Math.max(y, f[0]), f[1]);
    });
    return ys.sort(function (s, t) {
      return Math.abs(ya - s) + Math.abs(yb - s) - Math.abs(ya - t) - Math.abs(yb - t);
    });
  }
  // the points of one line: out of its box, down the gap, across a band, down the other gap, in
  function route(line, boxes) {
    var xa = line.colA.right + (line.laneA || 0), xb = line.colB.right + (line.laneB || 0);
    var start = [line.a.right, line.ya], end = [line.b.right + 1, line.yb];
    if (line.colA === line.colB) {
      return [start, [xa, line.ya], [xa, line.yb], end];
    }
    var paths = bands(boxes, Math.min(xa, xb), Math.max(xa, xb), line.ya, line.yb, line.shift || 0).map(function (y) {
      return [start, [xa, line.ya], [xa, y], [xb, y], [xb, line.yb], end];
    });
    // none clear (a layout this router does not know): the nearest; the boxes still hide nothing
    return paths.filter(function (p) { return clear(p, boxes, line); })[0] || paths[0];
  }
  // where the lines leave and enter a box: spread along its right edge, the lines that run up
  // first, the nearer ends higher above and the further ends higher below, so that the lines of
  // one box nest rather than cross (``toward``: the height a line's first or last run reaches)
  function spread(lines, end, toward, at) {
    var groups = new Map();
    lines.forEach(function (l) { groups.set(l[end], (groups.get(l[end]) || []).concat([l])); });
    groups.forEach(function (group, box) {
      group.sort(function (l, m) {
        var below = (toward(l) > box.top) - (toward(m) > box.top);
        return below || toward(m) - toward(l);
      });
      group.forEach(function (l, i) { l[at] = box.top + (box.bottom - box.top) * (i + 1) / (group.length + 1); });
    });
  }
  // the lines that share the gap right of a column, side by side, and those that share a band,
  // one over the other: the shortest innermost, so that they nest rather than cross
  function lanes(lines) {
    var gaps = new Map(), runs = new Map();
    function add(into, key, line, lane, a, b) {
      into.set(key, (into.get(key) || []).concat([{line: line, lane: lane, span: Math.abs(a - b)}]));
    }
    lines.forEach(function (l) {
      var p = l.points;
      add(gaps, l.colA, l, "laneA", p[1][1], p[2][1]);
      if (p.length > 4) {
        add(gaps, l.colB, l, "laneB", p[3][1], p[4][1]);
        add(runs, Math.round(p[2][1]), l, "shift", p[2][0], p[3][0]);
      }
    });
    function place(list, centred) {
      var step = centred ? Math.min(LANE, ROOM / Math.max(1, list.length - 1)) : LANE;
      list.sort(function (s, t) { return s.span - t.span; });
      list.forEach(function (e, i) { e.line[e.lane] = (centred ? i - (list.length - 1) / 2 : i) * step; });
    }
    gaps.forEach(function (list) { place(list, true); });
    runs.forEach(function (list) { place(list, false); });
  }
  // every line between two boxes shown, with the boxes and columns it joins (positions are all
  // read before the first path is added, so the page is laid out once, not once per line)
  function measure() {
    var origin = zoomed.getBoundingClientRect(), k = shown();
    var rects = new Map(), cols = new Map(), lines = [];
    items.forEach(function (li) {
      if (node(li).offsetParent) { rects.set(li, local(node(li), origin, k)); }
    });
    // the middle of the gap right of a column: between two columns of the row, or right of the tree
    function colRect(li) {
      var col = column(li);
      if (!cols.has(col)) {
        var rect = local(col, origin, k), inRow = col.parentElement.classList.contains("om-row");
        cols.set(col, {right: rect.right + (inRow ? 0 : CLEAR + ROOM / 2)});
      }
      return cols.get(col);
    }
    items.forEach(function (li) {
      (li.getAttribute("data-functional") || "").split(" ").forEach(function (id) {
        var other = byId[id];
        if (!id || !other || !rects.has(li) || !rects.has(other)) { return; }
        var a = rects.get(li), b = rects.get(other);
        lines.push({from: li.getAttribute("data-id"), to: id, a: a, b: b, colA: colRect(li), colB: colRect(other),
                    ya: (a.top + a.bottom) / 2, yb: (b.top + b.bottom) / 2});
      });
    });
    return {lines: lines, boxes: Array.from(rects.values())};
  }
  // routed twice: from the middles of the boxes, to learn which way each line runs and how far,
  // then from its own place on the box's edge, in its own lane
  function draw() {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    // sized to the tree again: left at an earlier, wider tree's size it would keep the canvas as wide
    svg.setAttribute("width", "0");
    svg.setAttribute("height", "0");
    var found = measure();
    found.lines.forEach(function (line) { line.points = route(line, found.boxes); });
    spread(found.lines, "a", function (l) { return l.points[2][1]; }, "ya");
    spread(found.lines, "b", function (l) { return l.points[l.points.length - 3][1]; }, "yb");
    lanes(found.lines);
    svg.setAttribute("width", String(zoomed.scrollWidth));
    svg.setAttribute("height", String(zoomed.scrollHeight));
    if (found.lines.length) { svg.appendChild(arrow()); }
    found.lines.forEach(function (line) {
      var points = route(line, found.boxes);
      var path = document.createElementNS(NS, "path");
      path.setAttribute("d", "M" + points.map(function (p) { return p[0] + " " + p[1]; }).join(" L"));
      path.setAttribute("class", "om-line");
      path.setAttribute("marker-end", "url(#om-arrow)");
      path.setAttribute("data-from", line.from);
      path.setAttribute("data-to", line.to);
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
    relayout();
  });
  document.getElementById("om-expand").addEventListener("click", function () {
    items.forEach(function (li) { setOpen(li, true); });
    relayout();
  });
  document.getElementById("om-collapse").addEventListener("click", function () {
    items.forEach(function (li) { setOpen(li, li.parentElement.classList.contains("om-tree")); });
    relayout();
  });
  fitButton.addEventListener("click", function () { fitting = true; relayout(); });
  fullButton.addEventListener("click", function () { fitting = false; setScale(1); relayout(); });
  search.addEventListener("input", update);
  kd.addEventListener("change", update);
  window.addEventListener("resize", relayout);
  window.addEventListener("beforeprint", function () { while (svg.firstChild) { svg.removeChild(svg.firstChild); } });
  window.addEventListener("afterprint", draw);
  markLast();
  relayout();
  if (items.length) { centreOn(items[0]); }  // the top unit in view, whatever the width
  showScale();
}());
