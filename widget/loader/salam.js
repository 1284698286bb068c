/* Salam chat widget loader. Paste before </body>:
 *  <script src="https://YOUR-HOST/salam/salam.js" async></script>
 * Works with async, defer or neither. Finds its own base URL, so the
 * WebAssembly and JS glue load from wherever this file was served.
 *
 * This file is the facade: it draws the launcher itself, in the widget's
 * shadow root and with the widget's own shell stylesheet (styles/shell.css),
 * so it looks the same as the app's. The app (JS glue + WebAssembly) loads
 * later: on idle after the page's `load`, on intent (pointer enter, focus,
 * touch), or at once when there are unread messages; with Save-Data, on
 * click only. A click before the app is ready opens the panel frame with a
 * spinner; the app then takes over the same shadow root, and the open state
 * and focus carry over (see `try_boot` in widget/src/embed.rs).
 *
 * `cargo xtask dist` fills in the __SALAM_*__ values and minifies this file;
 * the result must stay within 3 KB of brotli, CSS included. */
(function () {
  var w = window, d = document, nav = navigator;
  // Loaded twice (two tags, a tag-manager re-run): the first one wins.
  if (w.__salam) return;
  // currentScript is only set while this file runs synchronously, so read
  // everything from the tag now.
  var me = d.currentScript, i, k;
  var ours = /\/salam(\.[0-9a-f]+)?\.js(\?|#|$)/;
  if (!me || !ours.test(me.src)) {
    var tags = d.querySelectorAll("script[src]");
    for (i = tags.length; i--;) if (ours.test(tags[i].src)) { me = tags[i]; break; }
  }
  var base = new URL(".", (me && me.src) || location.href).href;
  var data = {};
  if (me) for (k in me.dataset) data[k] = me.dataset[k];
  var settings = w.salamSettings;
  // salamSettings wins over data-* (the app warns about bad values).
  function opt(key) {
    var v = settings && settings[key];
    return v == null ? data[key] : "" + v;
  }
  // The zero-unread launcher label of every shipped locale.
  var labels = __SALAM_LABELS__;
  var state = (w.__salam = { base: base, open: false });
  var root, button, panel, loading;

  // Calls made before this point sit in the owner's stub queue; calls made
  // until the app is ready join them. `open` also opens the stand-in.
  var stub = w.Salam, q = (stub && stub.q) || [];
  var api = function (name) {
    q.push(arguments);
    if (name == "open" && root) show(1);
  };
  api.q = q;
  w.Salam = api;

  // What the app stored (widget/src/storage.rs: local, else session
  // storage); unread replies mean the visitor is mid-conversation.
  function stored(area) {
    try { return w[area].getItem("salam:v1"); } catch (e) { /* blocked storage */ }
  }
  var unread = 0;
  try { unread = JSON.parse(stored("localStorage") || stored("sessionStorage")).unread | 0; } catch (e) { /* none or unreadable */ }

  // The first shipped locale matching the explicit setting, the browser's
  // languages or <html lang>: the exact tag, else the language alone.
  // Traditional Chinese is not given Simplified (as in salam_core::i18n).
  var lang, wanted = [opt("locale")].concat(nav.languages, d.documentElement.lang, "en");
  for (i = 0; !lang; i++) {
    var tag = ("" + wanted[i]).toLowerCase();
    for (k in labels) if (k.toLowerCase() == tag) lang = k;
    if (!/^zh-(tw|hk|mo|hant)/.test(tag)) for (k in labels) if (!lang && k.split("-")[0] == tag.split("-")[0]) lang = k;
  }

  function el(parent, name, attrs, svg) {
    var e = svg ? d.createElementNS("http://www.w3.org/2000/svg", name) : d.createElement(name);
    for (var a in attrs) e.setAttribute(a, attrs[a]);
    return parent.appendChild(e);
  }
  // The app's two launcher icons (widget/src/view/icons.rs): speech bubble and cross.
  function icon(close) {
    button.replaceChildren();
    var svg = el(button, "svg", { "class": close ? "salam-icon" : "salam-icon salam-mirror", viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false" }, 1);
    el(svg, "path", close ? { d: "M6 6l12 12M18 6L6 18", "class": "salam-stroke" } : { d: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" }, 1);
  }

  function draw() {
    var host = (state.host = d.createElement("salam-chat"));
    host.setAttribute("data-salam", "loading");
    var shadow = host.attachShadow({ mode: "open" }), css = __SALAM_CSS__;
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [sheet];
    } catch (e) {
      // No constructable stylesheets: a <style> (not allowed by a strict CSP).
      el(shadow, "style").textContent = css;
    }
    var pos = opt("position");
    root = state.root = el(shadow, "div", {
      "class": "salam-root salam-pos-" + (/^(start|right|left)$/.test(pos) ? pos : "end"),
      dir: /^(ar|fa|he|ur)$/.test(lang) ? "rtl" : "ltr",
      lang: lang
    });
    button = el(root, "button", { type: "button", "class": "salam-launcher", "aria-label": labels[lang], "aria-expanded": false });
    icon();
    if (unread > 0) el(button, "span", { "class": "salam-badge", "aria-hidden": true }).textContent = unread.toLocaleString(lang);
    button.onclick = function () { show(!state.open); };
    root.onkeydown = function (e) {
      if (e.key == "Escape" && state.open) {
        e.stopPropagation();
        show(0);
        button.focus();
      }
    };
    d.body.appendChild(host);

    var open = opt("open"), lite = nav.connection && nav.connection.saveData;
    if (open == "" || open == "true") show(1);
    else if (lite) return;
    else if (unread > 0) load();
    else {
      for (k of ["pointerenter", "focus", "touchstart"]) button.addEventListener(k, load, { once: true, passive: true });
      var idle = function () {
        w.requestIdleCallback ? requestIdleCallback(load, { timeout: 3000 }) : setTimeout(load, 1000);
      };
      d.readyState == "complete" ? idle() : w.addEventListener("load", idle, { once: true });
    }
    for (k of q) if (k[0] == "open") show(1);
  }

  // Opens or closes the stand-in panel (a spinner in the panel frame) until
  // the app is here. The launcher, now a cross, stays visible to close it.
  function show(open) {
    state.open = !!open;
    if (open) load();
    if (open && !panel) {
      panel = el(root, "div", { id: "salam-panel", "class": "salam-panel", role: "dialog", "aria-label": labels[lang], "aria-busy": true });
      el(el(panel, "div", { "class": "salam-loading" }), "span", { "class": "salam-spinner" });
      root.insertBefore(panel, button);
      button.setAttribute("aria-controls", "salam-panel");
    }
    if (panel) panel.hidden = !open;
    button.setAttribute("aria-expanded", !!open);
    icon(open);
  }

  function load() {
    if (loading) return;
    loading = 1;
    import(base + "__SALAM_JS__")
      .then(function (m) {
        return m.default({ module_or_path: base + "__SALAM_WASM__" }).then(function () {
          if (w.__salam === state) m.boot(data, q); // not shut down while loading
        });
      })
      .catch(function (e) {
        loading = 0; // the next intent or click tries again
        console.error("salam: could not load the widget from " + base, e);
      });
  }

  // The widget lives in <body>; an async tag in <head> may run first.
  d.body ? draw() : d.addEventListener("DOMContentLoaded", draw, { once: true });
})();
