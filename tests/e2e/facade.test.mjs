// The loader is the widget's own facade: it draws the launcher, loads the
// app only when the visitor may need it, and hands over without losing a
// click, the open state or focus. A long conversation is paged, and a
// hidden tab runs nothing but the connection's heartbeat.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Widget, axeWidget, newPage, serverApi, useDemo } from "./harness.mjs";

const APP = /salam_widget(_bg)?(\.[0-9a-f]+)?\.(js|wasm)$/;

/** A page on the demo site that records which app files it fetched; with
 * `hold`, the app's JS glue waits until `release()` is called. */
async function openDemo(demo, { hold = false, saveData = false, path = "/" } = {}) {
  const page = await newPage(demo.browser);
  const fetched = [];
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(APP, async (route) => {
    fetched.push(route.request().url());
    if (hold) await held;
    await route.continue();
  });
  if (saveData) {
    await page.addInitScript(() => Object.defineProperty(navigator, "connection", { value: { saveData: true }, configurable: true }));
  }
  await page.goto(demo.server.url + path);
  const w = new Widget(page);
  return { page, w, fetched, release: () => release() };
}

/** A visitor on the demo site, talking to the real server, who has sent
 * `text`; returns the page and the conversation's id from the agent API.
 * `init` runs in the page before any of its scripts. */
async function visitorConversation(demo, text, { init } = {}) {
  const page = await newPage(demo.browser, { echo: false });
  if (init) await page.addInitScript(init);
  await page.goto(demo.server.url + "/");
  const w = new Widget(page);
  await w.ready();
  await w.open();
  await w.composer.fill(text);
  await w.composer.press("Enter");
  await page.waitForFunction(() => document.querySelector("salam-chat").shadowRoot.querySelector(".salam-status")?.textContent === "Sent");
  const api = serverApi(demo.server);
  const conv = (await api.conversations()).find((c) => c.last_message?.text === text)?.id;
  assert.ok(conv, `the server has the conversation of "${text}"`);
  return { page, w, api, conv };
}

const hostState = (page) => page.evaluate(() => document.querySelector("salam-chat")?.dataset.salam);

describe("facade loader", () => {
  const demo = useDemo();

  it("draws the same launcher before the app is loaded, and the app takes over in place", async () => {
    const { page, w, release } = await openDemo(demo, { hold: true });
    await w.launcher.waitFor({ state: "visible" });
    assert.equal(await hostState(page), "loading");
    assert.equal(await w.launcher.getAttribute("aria-expanded"), "false");
    const box = await w.launcher.boundingBox();
    const before = await w.launcher.screenshot();
    assert.deepEqual((await axeWidget(page)).violations, [], "the facade is accessible");
    release();
    await w.ready();
    assert.deepEqual(await w.launcher.boundingBox(), box, "same place and size");
    assert.ok(Buffer.compare(before, await w.launcher.screenshot()) === 0, "same pixels");
    assert.equal(await page.evaluate(() => document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-launcher").length), 1);
    assert.deepEqual(page.problems, []);
  });

  it("a click before the app is ready opens a loading panel; open state and focus carry over", async () => {
    const { page, w, release } = await openDemo(demo, { hold: true });
    await w.launcher.click();
    const loading = page.getByRole("dialog", { name: "Chat with us" });
    await loading.waitFor({ state: "visible" });
    assert.equal(await loading.getAttribute("aria-busy"), "true");
    assert.equal(await w.launcher.getAttribute("aria-expanded"), "true");
    assert.equal(await w.focused(), "salam-launcher");
    assert.deepEqual((await axeWidget(page)).violations, [], "the loading state is accessible");
    release();
    await w.ready();
    await w.panel.waitFor({ state: "visible" });
    await page.waitForFunction(() => document.querySelector("salam-chat").shadowRoot.activeElement?.tagName === "TEXTAREA");
    await w.composer.fill("hello from the first click");
    await w.composer.press("Enter");
    await page.waitForFunction(() => [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg")].length >= 2);
    assert.deepEqual(page.problems, []);
  });

  it("loads nothing before an intent or idle; loads on pointer hover", async () => {
    // Held, so "fetched" shows the request without the app taking over.
    const { page, w, fetched, release } = await openDemo(demo, { hold: true, saveData: true });
    await w.launcher.waitFor({ state: "visible" });
    await page.waitForTimeout(1500);
    assert.deepEqual(fetched, [], "Save-Data: no app bytes without a click");
    await w.launcher.hover();
    await page.waitForTimeout(300);
    assert.deepEqual(fetched, [], "Save-Data: not even on hover");
    await w.launcher.click();
    await page.waitForTimeout(300);
    assert.equal(fetched.length, 1, "the click loads the app");
    release();
    await w.ready();

    const other = await openDemo(demo, { hold: true });
    await other.w.launcher.waitFor({ state: "visible" });
    await other.w.launcher.hover();
    await other.page.waitForTimeout(200);
    assert.ok(other.fetched.length >= 1, "hover is intent: the app starts loading");
    other.release();
    await other.w.ready();
  });

  it("loads on idle after the page's load event", async () => {
    const { page, w, fetched } = await openDemo(demo);
    await w.ready(); // no click, no hover
    assert.ok(fetched.length >= 2, `glue and wasm fetched: ${fetched}`);
    assert.equal(await w.panel.isVisible(), false);
    assert.deepEqual(page.problems, []);
  });

  it("with unread replies, the next page loads the app at once and shows the badge", async () => {
    const { page, w, api, conv } = await visitorConversation(demo, "is anyone there?");
    await page.keyboard.press("Escape");
    await api.reply(conv, "yes, Sara here");
    await page.waitForFunction(() => document.querySelector("salam-chat").shadowRoot.querySelector(".salam-badge")?.textContent === "1");

    // The next page: the facade shows the badge and fetches the app right away
    // (Save-Data would wait for a click; this visitor has no Save-Data).
    await page.route(APP, (route) => route.continue());
    await page.goto(demo.server.url + "/help.html");
    await page.waitForFunction(() => document.querySelector("salam-chat")?.shadowRoot?.querySelector(".salam-badge")?.textContent === "1");
    await w.ready();
    // The app says the same once the conversation has come in.
    await page.waitForFunction(() => document.querySelector("salam-chat").shadowRoot.querySelector(".salam-launcher")
      .getAttribute("aria-label").replace(/[\u2068\u2069]/g, "") === "Chat with us, 1 unread message");
    assert.deepEqual(page.problems, []);
  });
});

describe("long conversations", () => {
  const demo = useDemo();

  it("shows the newest page first and loads earlier pages on scroll up, in order, keeping the reading position", async () => {
    const { page, w, api, conv } = await visitorConversation(demo, "message 1");
    for (let i = 2; i <= 130; i++) await api.reply(conv, `message ${i}`);

    const rows = () => page.evaluate(() => [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg .salam-text")].map((e) => e.textContent));
    await page.reload();
    await w.ready();
    await w.open();
    await page.waitForFunction(() => document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg").length >= 50);
    await page.waitForTimeout(300);
    let shown = await rows();
    assert.equal(shown.length, 50, "a fresh page shows the newest page only");
    assert.deepEqual(shown, Array.from({ length: 50 }, (_, i) => `message ${81 + i}`));

    // Scroll to the top: the page before goes in above, and the message
    // that was at the top stays where the visitor was looking.
    const topOf = (text) => page.evaluate((t) => {
      const row = [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg")].find((r) => r.querySelector(".salam-text").textContent === t);
      return Math.round(row.getBoundingClientRect().top);
    }, text);
    const log = () => page.evaluate(() => document.querySelector("salam-chat").shadowRoot.querySelector(".salam-log").scrollTop = 0);
    await log();
    const anchorBefore = await topOf("message 81");
    await page.waitForFunction(() => document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg").length >= 100);
    await page.waitForTimeout(200);
    const anchorAfter = await topOf("message 81");
    assert.ok(Math.abs(anchorAfter - anchorBefore) <= 2, `reading position kept: ${anchorBefore} -> ${anchorAfter}`);
    await log();
    await page.waitForFunction(() => document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg").length >= 130);
    await page.waitForTimeout(300);
    shown = await rows();
    assert.deepEqual(shown, Array.from({ length: 130 }, (_, i) => `message ${i + 1}`), "the whole conversation, once, in order");

    // New messages still arrive at the bottom after paging.
    await api.reply(conv, "message 131");
    await page.waitForFunction(() => [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg .salam-text")].at(-1)?.textContent === "message 131");
    assert.deepEqual(page.problems, []);
  });
});

describe("idle when hidden", () => {
  const demo = useDemo();

  it("a hidden tab runs no timer but the connection's heartbeat, and a connection lost meanwhile comes back when the tab does", async () => {
    const init = () => {
      window.salamSettings = { heartbeat: 7 };
      // The app's timers (created from its JS glue), pending and fired.
      const pending = new Map();
      const fired = [];
      window.__timers = { pending, fired };
      const fromApp = () => /salam_widget/.test(new Error().stack);
      for (const [set, clear, repeats] of [["setTimeout", "clearTimeout", false], ["setInterval", "clearInterval", true]]) {
        const original = window[set].bind(window);
        const originalClear = window[clear].bind(window);
        window[set] = (fn, ms, ...args) => {
          if (typeof fn !== "function" || !fromApp()) return original(fn, ms, ...args);
          const id = original(() => {
            fired.push({ kind: set, ms, hidden: document.hidden });
            if (!repeats) pending.delete(id);
            fn(...args);
          }, ms);
          pending.set(id, { kind: set, ms: ms ?? 0 });
          return id;
        };
        window[clear] = (id) => { pending.delete(id); return originalClear(id); };
      }
      // Headless Chromium's tab is always visible: the test hides it.
      let hidden = false;
      Object.defineProperty(document, "hidden", { get: () => hidden, configurable: true });
      Object.defineProperty(document, "visibilityState", { get: () => (hidden ? "hidden" : "visible"), configurable: true });
      // As browsers fire it: at the document, bubbling to the window.
      window.__setHidden = (h) => { hidden = h; document.dispatchEvent(new Event("visibilitychange", { bubbles: true })); };
    };
    const { page, api, conv } = await visitorConversation(demo, "before the break", { init });
    const timers = () => page.evaluate(() => [...window.__timers.pending.values()].map((t) => `${t.kind} ${t.ms}`).sort());

    // Visible: the heartbeat (7 s, re-armed by the connection machine at
    // each beat) and the clock of the relative times (30 s).
    assert.deepEqual(await timers(), ["setInterval 30000", "setTimeout 7000"]);

    await page.evaluate(() => window.__setHidden(true));
    await page.waitForTimeout(300);
    assert.deepEqual(await timers(), ["setTimeout 7000"], "hidden: the heartbeat only");

    // The connection drops while hidden: no reconnect is scheduled, nothing
    // polls, and the heartbeat goes with the connection.
    await api.faults({ drop_sockets: true });
    await page.waitForFunction(() => !document.querySelector("salam-chat").shadowRoot.querySelector(".salam-banner").classList.contains("salam-hidden"));
    await page.waitForTimeout(3000);
    assert.deepEqual(await timers(), [], "hidden and offline: no timer at all");
    assert.deepEqual(await page.evaluate(() => window.__timers.fired.filter((t) => t.hidden && t.ms !== 7000)), [],
      "no timer but the heartbeat ran while hidden");

    // Shown again: it reconnects at once, and a reply sent meanwhile arrives.
    await api.reply(conv, "sent while you were away");
    await page.evaluate(() => window.__setHidden(false));
    await page.locator("salam-chat").getByText("sent while you were away").waitFor({ timeout: 5000 });
    assert.deepEqual(await timers(), ["setInterval 30000", "setTimeout 7000"]);
    assert.deepEqual(page.problems, []);
  });
});
