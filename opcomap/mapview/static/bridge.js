/* The app's map component: Streamlit's component messages (protocol v1) around map.js.
 * The frame stays loaded across reruns; a new map only replaces the drawing. */
(function () {
  "use strict";
  var shown = null, network = null;
  // The lines the app shows around the map (its view's filters…), as text for the picture's
  // caption: kept from each render, the same map's included.
  var caption = [];

  function send(type, extra) {
    var message = {isStreamlitMessage: true, type: type};
    Object.keys(extra || {}).forEach(function (k) { message[k] = extra[k]; });
    window.parent.postMessage(message, "*");
  }

  // The app's theme (light or dark, and its colours), as Streamlit sends it with each render:
  // map.css reads it from the root element. True when it differs from the one drawn.
  var theme = null;
  function applyTheme(given) {
    given = given || {};
    var base = given.base === "dark" ? "dark" : "light", root = document.documentElement;
    root.setAttribute("data-theme", base);
    [["--opcomap-bg", given.backgroundColor], ["--opcomap-ink", given.textColor]].forEach(function (pair) {
      if (pair[1]) { root.style.setProperty(pair[0], pair[1]); } else { root.style.removeProperty(pair[0]); }
    });
    var changed = theme !== null && theme !== base + given.backgroundColor + given.textColor;
    theme = base + given.backgroundColor + given.textColor;
    return changed;
  }

  // The map's data comes as UTF-8 JSON bytes: Streamlit passes bytes through as they are, where
  // a string argument is decoded and parsed again by the page on every render.
  function read(value) {
    return JSON.parse(typeof value === "string" ? value : new TextDecoder().decode(value));
  }

  function draw(args) {
    if (network) { network.destroy(); network = null; }
    document.documentElement.lang = args.lang === "en" ? "en" : "fr";
    // Markup built server-side by opcomap.mapview.page, every data value escaped there.
    document.getElementById("opcomap-root").innerHTML = args.body;
    var data = read(args.data), held = args.reserve;
    // The held-back actors are read only once the map is drawn (or first needed): not before the first draw.
    if (held) { data.reserve = function () { return read(held); }; }
    network = window.opcomapMount(data, {
      caption: function () { return caption; },
      // The inspector's "open the profile": the app navigates (URL state kept).
      open: function (node) {
        var id = String(node.id);
        if (args.group_prefix && id.indexOf(args.group_prefix) === 0) { return; }  // a group, not an actor
        // The stamp makes a second request for the same actor a new value.
        send("streamlit:setComponentValue", {value: {id: id, at: Date.now()}, dataType: "json"});
      }
    });
    send("streamlit:setFrameHeight", {height: document.body.scrollHeight});
  }

  window.addEventListener("message", function (event) {
    var message = event.data;
    if (!message || message.type !== "streamlit:render") { return; }
    var args = message.args || {};
    caption = Array.isArray(args.caption) ? args.caption : [];
    var rethemed = applyTheme(message.theme);
    // The same map: keep the drawing (and the user's zoom), unless the theme changed its colours.
    if (args.version === shown && !rethemed) { return; }
    shown = args.version;
    draw(args);
  });
  send("streamlit:componentReady", {apiVersion: 1});
})();
