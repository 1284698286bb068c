// An embed on another site talks to the reference server over HTTP + SSE
// (which needs CORS on /api/v1) and over WebSocket, and converses with an
// agent; a site the server does not allow gets nothing.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Widget, launchBrowser, newPage, serverApi, startDemoServer, startStaticServer } from "./harness.mjs";

describe("from another origin", () => {
  let site, stranger, demo, browser;
  const pages = {};

  before(async () => {
    site = await startStaticServer(pages);
    stranger = await startStaticServer(pages);
    demo = await startDemoServer({ extra: ["--allow-origin", site.url] });
    for (const transport of ["sse", "ws"]) {
      pages[`/${transport}.html`] = ["text/html; charset=utf-8",
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Shop</title></head>
        <body><p>A shop</p><script src="${demo.url}/salam/salam.js" data-transport="${transport}" async></script></body></html>`];
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
    await site?.stop();
    await stranger?.stop();
  });

  for (const transport of ["sse", "ws"]) {
    it(`converses with an agent over ${transport} from an allowed origin`, async () => {
      const page = await newPage(browser, { echo: false });
      const cross = [];
      page.on("request", (r) => { if (r.url().startsWith(demo.url + "/api/")) cross.push(r.method()); });
      await page.goto(`${site.url}/${transport}.html`);
      const w = new Widget(page, { title: "Support" });
      await w.ready();
      await w.open();
      const text = `hello over ${transport} from ${new URL(site.url).port}`;
      await w.composer.fill(text);
      await w.composer.press("Enter");
      await page.waitForFunction(() => document.querySelector("salam-chat").shadowRoot.querySelector(".salam-status")?.textContent === "Sent");
      const api = serverApi(demo);
      const conv = (await api.conversations()).find((c) => c.last_message?.text === text);
      assert.ok(conv, "the server has the message");
      await api.reply(conv.id, `an agent answers over ${transport}`);
      await page.locator("salam-chat").getByText(`an agent answers over ${transport}`).waitFor();
      if (transport === "sse") assert.ok(cross.includes("POST"), `the message went as a cross-origin POST: ${cross}`);
      assert.deepEqual(page.problems, []);
    });
  }

  it("a site the server does not allow gets no answer from the API", async () => {
    const page = await newPage(browser, { echo: false });
    await page.goto(`${stranger.url}/sse.html`);
    const outcome = await page.evaluate(([url, key]) =>
      fetch(url, { headers: { authorization: `Bearer ${key}` } }).then((r) => `status ${r.status}`, (e) => e.name),
    [`${demo.url}/api/v1/agent/conversations`, demo.token]);
    assert.equal(outcome, "TypeError", "the browser refuses the answer: no CORS headers for this origin");
    const direct = await fetch(`${demo.url}/api/v1/agent/conversations`, {
      headers: { authorization: `Bearer ${demo.token}`, origin: stranger.url },
    });
    assert.equal(direct.status, 403);
  });
});
