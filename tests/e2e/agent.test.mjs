// A visitor and an agent talking through the real server: the widget on the
// demo site, the agent console at /agent, navigation that keeps the
// conversation, typing, resolve.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Widget, launchBrowser, newPage, serverApi, startDemoServer, signInConsole } from "./harness.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

describe("visitor and agent through the reference server", () => {
  let browser;
  let server;
  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the agent console sees the visitor live, replies, types and resolves; the widget follows", async () => {
    const visitor = await newPage(browser, { echo: false });
    await visitor.goto(server.url + "/");
    const w = new Widget(visitor);
    await w.ready();
    await w.open();
    const hostile = `<img src=x onerror="window.__pwned=1">سلام, my order`;
    await w.composer.fill(hostile);
    await w.composer.press("Enter");

    const agent = await newPage(browser, { echo: false });
    await signInConsole(agent, server);
    const row = agent.getByTestId("conversation-row").first();
    await row.waitFor();
    await row.click();
    const log = agent.getByTestId("message-log");
    await log.getByText(hostile).waitFor();
    assert.equal(await agent.evaluate(() => window.__pwned), undefined, "visitor text is text in the console");
    assert.equal(await agent.locator("[data-testid=message-log] img").count(), 0);

    // A second visitor message arrives live, without a reload.
    await w.composer.fill("are you there?");
    await agent.getByTestId("typing").filter({ hasText: /typing/i }).waitFor();
    await w.composer.press("Enter");
    await log.getByText("are you there?").waitFor();

    // Typing shows in the widget, with the agent's name.
    const reply = agent.getByRole("textbox", { name: "Reply" });
    await reply.pressSequentially("Yes, ");
    await visitor.getByText(/Sara\u2069? is typing…/).waitFor();
    await reply.pressSequentially("I am here.");
    await reply.press("Enter");
    await visitor.locator("salam-chat").getByText("Yes, I am here.").waitFor();
    assert.equal(await visitor.getByText(/Sara\u2069? is typing…/).count(), 0, "the reply replaces the indicator");
    const authors = await visitor.evaluate(() =>
      [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg-agent .salam-name")].map((e) => e.textContent));
    assert.deepEqual(authors, ["Sara"], "the widget says who is answering");

    // Navigating to another page keeps the conversation.
    await visitor.getByRole("navigation", { name: "Demo pages" }).getByRole("link", { name: "Help centre" }).click();
    const w2 = new Widget(visitor);
    await w2.ready();
    await w2.open();
    await visitor.locator("salam-chat").getByText("Yes, I am here.").waitFor();
    assert.deepEqual(await w2.messages(), [hostile, "are you there?", "Yes, I am here."]);
    const api = serverApi(server);
    assert.equal((await api.conversations()).length, 1, "the same visitor, not a new one");

    // Resolve: the widget says so; a new visitor message reopens it.
    await agent.getByRole("button", { name: "Resolve" }).click();
    await visitor.getByText("This conversation was marked as resolved.", { exact: false }).waitFor();
    await w2.composer.fill("one more thing");
    await w2.composer.press("Enter");
    await agent.getByRole("button", { name: "Reopen" }).waitFor({ state: "detached" });
    await agent.getByRole("button", { name: "Resolve" }).waitFor();
    assert.equal((await api.conversations())[0].status, "open");

    // The console is accessible too.
    await agent.evaluate(axeSource);
    const results = await agent.evaluate(() => axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    }));
    assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), []);
    assert.deepEqual(visitor.problems, []);
    assert.deepEqual(agent.problems, []);
  });

  it("refuses a wrong agent key and WebSocket upgrades from foreign origins", async () => {
    const wrong = await fetch(`${server.url}/api/v1/agent/conversations`, { headers: { authorization: "Bearer nope" } });
    assert.equal(wrong.status, 401);
    const page = await newPage(browser, { echo: false });
    await page.goto("about:blank");
    // A page on another origin may not open the visitor socket.
    const foreign = await page.evaluate((url) => new Promise((resolve) => {
      const ws = new WebSocket(url);
      ws.onopen = () => resolve("open");
      ws.onerror = () => resolve("refused");
    }), server.url.replace("http", "ws") + "/api/v1/ws");
    // about:blank has an opaque origin ("null"), which is not allowed.
    assert.equal(foreign, "refused");
  });
});
