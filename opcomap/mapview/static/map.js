/* opcomap map: draws a map's data with vis-network into the page's #opcomap-* elements.
 * Shared by exported HTML files (inlined) and the app's map component (served). */
(function () {
  "use strict";

  // Tooltip markup is built server-side with every data value escaped.
  function tip(html) {
    var el = document.createElement("div");
    el.className = "opcomap-tip";
    el.innerHTML = html;
    return el;
  }

  // A file opened alone navigates itself; inside a same-origin frame a link clicked
  // in the parent document navigates the parent; anything else opens a new tab.
  function openLink(id, url) {
    if (window.parent !== window) {
      try {
        var doc = window.parent.document;
        var a = doc.createElement("a");
        a.href = url; a.target = "_self"; a.style.display = "none";
        doc.body.appendChild(a); a.click(); a.remove();
        return;
      } catch (err) { /* cross-origin parent */ }
    }
    try {
      window.top.location.assign(new URL(url, window.location.href).href);
      return;
    } catch (err) { /* sandboxed without top navigation */ }
    window.open(url, "_blank", "noopener");
  }

  // Frame the actors drawn; or, given a frame [x0, y0, x1, y1] (a view over time), that box,
  // so that actors stay where they were from one date to the next.
  function fitFrame(network, box, frame) {
    if (!frame) {
      network.fit({animation: false, maxZoomLevel: 2});  // small views may zoom in (the default stops at 1)
      return;
    }
    var margin = 60;
    var width = Math.max(frame[2] - frame[0], 1) + 2 * margin;
    var height = Math.max(frame[3] - frame[1], 1) + 2 * margin;
    var scale = Math.min(2, box.clientWidth / width, box.clientHeight / height);
    network.moveTo({position: {x: (frame[0] + frame[2]) / 2, y: (frame[1] + frame[3]) / 2},
                    scale: scale, animation: false});
  }

  // data: {nodes, edges, options, frame?}. hooks.select(node), when given, replaces link opening.
  // Tooltips stay markup until first hovered: building an element for every actor and tie
  // before the first draw delayed it. vis-network shows a string as plain text, so the
  // markup becomes an element on the hover that shows it (the popup waits tooltipDelay).
  function mount(data, hooks) {
    hooks = hooks || {};
    document.body.removeAttribute("data-drawn");
    var nodeTips = {}, edgeTips = {};
    data.nodes.forEach(function (n) { if (n.title) { nodeTips[n.id] = n.title; delete n.title; } });
    data.edges.forEach(function (e) { if (e.title) { edgeTips[e.id] = e.title; delete e.title; } });
    var nodes = new vis.DataSet(data.nodes);
    var edges = new vis.DataSet(data.edges);
    function tooltip(set, pending, id) {
      if (Object.prototype.hasOwnProperty.call(pending, id)) {
        set.update({id: id, title: tip(pending[id])});
        delete pending[id];
      }
      var item = set.get(id);
      return item ? item.title : undefined;
    }
    var box = document.getElementById("opcomap-map");
    // vis-network redraws every tie on any window resize, including the frame height the
    // app sets just after the first draw: redraw only when the map's own box changes size.
    var watchSize = typeof ResizeObserver === "function";
    if (watchSize) { data.options.autoResize = false; }
    var network = new vis.Network(box, {nodes: nodes, edges: edges}, data.options);
    if (watchSize) {
      var size = box.clientWidth + "x" + box.clientHeight;
      new ResizeObserver(function () {
        var now = box.clientWidth + "x" + box.clientHeight;
        if (now === size) { return; }
        size = now;
        network.setSize("100%", "100%");
        network.redraw();
      }).observe(box);
    }
    window.opcomapNetwork = network;
    window.opcomapNodes = nodes;
    network.on("hoverNode", function (params) { tooltip(nodes, nodeTips, params.node); });
    network.on("hoverEdge", function (params) { tooltip(edges, edgeTips, params.edge); });
    // An actor's or a tie's tooltip element (what a hover shows), e.g. for tests.
    window.opcomapTooltip = function (what, id) {
      return what === "edge" ? tooltip(edges, edgeTips, id) : tooltip(nodes, nodeTips, id);
    };

    // Frame the drawing in the part of the map the legend leaves free.
    function fitBesideLegend() {
      var legend = document.getElementById("opcomap-legend");
      var rect = box.getBoundingClientRect();
      fitFrame(network, box, data.frame);
      // A margin for the labels of the outermost actors, which fit() does not count.
      var scale = network.getScale() * 0.92, room = 0;
      if (legend && legend.open && rect.width >= 700) {
        // Over time the legend's content changes: a kept frame keeps the room of the widest legend.
        room = (data.frame ? parseFloat(getComputedStyle(legend).maxWidth) || legend.getBoundingClientRect().width
                           : legend.getBoundingClientRect().width) + 20;
        scale = scale * (rect.width - room) / rect.width;
      }
      network.moveTo({scale: scale, offset: {x: -room / 2, y: 0}, animation: false});
    }
    fitBesideLegend();
    var legend = document.getElementById("opcomap-legend");
    if (legend) { legend.addEventListener("toggle", fitBesideLegend); }
    network.once("afterDrawing", function () { document.body.setAttribute("data-drawn", "true"); });

    // Find an actor: the box lists every label; choosing one centres and selects it.
    var search = document.getElementById("opcomap-search");
    if (search) {
      var byLabel = {}, list = document.getElementById("opcomap-names");
      nodes.forEach(function (n) {
        var key = byLabel[n.label] === undefined ? n.label : n.label + " (" + n.id + ")";
        byLabel[key] = n.id;
        var option = document.createElement("option");
        option.value = key;
        list.appendChild(option);
      });
      search.addEventListener("change", function () {
        var id = byLabel[search.value];
        if (id === undefined) { return; }
        network.selectNodes([id]);
        network.focus(id, {scale: 1.6, animation: {duration: 400}});
      });
    }

    network.on("click", function (params) {
      if (!params.nodes || !params.nodes.length) { return; }
      var node = nodes.get(params.nodes[0]);
      if (!node) { return; }
      if (hooks.select) { hooks.select(node); } else if (node.link) { openLink(node.id, node.link); }
    });
    return network;
  }

  window.opcomapMount = mount;
})();
