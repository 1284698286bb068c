/*! Salam chat widget loader. Paste before </body>:
 *  <script src="https://YOUR-HOST/salam/salam.js" async></script>
 * Works with async, defer or neither. Finds its own base URL, so the
 * WebAssembly and JS glue load from wherever this file was served. */
(function () {
  "use strict";
  var w = window, d = document;
  // Loaded twice (two tags, a tag-manager re-run): the first one wins.
  if (w.__salam) return;
  // currentScript is only set while this file runs synchronously, so read
  // everything from the tag now.
  var me = d.currentScript;
  if (!me || !/salam(\.[0-9a-f]+)?\.js(\?|#|$)/.test(me.src || "")) {
    var tags = d.querySelectorAll("script[src]");
    for (var i = tags.length - 1; i >= 0; i--) {
      if (/\/salam(\.[0-9a-f]+)?\.js(\?|#|$)/.test(tags[i].src)) { me = tags[i]; break; }
    }
  }
  var base = new URL(".", (me && me.src) || location.href).href;
  var data = {};
  if (me) for (var k in me.dataset) data[k] = me.dataset[k];
  // Calls made before this point sit in the owner's stub queue; calls made
  // until the app is ready join them.
  var stub = w.Salam, q = (stub && stub.q) || [];
  var api = function () { q.push(arguments); };
  api.q = q;
  w.Salam = api;
  var state = (w.__salam = { base: base });

  function start(m) {
    return m.default({ module_or_path: base + "__SALAM_WASM__" }).then(function () {
      if (w.__salam !== state) return; // shut down while loading
      m.boot(data, q);
    });
  }
  function load() {
    import(base + "__SALAM_JS__").then(start).catch(function (e) {
      console.error("salam: could not load the widget from " + base, e);
      if (w.__salam === state) delete w.__salam;
    });
  }
  // The widget mounts into <body>; an async tag in <head> may run first.
  if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", load, { once: true });
  else load();
})();
