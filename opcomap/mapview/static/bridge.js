/* The app's map component: Streamlit's component messages (protocol v1) around map.js.
 * The frame stays loaded across reruns; a new map only replaces the drawing. */
(function () {
  "use strict";
  var shown = null, network = null;

  function send(type, extra) {
    var message = {isStreamlitMessage: true, type: type};
    Object.keys(extra || {}).forEach(function (k) { message[k] = extra[k]; });
    window.parent.postMessage(message, "*");
  }

  function draw(args) {
    if (network) { network.destroy(); network = null; }
    document.documentElement.lang = args.lang === "en" ? "en" : "fr";
    // Markup built server-side by opcomap.mapview.page, every data value escaped there.
    document.getElementById("opcomap-root").innerHTML = args.body;
    network = window.opcomapMount(JSON.parse(args.data), {
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
    if (args.version === shown) { return; }  // the same map: keep the drawing (and the user's zoom)
    shown = args.version;
    draw(args);
  });
  send("streamlit:componentReady", {apiVersion: 1});
})();
