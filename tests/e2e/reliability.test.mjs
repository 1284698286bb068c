// Fault injection against the real server and a real browser, one test per
// scenario of tests/corpora/reliability/RELIABILITY.md (section 2; the
// number is in each title). The server is the real salam-demo, built with
// its `faults` feature (`POST /__faults`); crashes are real SIGKILLs and
// restarts reuse the same SQLite file and port.
//
// Every test ends with the same check: the widget's log and the server's
// stored conversation hold the same messages, each exactly once, in the
// same order, every visitor message marked "Sent", and the messages the
// test sent (visitor -> agent and agent -> visitor) are all there.

import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Widget, launchBrowser, newPage, serverApi, startDemoServer, tempDb, until } from "./harness.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The widget's rows: text, author kind, delivery status, key. */
function rows(page) {
  // In the next animation frame: the log takes new rows once a frame.
  return page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(
    [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg")].map((m) => ({
      text: m.querySelector(".salam-text").textContent,
      visitor: m.classList.contains("salam-msg-visitor"),
      status: m.querySelector(".salam-status")?.textContent ?? "",
      key: m.dataset.key,
    }))))));
}

/** Types and sends one message through the real composer. */
async function say(w, text) {
  await w.composer.fill(text);
  await w.composer.press("Enter");
}

function conversationOf(api) {
  return until(async () => (await api.conversations())[0]?.id, "the visitor's conversation");
}

/** The end state every test must reach: both sides hold exactly `expected`
 * (in any interleaving, but the same order on both sides), each once. */
async function converged(page, api, expected) {
  let detail = "";
  await until(async () => {
    const id = (await api.conversations())[0]?.id;
    const server = id ? (await api.messages(id)).map((m) => m.text) : [];
    const widget = await rows(page);
    const texts = widget.map((r) => r.text);
    detail = `\n  widget: ${JSON.stringify(widget.map((r) => `${r.text}${r.visitor ? ` [${r.status}]` : ""}`))}` +
      `\n  server: ${JSON.stringify(server)}\n  expected (any order): ${JSON.stringify(expected)}`;
    const sameOrder = JSON.stringify(texts) === JSON.stringify(server);
    const exactlyOnce = server.length === expected.length && [...server].sort().join("\n") === [...expected].sort().join("\n");
    const allSent = widget.filter((r) => r.visitor).every((r) => r.status === "Sent");
    const uniqueKeys = new Set(widget.map((r) => r.key)).size === widget.length;
    return sameOrder && exactlyOnce && allSent && uniqueKeys;
  }, `both sides to hold the same messages once each${detail}`, 30000).catch((e) => {
    throw new Error(e.message + detail);
  });
}

describe("reliability: fault injection against the real server", () => {
  let browser;
  let server;
  const pages = [];

  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });
  afterEach(async () => {
    for (const p of pages.splice(0)) {
      const crashes = p.problems.filter((x) => x.startsWith("pageerror"));
      await p.context().close();
      assert.deepEqual(crashes, [], "no uncaught errors in the page");
    }
    await server?.stop();
    server = null;
  });

  /** A fresh server and a visitor page on it, panel open and greeted. */
  async function visit({ settings = {}, context, db, beforeLoad } = {}) {
    server ??= await startDemoServer({ db: db ?? tempDb() });
    const api = serverApi(server);
    await api.faults({ reset: true });
    let page;
    if (context) {
      page = await context.newPage();
      page.problems = [];
      page.on("pageerror", (e) => page.problems.push(`pageerror: ${e.message}`));
    } else {
      page = await newPage(browser, { echo: false });
    }
    pages.push(page);
    await page.context().addInitScript((s) => { window.salamSettings = s; }, settings);
    if (beforeLoad) await beforeLoad(page);
    await page.goto(server.url + "/");
    const w = new Widget(page);
    await w.ready();
    await w.open();
    await until(() => page.evaluate(() =>
      document.querySelector("salam-chat").shadowRoot.querySelector(".salam-banner").classList.contains("salam-hidden")),
    "the widget to be online");
    return { page, w, api };
  }

  it("1. server killed after storing a message, before acking it: the retry is stored once", async () => {
    const { page, w, api } = await visit();
    await api.faults({ crash_before_ack: true });
    await say(w, "my order is late");
    await until(() => server.exited(), "the server to crash");
    assert.equal((await rows(page))[0].status, "Sending…", "not acked, so still sending");
    server = await server.restart();
    const id = await conversationOf(api);
    await converged(page, api, ["my order is late"]);
    await api.reply(id, "sorry, checking now");
    await converged(page, api, ["my order is late", "sorry, checking now"]);
  });

  it("2. server killed and restarted mid-conversation: what was typed meanwhile goes out once, in order", async () => {
    const { page, w, api } = await visit();
    await say(w, "first");
    const id = await conversationOf(api);
    await api.reply(id, "hello!");
    await converged(page, api, ["first", "hello!"]);
    await server.kill();
    await until(() => w.page.getByText("Reconnecting").isVisible(), "the reconnecting banner");
    for (const t of ["second", "third", "fourth"]) await say(w, t);
    await sleep(500);
    assert.deepEqual((await rows(page)).slice(-3).map((r) => r.status), ["Sending…", "Sending…", "Sending…"]);
    server = await server.restart();
    await converged(page, api, ["first", "hello!", "second", "third", "fourth"]);
    const texts = (await rows(page)).map((r) => r.text);
    assert.deepEqual(texts.slice(-3), ["second", "third", "fourth"], "in the order typed");
    await api.reply(id, "back again");
    await converged(page, api, ["first", "hello!", "second", "third", "fourth", "back again"]);
  });

  it("3. connection dropped while idle: agent messages sent during the outage arrive after reconnect", async () => {
    const { page, w, api } = await visit();
    await say(w, "hi");
    const id = await conversationOf(api);
    await converged(page, api, ["hi"]);
    await api.faults({ drop_sockets: true, refuse_ms: 2500 });
    for (const t of ["are you there?", "I can see your order", "it ships tomorrow"]) await api.reply(id, t);
    await converged(page, api, ["hi", "are you there?", "I can see your order", "it ships tomorrow"]);
  });

  it("4. a burst of 100 agent messages during a disconnection arrives complete and in order", async () => {
    const { page, w, api } = await visit();
    await say(w, "start");
    const id = await conversationOf(api);
    await converged(page, api, ["start"]);
    await api.faults({ drop_sockets: true, refuse_ms: 3000 });
    const burst = Array.from({ length: 100 }, (_, i) => `burst ${i + 1}`);
    for (const t of burst) await api.reply(id, t);
    await converged(page, api, ["start", ...burst]);
    const texts = (await rows(page)).map((r) => r.text);
    assert.deepEqual(texts.slice(1), burst, "in sequence order");
  });

  it("5. duplicated frames (every frame sent twice) are rendered once", async () => {
    const { page, w, api } = await visit();
    await api.faults({ duplicate: true });
    await say(w, "one");
    const id = await conversationOf(api);
    await api.reply(id, "two");
    await say(w, "three");
    await api.reply(id, "four");
    await converged(page, api, ["one", "two", "three", "four"]);
    // The live region announced each message once: one row each, no re-add.
    assert.equal((await rows(page)).length, 4);
  });

  it("6. reordered frames (each pair swapped) end in the server's order", async () => {
    const { page, w, api } = await visit();
    await say(w, "question");
    const id = await conversationOf(api);
    await converged(page, api, ["question"]);
    await api.faults({ reorder: true });
    const answers = ["a1", "a2", "a3", "a4", "a5", "a6", "a7"];
    for (const t of answers) await api.reply(id, t);
    await say(w, "thanks");
    await converged(page, api, ["question", ...answers, "thanks"]);
  });

  it("7. HTTP 503 on send (HTTP+SSE transport) is retried with the same id and stored once; 429 waits for Retry-After", async () => {
    const { page, w, api } = await visit({ settings: { transport: "sse" } });
    await api.faults({ fail_post: { count: 3, status: 503 } });
    await say(w, "sent through 503s");
    await converged(page, api, ["sent through 503s"]);
    await api.faults({ fail_post: { count: 1, status: 429, retry_after: 2 } });
    const t0 = Date.now();
    await say(w, "rate limited once");
    await until(async () => {
      const last = (await rows(page)).at(-1);
      return last.text === "rate limited once" && last.status === "Sent";
    }, "the rate-limited message to be sent");
    const waited = Date.now() - t0;
    assert.ok(waited >= 2000, `waited ${waited} ms, at least the 2 s Retry-After`);
    await converged(page, api, ["sent through 503s", "rate limited once"]);
  });

  it("7b. a send that keeps failing is marked failed with a retry button, and the retry is stored once", async () => {
    const { page, w, api } = await visit({ settings: { transport: "sse" } });
    await api.faults({ fail_post: { count: 100, status: 500 } });
    await say(w, "will fail first");
    const retry = page.getByRole("button", { name: "Try again" });
    await retry.waitFor({ timeout: 30000 });
    assert.match((await rows(page))[0].status, /Not sent/);
    await api.faults({ fail_post: { count: 0, status: 500 } });
    await retry.click();
    await converged(page, api, ["will fail first"]);
  });

  it("8. 503 on the event stream: the widget reconnects by itself and resumes from its last message", async () => {
    const { page, w, api } = await visit({ settings: { transport: "sse" } });
    const requests = [];
    page.on("request", (r) => requests.push({ method: r.method(), url: r.url() }));
    await say(w, "over sse");
    const id = await conversationOf(api);
    await converged(page, api, ["over sse"]);
    // Drop the stream; the next two reconnects get 503 (a native
    // EventSource would give up for good after the first).
    await api.faults({ fail_stream: { count: 2, status: 503 }, drop_sockets: true });
    for (const t of ["missed 1", "missed 2"]) await api.reply(id, t);
    await converged(page, api, ["over sse", "missed 1", "missed 2"]);
    // The reconnects went with one-use tickets; the token was in no URL.
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem("salam:v1") || "{}").token);
    assert.match(token, /^vt_/);
    const streams = requests.filter((r) => r.url.includes("/api/v1/events"));
    assert.ok(streams.length >= 3 && streams.slice(1).every((r) => /[?&]ticket=st_/.test(r.url)), JSON.stringify(streams));
    assert.ok(requests.filter((r) => r.method === "POST" && r.url.endsWith("/api/v1/stream-ticket")).length >= 3);
    assert.deepEqual(requests.filter((r) => r.url.includes(token)), [], "the visitor's token is in no URL");
  });

  it("9 and 14. refused connections back off with jitter instead of looping hot, then recover", async () => {
    const { page, w, api } = await visit();
    await say(w, "before the refusals");
    await converged(page, api, ["before the refusals"]);
    const attempts = [];
    page.on("websocket", () => attempts.push(Date.now()));
    await api.faults({ drop_sockets: true, refuse_ms: 6000 });
    const t0 = Date.now();
    await sleep(6000);
    // Full-jitter windows of 1, 2, 4 s: a handful of tries in 6 s, not hundreds.
    assert.ok(attempts.length >= 2 && attempts.length <= 10, `${attempts.length} attempts in 6 s`);
    const gaps = attempts.map((t, i) => t - (i ? attempts[i - 1] : t0));
    assert.ok(gaps.every((g) => g >= 90), `every wait at least the 100 ms floor: ${gaps}`);
    await say(w, "after the refusals");
    await converged(page, api, ["before the refusals", "after the refusals"]);
  });

  it("10. a slow network (1.5 s per frame): sending is optimistic, each message goes out once, no reconnect storm", async () => {
    const { page, w, api } = await visit();
    const sent = [];
    const sockets = [];
    page.on("websocket", (ws) => {
      sockets.push(ws);
      ws.on("framesent", (f) => { if (String(f.payload).includes('"type":"message"')) sent.push(JSON.parse(f.payload).client_id); });
    });
    // The socket opened before the listener; reopen it so frames are observed.
    await api.faults({ drop_sockets: true });
    await until(() => sockets.length === 1, "the reconnect");
    await until(() => page.evaluate(() =>
      document.querySelector("salam-chat").shadowRoot.querySelector(".salam-banner").classList.contains("salam-hidden")),
    "online again");
    await api.faults({ delay_ms: 1500 });
    for (const t of ["slow 1", "slow 2", "slow 3"]) await say(w, t);
    assert.deepEqual((await rows(page)).map((r) => r.status), ["Sending…", "Sending…", "Sending…"], "shown at once, pending");
    const id = await conversationOf(api);
    await api.reply(id, "slow answer");
    await converged(page, api, ["slow 1", "slow 2", "slow 3", "slow answer"]);
    assert.equal(sent.length, 3, `each message sent once: ${sent}`);
    assert.equal(new Set(sent).size, 3);
    assert.equal(sockets.length, 1, "no reconnects on a slow but working connection");
  });

  it("11. a half-open socket (open, silent) is noticed by the heartbeat and replaced", async () => {
    const { page, w, api } = await visit({ settings: { heartbeat: 1 } });
    await say(w, "hello");
    const id = await conversationOf(api);
    await converged(page, api, ["hello"]);
    // The server keeps the socket open but sends nothing and ignores
    // everything, so this reply never reaches the old socket.
    await api.faults({ stall: true });
    await api.reply(id, "sent into the void");
    await sleep(3500);
    await api.faults({ stall: false });
    await converged(page, api, ["hello", "sent into the void"]);
  });

  it("11b. a silent event stream (HTTP+SSE) is noticed by the server's heartbeat and replaced", async () => {
    const { page, w, api } = await visit({ settings: { transport: "sse", heartbeat: 1 } });
    await say(w, "hello over sse");
    const id = await conversationOf(api);
    await converged(page, api, ["hello over sse"]);
    await api.faults({ stall: true });
    await api.reply(id, "lost in a silent stream");
    await sleep(3500);
    await api.faults({ stall: false });
    await converged(page, api, ["hello over sse", "lost in a silent stream"]);
  });

  it("12. pagehide lets go of the socket (back/forward cache), pageshow reconnects at once and catches up", async () => {
    const { page, w, api } = await visit();
    await say(w, "before leaving");
    const id = await conversationOf(api);
    await converged(page, api, ["before leaving"]);
    const opened = [];
    page.on("websocket", (ws) => opened.push(ws));
    // The page goes into the back/forward cache: its connection is let go.
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pagehide", { persisted: true })));
    await api.reply(id, "while you were away");
    await sleep(2500);
    assert.equal(opened.length, 0, "no reconnect while the page is in the cache");
    assert.deepEqual((await rows(page)).map((r) => r.text), ["before leaving"], "the socket is really gone");
    const t0 = Date.now();
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true })));
    await converged(page, api, ["before leaving", "while you were away"]);
    assert.ok(Date.now() - t0 < 2000, `reconnected at once, not after a backoff (${Date.now() - t0} ms)`);
    assert.equal(opened.length, 1, "one new socket");
  });

  it("13. offline, then online: messages typed offline are sent once, in order", async () => {
    const { page, w, api } = await visit();
    await say(w, "before");
    await converged(page, api, ["before"]);
    await page.context().setOffline(true);
    await api.faults({ drop_sockets: true });
    await until(() => page.getByText("You are offline").isVisible(), "the offline banner");
    for (const t of ["typed offline 1", "typed offline 2", "typed offline 3"]) await say(w, t);
    await sleep(300);
    await page.context().setOffline(false);
    await converged(page, api, ["before", "typed offline 1", "typed offline 2", "typed offline 3"]);
    assert.deepEqual((await rows(page)).map((r) => r.text).slice(1), ["typed offline 1", "typed offline 2", "typed offline 3"]);
  });

  it("15. page reload with a pending outbox: the messages survive and are sent once", async () => {
    const { page, w, api } = await visit();
    await say(w, "kept");
    await converged(page, api, ["kept"]);
    await api.faults({ drop_sockets: true, refuse_ms: 60000 });
    await until(() => page.getByText("Reconnecting").isVisible(), "the reconnecting banner");
    await say(w, "pending 1");
    await say(w, "pending 2");
    await page.reload();
    const again = new Widget(page);
    await again.ready();
    await again.open();
    await until(async () => (await rows(page)).filter((r) => r.status === "Sending…").length === 2,
      "the outbox restored after the reload");
    await api.faults({ refuse_ms: 0 });
    await converged(page, api, ["kept", "pending 1", "pending 2"]);
  });

  it("16. localStorage throwing SecurityError: the widget works from memory", async () => {
    const { page, w, api } = await visit({
      beforeLoad: (p) => p.addInitScript(() => {
        Object.defineProperty(window, "localStorage", { get() { throw new DOMException("denied", "SecurityError"); } });
      }),
    });
    await say(w, "no storage here");
    const id = await conversationOf(api);
    await api.reply(id, "still fine");
    await converged(page, api, ["no storage here", "still fine"]);
  });

  it("17. storage quota exceeded: no crash, nothing lost", async () => {
    const { page, w, api } = await visit({
      beforeLoad: (p) => p.addInitScript(() => {
        Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); };
      }),
    });
    await say(w, "quota is full");
    await say(w, "second one");
    await converged(page, api, ["quota is full", "second one"]);
  });

  it("18. two tabs of one visitor: each message shows once in both", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const a = await visit({ context });
    await say(a.w, "from tab A");
    await converged(a.page, a.api, ["from tab A"]);
    const b = await visit({ context });
    await say(b.w, "from tab B");
    const id = await conversationOf(a.api);
    await a.api.reply(id, "to both tabs");
    const all = ["from tab A", "from tab B", "to both tabs"];
    await converged(a.page, a.api, all);
    await converged(b.page, b.api, all);
    assert.equal((await a.api.conversations()).length, 1, "one visitor, one conversation");
  });

  it("19. the server's history is reset: the widget starts afresh and keeps what it had not sent", async () => {
    const { page, w, api } = await visit();
    await say(w, "old conversation");
    await converged(page, api, ["old conversation"]);
    await server.kill();
    await say(w, "typed during the outage");
    // Same port, brand-new database: the old token and conversation are gone.
    server = await startDemoServer({ port: server.port, db: tempDb() });
    // The agent's token went with the old database, too.
    await converged(page, serverApi(server), ["typed during the outage"]);
  });

  for (const transport of ["ws", "sse"]) {
    it(`21 (${transport}). a reply posted while the visitor's connection is set up arrives exactly once`, async () => {
      const { page, w, api } = await visit({ settings: { transport } });
      await say(w, "hello");
      const id = await conversationOf(api);
      await converged(page, api, ["hello"]);
      // The reconnect is held by the server after its replay was read and
      // before anything is delivered: the window in which a reply was lost
      // when the server subscribed the connection only after the replay.
      await api.faults({ hold_hello: true, drop_sockets: true });
      await until(async () => (await api.faultReport()).held_hellos === 1, "the reconnect to be held");
      await api.reply(id, "sent while you were connecting");
      await api.faults({ release_hello: true });
      await converged(page, api, ["hello", "sent while you were connecting"]);
    });
  }

  it("20. a clock hours off: order follows the server's sequence, not timestamps", async () => {
    const { page, w, api } = await visit({
      beforeLoad: (p) => p.addInitScript(() => {
        const skew = -5 * 3600 * 1000;
        const now = Date.now.bind(Date);
        Date.now = () => now() + skew;
      }),
    });
    await say(w, "my clock is wrong");
    const id = await conversationOf(api);
    await api.reply(id, "ours is right");
    await say(w, "still ordered");
    await converged(page, api, ["my clock is wrong", "ours is right", "still ordered"]);
  });
});
