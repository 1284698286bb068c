// Every payload of the shared XSS corpus (tests/corpora/xss/payloads.json,
// see its PROVENANCE.md), typed by the visitor and echoed back by the bot:
// the visitor's message renders as literal text; the bot's reply, which may
// carry rich text, renders exactly the core parser's tree (text and links,
// from `cargo xtask test`: SALAM_XSS_RICH) with no element outside
// strong/em/code/br/a and no link outside http, https, mailto and tel.
// Nothing runs, nothing is fetched, the host page is untouched.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Widget, newPage, root, sendRaw, useDemo } from "./harness.mjs";

const payloads = JSON.parse(readFileSync(join(root, "tests/corpora/xss/payloads.json"), "utf8"));
const richFile = process.env.SALAM_XSS_RICH;

// What a textarea does to a value (CR/LF normalization) and what the widget
// documents it does (trims surrounding whitespace); nothing else may change.
const expected = (p) => p.replace(/\r\n?/g, "\n").trim();

describe("XSS corpus renders as text", () => {
  const demo = useDemo();

  it(`all ${payloads.length} payloads, as visitor messages and as bot replies`, async () => {
    assert.ok(richFile, "SALAM_XSS_RICH is set by cargo xtask test");
    const rich = JSON.parse(readFileSync(richFile, "utf8"));
    assert.equal(rich.length, payloads.length);
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
      for (const el of root.querySelectorAll(".salam-msg-visitor .salam-text *")) bad.push(`element <${el.tagName}> inside a visitor message`);
      for (const el of root.querySelectorAll(".salam-msg-bot .salam-text *")) {
        if (!["STRONG", "EM", "CODE", "BR", "A"].includes(el.tagName)) bad.push(`element <${el.tagName}> inside a bot reply`);
        const attrs = [...el.attributes].map((a) => a.name).sort().join(",");
        if (el.tagName === "A") {
          if (attrs !== "href,rel,target") bad.push(`link attributes ${attrs}`);
          if (!/^(https?|mailto|tel):/i.test(el.getAttribute("href"))) bad.push(`link to ${el.getAttribute("href")}`);
          if (el.protocol && !["http:", "https:", "mailto:", "tel:"].includes(el.protocol)) bad.push(`link protocol ${el.protocol}`);
          if (el.rel !== "noopener noreferrer nofollow" || el.target !== "_blank") bad.push(`link rel ${el.rel} target ${el.target}`);
        } else if (attrs) {
          bad.push(`attributes ${attrs} on <${el.tagName}>`);
        }
      }
      for (const el of root.querySelectorAll("*")) {
        for (const a of el.attributes) if (/^on/i.test(a.name)) bad.push(`attribute ${a.name} on <${el.tagName}>`);
      }
      // The text a visitor sees, a line break as "\n".
      const seen = (el) => {
        const copy = el.cloneNode(true);
        for (const br of copy.querySelectorAll("br")) br.replaceWith("\n");
        return copy.textContent;
      };
      return {
        bad,
        visitor: rows.filter((r) => r.classList.contains("salam-msg-visitor")).map((r) => r.querySelector(".salam-text").textContent),
        bot: rows.filter((r) => r.classList.contains("salam-msg-bot")).map((r) => seen(r.querySelector(".salam-text"))),
        botLinks: rows.filter((r) => r.classList.contains("salam-msg-bot"))
          .map((r) => [...r.querySelectorAll(".salam-text a")].map((a) => a.getAttribute("href"))),
      };
    });
    assert.deepEqual(rendered.bad, []);
    const want = sendable.map(expected);
    const mismatches = (got, want) =>
      got.map((t, i) => (JSON.stringify(t) === JSON.stringify(want[i]) ? null : { i, want: want[i], got: t })).filter(Boolean);
    assert.deepEqual(mismatches(rendered.visitor, want), [], "visitor messages equal their payloads");
    const sendableRich = payloads.map((p, i) => [p, rich[i]]).filter(([p]) => expected(p).length > 0).map(([, r]) => r);
    assert.deepEqual(mismatches(rendered.bot, sendableRich.map((r) => r.text)), [], "bot replies show the core's rich text");
    assert.deepEqual(mismatches(rendered.botLinks, sendableRich.map((r) => r.links)), [], "and exactly its links");
    const linked = rendered.botLinks.filter((l) => l.length > 0).length;
    assert.ok(linked > 0, "some payloads carry safe links, so the link checks ran");

    assert.deepEqual(await page.evaluate(() => window.__called), [], "no alert/confirm/prompt/print/open");
    assert.deepEqual(await snapshot(), before, "host page untouched");
    const foreign = requests.filter((u) => !u.startsWith(demo.server.url));
    assert.deepEqual(foreign, [], "no requests beyond the widget's own server");
    assert.deepEqual(page.problems, []);
  });
});
