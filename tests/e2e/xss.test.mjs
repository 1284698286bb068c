// Every payload of the shared XSS corpus (tests/corpora/xss/payloads.json,
// see its PROVENANCE.md), typed by the visitor and echoed back by the bot,
// must render as literal text: nothing runs, nothing active is created,
// nothing is fetched, the host page is untouched.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Widget, newPage, root, sendRaw, useDemo } from "./harness.mjs";

const payloads = JSON.parse(readFileSync(join(root, "tests/corpora/xss/payloads.json"), "utf8"));

// What a textarea does to a value (CR/LF normalization) and what the widget
// documents it does (trims surrounding whitespace); nothing else may change.
const expected = (p) => p.replace(/\r\n?/g, "\n").trim();

describe("XSS corpus renders as text", () => {
  const demo = useDemo();

  it(`all ${payloads.length} payloads, as visitor messages and as bot replies`, async () => {
    const page = await newPage(demo.browser);
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.addInitScript(() => {
      window.__called = [];
      for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
        window[name] = (...args) => { window.__called.push([name, String(args[0])]); };
      }
    });
    await page.goto(demo.server.url + "/");
    const w = new Widget(page);
    await w.ready();
    // The host page as the visitor sees it, apart from the widget's own element.
    const snapshot = () => page.evaluate(() => ({
      title: document.title,
      cookie: document.cookie,
      body: [...document.body.children].filter((e) => e.tagName !== "SALAM-CHAT").map((e) => e.outerHTML).join("\n"),
      hosts: document.querySelectorAll("salam-chat").length,
    }));
    await w.open();
    const before = await snapshot();

    const sendable = payloads.filter((p) => expected(p).length > 0);
    // Put each payload in the textarea exactly (fill() would, too, but this
    // is faster for 566) and send it through the real composer.
    for (const p of sendable) {
      await sendRaw(page, p);
    }
    // Messages go one at a time, each after the ack of the one before
    // (PROTOCOL.md, delivery rule 7), and the echo bot acks after 150 ms:
    // the last reply comes at least 566 × 150 ms after the first send.
    await page.waitForFunction((n) =>
      document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg-bot").length === n,
    sendable.length, { timeout: sendable.length * 150 * 2 + 30000 });

    const rendered = await page.evaluate(() => {
      const root = document.querySelector("salam-chat").shadowRoot;
      const rows = [...root.querySelectorAll(".salam-msg")];
      const bad = [];
      for (const el of root.querySelectorAll(".salam-text *")) bad.push(`element <${el.tagName}> inside a message`);
      for (const el of root.querySelectorAll("*")) {
        for (const a of el.attributes) if (/^on/i.test(a.name)) bad.push(`attribute ${a.name} on <${el.tagName}>`);
      }
      return {
        bad,
        visitor: rows.filter((r) => r.classList.contains("salam-msg-visitor")).map((r) => r.querySelector(".salam-text").textContent),
        bot: rows.filter((r) => r.classList.contains("salam-msg-bot")).map((r) => r.querySelector(".salam-text").textContent),
      };
    });
    assert.deepEqual(rendered.bad, []);
    const want = sendable.map(expected);
    const mismatches = (got) => got.map((t, i) => (t === want[i] ? null : { i, want: want[i], got: t })).filter(Boolean);
    assert.deepEqual(mismatches(rendered.visitor), [], "visitor messages equal their payloads");
    assert.deepEqual(mismatches(rendered.bot), [], "bot replies equal their payloads");

    assert.deepEqual(await page.evaluate(() => window.__called), [], "no alert/confirm/prompt/print/open");
    assert.deepEqual(await snapshot(), before, "host page untouched");
    const foreign = requests.filter((u) => !u.startsWith(demo.server.url));
    assert.deepEqual(foreign, [], "no requests beyond the widget's own server");
    assert.deepEqual(page.problems, []);
  });
});
