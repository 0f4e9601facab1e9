/* opcomap map: draws a map's data with vis-network into the page's #opcomap-* elements, and lets a
 * user explore it in place: an inspector beside the map, double-click to expand an actor's
 * neighbours, hide and pin actors, a legend that hides kinds and types, labels by importance at the
 * current zoom, and the keyboard. Shared by exported HTML files (inlined) and the app's component.
 * Text from the data only ever reaches the page through textContent, tooltips included: they
 * are built here from the same facts as the inspector, never from markup. */
(function () {
  "use strict";

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

  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text !== undefined && text !== null) { el.textContent = String(text); }
    return el;
  }

  // The catalogue's templates: {name} takes a number written the page's way, {name:singular|plural}
  // the form agreeing with it (French: singular below 2; English: for 1), as graph_model/words says.
  // A form may hold a count itself ({n:l'acteur|les {n} acteurs}): the chosen form is filled in turn.
  function fill(template, values) {
    var lang = document.documentElement.lang === "en" ? "en" : "fr";
    var field = /\{(\w+)(?::((?:[^{}|]|\{\w+\})*)\|((?:[^{}]|\{\w+\})*))?\}/g;
    return String(template || "").replace(field, function (whole, key, one, other) {
      if (!Object.prototype.hasOwnProperty.call(values, key)) { return whole; }
      var value = values[key];
      if (one !== undefined) { return fill((lang === "en" ? value === 1 : Math.abs(value) < 2) ? one : other, values); }
      return typeof value === "number" ? new Intl.NumberFormat(lang).format(value) : String(value);
    });
  }

  // WCAG's relative luminance of "#rrggbb" or "rgb(r, g, b)", and a colour lightened towards
  // white until it stands 3:1 from the page (dark kinds and ties on a dark page).
  function rgbOf(colour) {
    var m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour || "");
    if (m) { return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)]; }
    m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(colour || "");
    return m ? [+m[1], +m[2], +m[3]] : null;
  }
  function luminance(rgb) {
    var lin = rgb.map(function (c) { c /= 255; return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); });
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  }
  function seenOn(colour, page) {
    var rgb = rgbOf(colour), ground = rgbOf(page);
    if (!rgb || !ground) { return colour; }
    var floor = 3 * (luminance(ground) + 0.05) - 0.05, mixed = rgb;
    for (var share = 0.1; luminance(mixed) < floor && share <= 1.0001; share += 0.1) {
      mixed = rgb.map(function (c) { return Math.round(c + (255 - c) * share); });
    }
    return mixed === rgb ? colour : "rgb(" + mixed.join(", ") + ")";
  }

  function webUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function rowLabel(words, label) {
    return fill(words.row_label || "{label} :", {label: label});
  }

  // A (label, value) row of a tooltip; a row without a label is its value alone.
  function tipRow(el, row, words) {
    var line = make("div");
    if (row[0]) { line.appendChild(make("span", "k", rowLabel(words, row[0]))); }
    line.appendChild(document.createTextNode(row[0] ? " " + row[1] : String(row[1])));
    el.appendChild(line);
  }

  var TIP_DESCRIPTION = 280;  // characters of a description a tooltip shows (the inspector more)

  // An actor's tooltip, as elements with text: its name, identity, the metric its size
  // follows, the start of its description and its website.
  function actorTip(info, words) {
    var el = make("div", "opcomap-tip");
    el.appendChild(make("b", null, info.name));
    (info.rows || []).forEach(function (row) { tipRow(el, row, words); });
    if (info.metric) { tipRow(el, info.metric, words); }
    if (info.description) {
      var letters = Array.from(info.description);  // code points, as the server counts them
      el.appendChild(make("div", "d", letters.length <= TIP_DESCRIPTION ? info.description
                                                                         : letters.slice(0, TIP_DESCRIPTION).join("") + "…"));
    }
    var site = webUrl(info.website);
    if (site) {
      var line = make("div"), a = make("a", null, words.website);
      a.href = site; a.target = "_blank"; a.rel = "noopener noreferrer";
      line.appendChild(a);
      el.appendChild(line);
    }
    return el;
  }

  // A tie's tooltip, as elements with text: its type, its two ends, its facts, flags and the
  // sources it cites (indexes into the map's one list), or where they are when the view was
  // read without them.
  function tieTip(tie, info, ends, words, typeLabels, sources) {
    var el = make("div", "opcomap-tip");
    el.appendChild(make("b", null, typeLabels[tie.type] || tie.type));
    el.appendChild(make("div", null, ends[0] + (info.directed ? " → " : " — ") + ends[1]));
    if (info.grouped) { el.appendChild(make("div", null, fill(words.group_ties, {count: info.grouped}))); }
    (info.rows || []).forEach(function (row) { tipRow(el, row, words); });
    if (info.illustrative) { el.appendChild(make("div", "w", words.illustrative)); }
    if (info.weak) { el.appendChild(make("div", "w", words.weak)); }
    if (!info.sources) {
      el.appendChild(make("div", "k", words.sources_on_profiles));
    } else if (!info.sources.length) {
      el.appendChild(make("div", "w", words.no_source));
    } else {
      el.appendChild(make("div", "k", words.sources_heading));
      el.appendChild(citedList(info.sources, sources, null));
    }
    return el;
  }

  // Sources cited by index, each a link when it has a web address.
  function citedList(indexes, sources, className) {
    var list = make("ol", className);
    indexes.forEach(function (i) {
      var source = sources[i] || {}, item = make("li"), url = webUrl(source.url);
      if (url) {
        var a = make("a", null, source.text);
        a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
        item.appendChild(a);
      } else {
        item.textContent = source.text || "";
      }
      list.appendChild(item);
    });
    return list;
  }

  // data: {nodes, edges, options, reserve, sources, labels, words, frame?}. hooks.open(node), when given,
  // opens an actor's profile (the app); otherwise the node's link, if any, is followed.
  // reserve may be a function returning it: the app reads the held-back actors only after the
  // first draw, or when the inspector, an expansion or the search first needs them.
  // Tooltips are built on the hover that shows them (the popup waits tooltipDelay): building an
  // element for every actor and tie before the first draw delayed it, and the facts they show
  // are the inspector's, sent once.
  function mount(data, hooks) {
    hooks = hooks || {};
    document.body.removeAttribute("data-drawn");
    var words = data.words || {};
    var numbers = new Intl.NumberFormat(document.documentElement.lang === "en" ? "en" : "fr");
    var later = typeof data.reserve === "function" ? data.reserve : null;
    var reserve = later ? {nodes: [], edges: []} : data.reserve || {nodes: [], edges: []};
    var sources = data.sources || [];
    var typeLabels = data.typeLabels || {}, kindLabels = data.kindLabels || {};
    var nodeTips = {}, edgeTips = {}, infos = {}, tieInfos = {}, names = {}, kindOf = {}, ranks = {};
    var every = {}, ties = {}, around = {};

    function prepareNode(n) {
      if (n.info) { infos[n.id] = n.info; nodeTips[n.id] = true; delete n.info; }
      names[n.id] = n.label;
      kindOf[n.id] = n.kind;
      ranks[n.id] = n.rank === undefined ? 0 : n.rank;
      every[n.id] = n;
    }
    function prepareEdge(e) {
      if (e.info) { tieInfos[e.id] = e.info; edgeTips[e.id] = true; delete e.info; }
      ties[e.id] = e;
      (around[e.from] = around[e.from] || []).push(e.id);
      if (e.to !== e.from) { (around[e.to] = around[e.to] || []).push(e.id); }
    }
    // Labels in the page's own ink, haloed in its background: readable in a light or a dark app.
    var look = getComputedStyle(document.body), ink = look.color;
    var font = ((data.options.nodes = data.options.nodes || {}).font = data.options.nodes.font || {});
    font.color = ink;
    font.strokeColor = look.backgroundColor;
    var dark = document.documentElement.getAttribute("data-theme") === "dark";
    // The darkest kinds' own outlines vanish on a dark page: a light one keeps every shape seen.
    function seenNodes(list) {
      if (!dark) { return; }
      list.forEach(function (n) {
        if (!n.path && !n.change && !n.heading && n.color && typeof n.color === "object") {
          n.color = Object.assign({}, n.color, {border: "#d0d0d0"});
        }
      });
    }
    function seenEdges(list) {
      if (!dark) { return; }
      list.forEach(function (e) {
        if (e.color && typeof e.color === "object" && e.color.color) {
          e.color = Object.assign({}, e.color, {color: seenOn(e.color.color, look.backgroundColor)});
        }
      });
    }
    function hold(held) {
      held.nodes.forEach(prepareNode);
      held.edges.forEach(prepareEdge);
      seenNodes(held.nodes);
      seenEdges(held.edges);
    }
    // The held-back actors and ties, read once: before what needs them, or once the map is drawn.
    function withReserve() {
      if (!later) { return; }
      var read = later;
      later = null;
      hold(read());
    }
    data.nodes.forEach(prepareNode);
    data.edges.forEach(prepareEdge);
    seenNodes(data.nodes);
    seenEdges(data.edges);
    hold(reserve);
    if (dark) {
      Array.prototype.forEach.call(document.querySelectorAll("#opcomap-legend .l"), function (line) {
        line.style.borderTopColor = seenOn(getComputedStyle(line).borderTopColor, look.backgroundColor);
      });
    }

    var nodes = new vis.DataSet(data.nodes);
    var edges = new vis.DataSet(data.edges);
    function tieEnd(id) { return (infos[id] && infos[id].name) || names[id] || id; }
    function tooltip(set, pending, id) {
      if (Object.prototype.hasOwnProperty.call(pending, id)) {
        var tie = set === edges ? ties[id] : null;
        set.update({id: id, title: tie ? tieTip(tie, tieInfos[id], [tieEnd(tie.from), tieEnd(tie.to)], words,
                                                typeLabels, sources)
                                      : actorTip(infos[id], words)});
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
    window.opcomapEdges = edges;
    network.on("hoverNode", function (params) { tooltip(nodes, nodeTips, params.node); });
    network.on("hoverEdge", function (params) { tooltip(edges, edgeTips, params.edge); });
    // An actor's or a tie's tooltip element (what a hover shows), e.g. for tests.
    window.opcomapTooltip = function (what, id) {
      return what === "edge" ? tooltip(edges, edgeTips, id) : tooltip(nodes, nodeTips, id);
    };

    // -- what is shown: kinds and types hidden from the legend, actors hidden or pinned ------
    var hiddenKinds = {}, hiddenTypes = {}, hiddenActors = {}, pinned = {};
    var selected = null, current = null;

    function isActor(id) { var n = nodes.get(id); return !!n && !n.heading; }
    function actorShown(id) { return !hiddenActors[id] && !hiddenKinds[kindOf[id]]; }

    function applyVisibility() {
      var nodeChanges = [], edgeChanges = [];
      nodes.forEach(function (n) {
        if (n.heading) { return; }
        var hide = !actorShown(n.id);
        if (!!n.hidden !== hide) { nodeChanges.push({id: n.id, hidden: hide}); }
      });
      if (nodeChanges.length) { nodes.update(nodeChanges); }
      edges.forEach(function (e) {
        var hide = !!hiddenTypes[e.type] || !actorShown(e.from) || !actorShown(e.to);
        if (!!e.hidden !== hide) { edgeChanges.push({id: e.id, hidden: hide}); }
      });
      if (edgeChanges.length) { edges.update(edgeChanges); }
      recount();
    }

    var legend = document.getElementById("opcomap-legend");
    var counter = document.getElementById("opcomap-count");
    function recount() {
      var byKind = {}, byType = {}, actors = 0, links = 0;
      nodes.forEach(function (n) {
        if (n.heading) { return; }
        byKind[n.kind] = (byKind[n.kind] || 0) + (n.count || 1);
        if (!n.hidden) { actors += 1; }
      });
      edges.forEach(function (e) {
        byType[e.type] = (byType[e.type] || 0) + 1;
        if (!e.hidden) { links += 1; }
      });
      if (legend) {
        legend.querySelectorAll("button[data-kind]").forEach(function (b) {
          var n = byKind[b.getAttribute("data-kind")] || 0;
          b.querySelector(".n").textContent = numbers.format(n);
          b.hidden = !n;
        });
        legend.querySelectorAll("button[data-type]").forEach(function (b) {
          var n = byType[b.getAttribute("data-type")] || 0;
          b.querySelector(".n").textContent = numbers.format(n);
          b.hidden = !n;
        });
      }
      if (counter && (counter.getAttribute("data-nodes") !== String(actors) ||
                      counter.getAttribute("data-edges") !== String(links))) {
        counter.setAttribute("data-nodes", String(actors));
        counter.setAttribute("data-edges", String(links));
        if (words.count) {
          counter.textContent = fill(words.count, {nodes: actors, edges: links});
        }
      }
    }

    if (legend) {
      legend.addEventListener("click", function (event) {
        var button = event.target.closest ? event.target.closest("button") : null;
        if (!button || !legend.contains(button)) { return; }
        var kind = button.getAttribute("data-kind"), type = button.getAttribute("data-type");
        var store = kind !== null ? hiddenKinds : hiddenTypes, key = kind !== null ? kind : type;
        if (key === null) { return; }
        store[key] = !store[key];
        button.setAttribute("aria-pressed", store[key] ? "false" : "true");
        button.classList.toggle("off", !!store[key]);
        applyVisibility();
        applyLabels(true);
      });
    }

    // -- labels: the actors that matter at the current zoom ---------------------------------
    // The ``labels`` most important actors are named when the map opens; zooming in names
    // more (the budget grows with the zoom's square, as the room on screen does). Named
    // labels keep a readable size on screen however far out the map is zoomed.
    var budget = data.labels || 0, openScale = 1, shownLabels = {};
    function wantsLabel(n, allowed) {
      return !!(n.heading || n.path || pinned[n.id] || n.id === selected || n.id === current ||
                ranks[n.id] < allowed);
    }
    function applyLabels(force) {
      var scale = network.getScale() || 1;
      var allowed = budget * Math.pow(Math.max(scale / openScale, 1), 2);
      var readable = Math.max(14, Math.round(11 / scale)), title = Math.max(18, Math.round(15 / scale));
      var changes = [];
      nodes.forEach(function (n) {
        var want = wantsLabel(n, allowed) ? (n.heading ? title : readable) : 0;
        if (!force && shownLabels[n.id] === want) { return; }
        shownLabels[n.id] = want;
        // Long names wrap at a width that grows with the letters, as on screen at zoom 1.
        if (!want) {
          changes.push({id: n.id, label: "", font: {size: 14}, widthConstraint: {maximum: 180}});
        } else if (n.heading) {
          changes.push({id: n.id, label: names[n.id], font: {size: want, color: ink},
                        widthConstraint: {maximum: 15 * want}});
        } else {
          changes.push({id: n.id, label: names[n.id], font: {size: want},
                        widthConstraint: {maximum: Math.round(180 * want / 14)}});
        }
      });
      if (changes.length) { nodes.update(changes); }
    }
    window.opcomapLabelled = function () {
      return nodes.get({filter: function (n) { return !n.heading && !!n.label && !n.hidden; }})
        .map(function (n) { return n.id; });
    };
    var labelTimer = null;
    network.on("zoom", function () {
      if (labelTimer) { clearTimeout(labelTimer); }
      labelTimer = setTimeout(function () { labelTimer = null; applyLabels(false); }, 60);
    });

    // Frame the drawing in the part of the map the legend leaves free.
    function fitBesideLegend() {
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
      openScale = scale;
      applyLabels(false);
    }
    fitBesideLegend();
    if (legend) { legend.addEventListener("toggle", fitBesideLegend); }
    network.once("afterDrawing", function () {
      document.body.setAttribute("data-drawn", "true");
      if (later) { setTimeout(withReserve, 0); }
    });

    // -- the inspector ------------------------------------------------------------------------
    var panel = document.getElementById("opcomap-inspector");
    var status = null;

    function otherEnd(tie, id) { return tie.from === id ? tie.to : tie.from; }
    function hiddenNeighbours(id) {
      withReserve();
      var out = {};
      (around[id] || []).forEach(function (eid) {
        var other = otherEnd(ties[eid], id);
        if (!nodes.get(other) && every[other]) { out[other] = true; }
      });
      return Object.keys(out);
    }

    function button(label, action, name) {
      var b = make("button", "opcomap-action", label);
      b.type = "button";
      if (name) { b.setAttribute("data-action", name); }
      b.addEventListener("click", action);
      return b;
    }

    function rowsList(rows, className) {
      var list = make("dl", className);
      rows.forEach(function (row) {
        if (row[0]) { list.appendChild(make("dt", null, row[0])); }
        list.appendChild(make("dd", null, row[1]));
      });
      return list;
    }

    function sourceList(indexes) {
      if (!indexes || !indexes.length) { return make("div", "w", words.no_source); }
      return citedList(indexes, sources, "opcomap-sources");
    }

    function tiesSection(id) {
      withReserve();
      var byType = {};
      (around[id] || []).forEach(function (eid) {
        var tie = ties[eid];
        (byType[tie.type] = byType[tie.type] || []).push(eid);
      });
      var section = make("section", "opcomap-ties");
      section.appendChild(make("h3", null, words.inspector_ties));
      Object.keys(byType).sort(function (a, b) {
        return (typeLabels[a] || a).localeCompare(typeLabels[b] || b);
      }).forEach(function (type) {
        var group = make("details", "opcomap-type");
        group.open = true;
        group.setAttribute("data-type", type);
        group.appendChild(make("summary", null, (typeLabels[type] || type) + " (" + numbers.format(byType[type].length) + ")"));
        var list = make("ul");
        byType[type].slice(0, 60).forEach(function (eid) {
          var tie = ties[eid], info = tieInfos[eid] || {}, other = otherEnd(tie, id);
          var item = make("li", "opcomap-tie");
          var arrow = !info.directed ? "— " : (tie.from === id ? "→ " : "← ");
          var who = make("button", "opcomap-link", arrow + (names[other] || other));
          who.type = "button";
          who.addEventListener("click", function () {
            if (!nodes.get(other)) { reveal([other], id); }
            inspect(other, true);
          });
          item.appendChild(who);
          if (info.grouped) { item.appendChild(make("div", "k", fill(words.group_ties_short, {count: info.grouped}))); }
          if (info.rows && info.rows.length) { item.appendChild(rowsList(info.rows, "opcomap-facts")); }
          if (info.illustrative) { item.appendChild(make("div", "w", words.illustrative)); }
          if (info.weak) { item.appendChild(make("div", "w", words.weak)); }
          item.appendChild(make("div", "k", words.sources));
          item.appendChild(sourceList(info.sources));
          list.appendChild(item);
        });
        if (byType[type].length > 60) { list.appendChild(make("li", "k", "… (+" + numbers.format(byType[type].length - 60) + ")")); }
        group.appendChild(list);
        section.appendChild(group);
      });
      return section;
    }

    function inspect(id, move) {
      var node = nodes.get(id);
      if (!panel || !node || node.heading) { return; }
      current = id;
      selected = id;
      network.selectNodes([id]);
      var info = infos[id] || {name: names[id], rows: [], metrics: []};
      while (panel.firstChild) { panel.removeChild(panel.firstChild); }
      panel.setAttribute("data-actor", id);
      var head = make("div", "opcomap-head");
      head.appendChild(make("h2", null, info.name));
      var close = button("×", closeInspector, "close");
      close.setAttribute("aria-label", words.inspector_close);
      close.title = words.inspector_close;
      head.appendChild(close);
      panel.appendChild(head);

      var actions = make("div", "opcomap-actions");
      var group = !!node.group;
      if (!group && (hooks.open || node.link)) {
        actions.appendChild(button(words.inspector_open, function () {
          if (hooks.open) { hooks.open(node); } else { openLink(node.id, node.link); }
        }, "open"));
      }
      var more = hiddenNeighbours(id).length;
      var expandButton = button(words.inspector_expand + (more ? " (" + numbers.format(more) + ")" : ""),
                                function () { expand(id); }, "expand");
      expandButton.disabled = !more;
      actions.appendChild(expandButton);
      actions.appendChild(button(pinned[id] ? words.inspector_unpin : words.inspector_pin,
                                 function () { pin(id); inspect(id); }, "pin"));
      actions.appendChild(button(words.inspector_hide, function () { hide(id); }, "hide"));
      panel.appendChild(actions);
      status = make("div", "opcomap-status");
      status.setAttribute("role", "status");
      panel.appendChild(status);

      if (group) { panel.appendChild(make("p", "k", words.inspector_group)); }
      panel.appendChild(make("h3", null, words.inspector_identity));
      panel.appendChild(rowsList(info.rows || [], "opcomap-facts"));
      if (info.description) {
        panel.appendChild(make("p", "d", info.description));
      }
      var site = webUrl(info.website);
      if (site) {
        var a = make("a", null, words.website);
        a.href = site; a.target = "_blank"; a.rel = "noopener noreferrer";
        panel.appendChild(a);
      }
      if (info.metrics && info.metrics.length) {
        panel.appendChild(make("h3", null, words.inspector_metrics));
        panel.appendChild(rowsList(info.metrics, "opcomap-facts"));
      }
      panel.appendChild(tiesSection(id));
      panel.hidden = false;
      panel.scrollTop = 0;
      if (move) { bringIntoView(id); }
      applyLabels(false);
    }

    function closeInspector() {
      if (panel) { panel.hidden = true; panel.removeAttribute("data-actor"); }
      current = null;
      selected = null;
      network.unselectAll();
      applyLabels(false);
      box.focus({preventScroll: true});
    }

    function bringIntoView(id) {
      var at = network.getPosition(id), dom = network.canvasToDOM(at);
      var rect = box.getBoundingClientRect();
      if (dom.x < 40 || dom.y < 40 || dom.x > rect.width - 40 || dom.y > rect.height - 40) {
        network.moveTo({position: at, animation: {duration: 300}});
      }
    }

    // -- expand, hide, pin ----------------------------------------------------------------
    // Held-back actors join the map on a ring around the actor that brought them, far enough
    // for each to keep its room; ties whose two ends are now drawn join with them.
    function reveal(ids, from) {
      withReserve();
      var centre = network.getPosition(from), fresh = [];
      var radius = Math.max(140, ids.length * 46 / (2 * Math.PI));
      ids.forEach(function (other, index) {
        if (nodes.get(other) || !every[other]) { return; }
        var angle = -Math.PI / 2 + 2 * Math.PI * index / ids.length;
        var item = {};
        Object.keys(every[other]).forEach(function (k) { item[k] = every[other][k]; });
        item.x = centre.x + radius * Math.cos(angle);
        item.y = centre.y + radius * Math.sin(angle);
        item.label = "";
        fresh.push(item);
      });
      if (!fresh.length) { return 0; }
      nodes.add(fresh);
      var links = [];
      fresh.forEach(function (item) {
        (around[item.id] || []).forEach(function (eid) {
          var tie = ties[eid];
          if (!edges.get(eid) && nodes.get(tie.from) && nodes.get(tie.to) && links.indexOf(tie) < 0) { links.push(tie); }
        });
      });
      if (links.length) { edges.add(links); }
      applyVisibility();
      applyLabels(true);
      return fresh.length;
    }

    function expand(id) {
      var added = reveal(hiddenNeighbours(id), id);
      if (current === id) { inspect(id); }
      if (status) {
        status.textContent = added ? fill(words.expanded, {count: added}) : words.inspector_nothing_more;
      }
      return added;
    }

    function hide(id) {
      hiddenActors[id] = true;
      if (current === id) { closeInspector(); }
      applyVisibility();
    }

    function pin(id) {
      pinned[id] = !pinned[id];
      var node = nodes.get(id);
      nodes.update({id: id, fixed: {x: !!pinned[id], y: !!pinned[id]},
                    borderWidth: pinned[id] ? 4 : (node.path ? 4 : every[id].borderWidth || 1),
                    shapeProperties: pinned[id] ? {borderDashes: [2, 2]} : (every[id].shapeProperties || {borderDashes: false})});
      applyLabels(true);
    }

    window.opcomapMap = {
      inspect: function (id) { inspect(id, true); }, expand: expand, hide: hide, pin: pin,
      close: closeInspector,
      pinned: function () { return Object.keys(pinned).filter(function (k) { return pinned[k]; }); },
    };

    // -- pointer and keyboard ---------------------------------------------------------------
    network.on("click", function (params) {
      if (!params.nodes || !params.nodes.length) {
        if (!params.edges || !params.edges.length) { if (current !== null) { closeInspector(); } }
        return;
      }
      if (!isActor(params.nodes[0])) { return; }
      inspect(params.nodes[0]);
    });
    // The browser's own double-click, not vis-network's: the browser times the two clicks
    // itself, where vis-network's timing counts the time the first click's inspector took.
    box.addEventListener("dblclick", function (event) {
      var rect = box.getBoundingClientRect();
      var id = network.getNodeAt({x: event.clientX - rect.left, y: event.clientY - rect.top});
      if (id !== undefined && isActor(id)) {
        inspect(id);
        expand(id);
      }
    });
    network.on("dragEnd", function (params) {
      if (params.nodes && params.nodes.length) { applyLabels(false); }
    });

    function visibleActors() {
      return nodes.get({filter: function (n) { return !n.heading && !n.hidden; }})
        .sort(function (a, b) { return ranks[a.id] - ranks[b.id]; });
    }

    function choose(id) {
      selected = id;
      network.selectNodes([id]);
      bringIntoView(id);
      if (current !== null) { inspect(id); } else { applyLabels(false); }
    }

    // The nearest actor on the screen in the arrow's direction (straight ahead counts most).
    function neighbourTowards(dx, dy) {
      var list = visibleActors();
      if (!list.length) { return null; }
      if (selected === null || !nodes.get(selected)) { return list[0].id; }
      var from = network.getPosition(selected), best = null, bestScore = Infinity;
      var positions = network.getPositions(list.map(function (n) { return n.id; }));
      list.forEach(function (n) {
        if (n.id === selected) { return; }
        var p = positions[n.id], vx = p.x - from.x, vy = p.y - from.y;
        var ahead = vx * dx + vy * dy;
        if (ahead <= 0) { return; }
        var aside = Math.abs(vx * dy - vy * dx);
        var score = ahead + 2 * aside;
        if (score < bestScore) { bestScore = score; best = n.id; }
      });
      return best;
    }

    function zoomBy(factor) {
      network.moveTo({scale: network.getScale() * factor, animation: {duration: 150}});
      setTimeout(function () { applyLabels(false); }, 170);
    }

    box.addEventListener("keydown", function (event) {
      var key = event.key, target = null;
      if (key === "ArrowRight") { target = neighbourTowards(1, 0); }
      else if (key === "ArrowLeft") { target = neighbourTowards(-1, 0); }
      else if (key === "ArrowUp") { target = neighbourTowards(0, -1); }
      else if (key === "ArrowDown") { target = neighbourTowards(0, 1); }
      else if (key === "Tab") {
        var list = visibleActors(), at = -1;
        list.forEach(function (n, i) { if (n.id === selected) { at = i; } });
        var next = at + (event.shiftKey ? -1 : 1);
        if (next < 0 || next >= list.length) { return; }  // let Tab leave the map at either end
        target = list[next].id;
      } else if (key === "Enter") {
        if (selected !== null) {
          inspect(selected, true);
          // Into the inspector, whose buttons Tab then reaches; Escape comes back to the map.
          var first = panel ? panel.querySelector(".opcomap-actions .opcomap-action:not([disabled])") : null;
          if (first) { first.focus({preventScroll: true}); }
          event.preventDefault();
        }
        return;
      } else if (key === "Escape") {
        closeInspector();
        event.preventDefault();
        return;
      } else if (key === "+" || key === "=") { zoomBy(1.25); event.preventDefault(); return; }
      else if (key === "-" || key === "_") { zoomBy(0.8); event.preventDefault(); return; }
      else { return; }
      event.preventDefault();
      if (target !== null) { choose(target); }
    });
    // Escape closes the inspector wherever the focus is (its own buttons re-render it). One
    // listener per page: the app's component mounts a new map in the same document.
    if (window.opcomapEscape) { document.removeEventListener("keydown", window.opcomapEscape); }
    window.opcomapEscape = function (event) {
      if (event.key === "Escape" && !event.defaultPrevented && panel && !panel.hidden) {
        closeInspector();
        event.preventDefault();
      }
    };
    document.addEventListener("keydown", window.opcomapEscape);

    // Find an actor: the box lists every label; choosing one centres, selects and inspects it.
    var search = document.getElementById("opcomap-search");
    if (search) {
      withReserve();
      var byLabel = {}, list = document.getElementById("opcomap-names");
      Object.keys(every).forEach(function (id) {
        var label = names[id];
        var key = byLabel[label] === undefined ? label : label + " (" + id + ")";
        byLabel[key] = id;
        var option = document.createElement("option");
        option.value = key;
        list.appendChild(option);
      });
      search.addEventListener("change", function () {
        var id = byLabel[search.value];
        if (id === undefined) { return; }
        if (!nodes.get(id)) {
          var anchor = visibleActors()[0];
          if (anchor) { reveal([id], anchor.id); }
        }
        network.selectNodes([id]);
        network.focus(id, {scale: 1.6, animation: {duration: 400}});
        inspect(id);
      });
    }
    // -- the picture: what the user is looking at, as a PNG ---------------------------------
    // The canvas as drawn (hidden actors stay hidden, zoom and positions kept) laid on the page's
    // background (vis-network's canvas is transparent), over a band that writes the lines the page
    // shows around the map and the day. The band is canvas text: no data reaches any markup.
    function pictureLines() {
      var lines = [];
      function add(text, bold) {
        // Spaces and line breaks only: the no-break spaces inside numbers (1 112) keep them whole.
        var line = String(text || "").replace(/[ \t\r\n]+/g, " ").trim();
        if (line) { lines.push({text: line, bold: bold}); }
      }
      var title = document.getElementById("opcomap-title");
      add(title && title.textContent, true);
      // The app shows its view's line outside the frame: it hands it over as text.
      var told = typeof hooks.caption === "function" ? hooks.caption() : hooks.caption;
      (Array.isArray(told) ? told : [told]).forEach(function (line) { add(line, false); });
      Array.prototype.forEach.call(document.querySelectorAll(".opcomap-banner"), function (b) { add(b.textContent, false); });
      add(counter && counter.textContent, false);
      add(fill(words.picture_date, {date: today()}), false);
      return lines;
    }
    // The day as the catalogue's day() writes it: 07/12/2026 in French, 2026-12-07 in English.
    function today(iso) {
      var now = new Date(), y = String(now.getFullYear());
      var m = (now.getMonth() < 9 ? "0" : "") + (now.getMonth() + 1), d = (now.getDate() < 10 ? "0" : "") + now.getDate();
      return (iso || document.documentElement.lang === "en") ? y + "-" + m + "-" + d : d + "/" + m + "/" + y;
    }
    function wrapped(ctx, text, width) {
      var rows = [], row = "";
      text.split(" ").forEach(function (word) {
        var longer = row ? row + " " + word : word;
        if (row && ctx.measureText(longer).width > width) { rows.push(row); row = word; } else { row = longer; }
      });
      if (row) { rows.push(row); }
      return rows;
    }
    function opaque(colour, fallback) {
      var m = /rgba\([^)]*,\s*([\d.]+)\)/.exec(colour || "");
      return !colour || colour === "transparent" || (m && parseFloat(m[1]) < 1) ? fallback : colour;
    }
    function picture() {
      var drawn = box.querySelector("canvas");
      if (!drawn || !drawn.width) { return null; }
      var style = getComputedStyle(document.body);
      var ground = opaque(style.backgroundColor, dark ? "#0e1117" : "#ffffff");
      var ratio = drawn.width / (box.clientWidth || drawn.width);  // the screen's pixel ratio, as vis-network drew
      var size = Math.round(13 * ratio), step = Math.round(13 * ratio * 1.45), margin = Math.round(12 * ratio);
      var face = "px \"DejaVu Sans\", Arial, sans-serif";
      var out = document.createElement("canvas"), ctx = out.getContext("2d"), rows = [];
      pictureLines().forEach(function (line) {
        ctx.font = (line.bold ? "bold " : "") + size + face;
        wrapped(ctx, line.text, drawn.width - 2 * margin).forEach(function (row) { rows.push({text: row, bold: line.bold}); });
      });
      out.width = drawn.width;
      out.height = drawn.height + 2 * margin + rows.length * step;
      ctx = out.getContext("2d");  // a canvas resized starts afresh
      ctx.fillStyle = ground;
      ctx.fillRect(0, 0, out.width, out.height);
      ctx.drawImage(drawn, 0, 0);
      ctx.fillStyle = opaque(getComputedStyle(counter || document.body).borderTopColor, "#cccccc");
      ctx.fillRect(0, drawn.height, out.width, Math.max(1, Math.round(ratio)));
      ctx.fillStyle = style.color;
      ctx.textBaseline = "top";
      rows.forEach(function (row, i) {
        ctx.font = (row.bold ? "bold " : "") + size + face;
        ctx.fillText(row.text, margin, drawn.height + margin + i * step);
      });
      return out;
    }
    // A link to the picture's bytes, clicked: works in a file opened alone and in the app's
    // frame, whose sandbox allows downloads.
    function savePicture() {
      var out = picture();
      if (!out) { return; }
      out.toBlob(function (blob) {
        if (!blob) { return; }
        var url = URL.createObjectURL(blob), a = document.createElement("a");
        a.href = url;
        a.download = fill(words.picture_file, {date: today(true)});
        a.style.display = "none";
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      }, "image/png");
    }
    // The lines the picture writes under the drawing, e.g. for tests.
    window.opcomapMap.caption = function () { return pictureLines().map(function (line) { return line.text; }); };
    var wrap = box.parentNode, tools = document.getElementById("opcomap-tools");
    if (tools) { tools.remove(); }
    if (wrap && words.picture) {
      tools = make("div");
      tools.id = "opcomap-tools";
      var take = button(words.picture, savePicture, "picture");
      take.title = words.picture_help || "";
      tools.appendChild(take);
      wrap.appendChild(tools);
    }

    recount();
    return network;
  }

  window.opcomapMount = mount;
  // On paper the ties' table is read whole: a closed <details> would print its title alone.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.opcomap-ties"), function (d) { d.open = true; });
  });
})();
