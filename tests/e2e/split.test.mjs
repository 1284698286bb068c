// The split bundle (`cargo xtask dist --split`; not what ships yet, see
// xtask/src/dist.rs): the transports a default visitor never uses are
// separate wasm chunks, fetched the first time they are needed, and a
// chunk that cannot be fetched is tried again instead of breaking the app.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Widget, launchBrowser, newPage, serverApi, startDemoServer } from "./harness.mjs";

const CHUNK = /\/salam_salam_(sse|echo|bridge)\.[0-9a-f]{10}\.wasm$/;

describe("the split bundle", () => {
  let demo, browser;

  before(async () => {
    assert.ok(process.env.SALAM_SPLIT_DIST, "SALAM_SPLIT_DIST is set by cargo xtask test");
    demo = await startDemoServer({ dist: process.env.SALAM_SPLIT_DIST });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  /** A visitor with this transport; records the chunks the page fetched. */
  async function visit(transport, { failFirst = 0 } = {}) {
    const page = await newPage(browser, { echo: false });
    await page.addInitScript((t) => { window.salamSettings = { transport: t }; }, transport);
    const chunks = [];
    let refused = 0;
    await page.route(CHUNK, (route) => {
      chunks.push(new URL(route.request().url()).pathname.split("/").pop());
      if (refused < failFirst) {
        refused += 1;
        return route.abort("connectionfailed");
      }
      return route.continue();
    });
    await page.goto(demo.url + "/");
    const w = new Widget(page);
    await w.ready();
    await w.open();
    return { page, w, chunks };
  }

  async function say(page, w, text) {
    await w.composer.fill(text);
    await w.composer.press("Enter");
    await page.waitForFunction((t) => [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg")]
      .some((m) => m.querySelector(".salam-text").textContent === t && m.querySelector(".salam-status")?.textContent === "Sent"), text);
  }

  it("a WebSocket visitor fetches no chunk", async () => {
    const { page, w, chunks } = await visit("ws");
    await say(page, w, "over the main module");
    assert.deepEqual(chunks, []);
    assert.deepEqual(page.problems, []);
  });

  it("an SSE visitor fetches the SSE chunk once, and converses with an agent", async () => {
    const { page, w, chunks } = await visit("sse");
    await say(page, w, "over the sse chunk");
    assert.deepEqual(chunks.map((c) => c.split(".")[0]), ["salam_salam_sse"]);
    const api = serverApi(demo);
    const conv = (await api.conversations()).find((c) => c.last_message?.text === "over the sse chunk");
    await api.reply(conv.id, "answered through the chunk");
    await page.locator("salam-chat").getByText("answered through the chunk").waitFor();
    assert.deepEqual(page.problems, []);
  });

  it("a chunk that fails to load is fetched again, and the widget starts", async () => {
    const { page, w, chunks } = await visit("echo", { failFirst: 1 });
    await say(page, w, "echo after a retry");
    await page.locator("salam-chat").getByText("echo after a retry").nth(1).waitFor();
    assert.equal(chunks.length, 2, `fetched twice: ${chunks}`);
    // The failed fetch is reported by the split loader, and nothing else.
    assert.ok(page.problems.every((p) => p.startsWith("console.error:")), page.problems.join("\n"));
    assert.ok(!page.problems.some((p) => p.startsWith("pageerror")));
  });
});
