// Two servers over one PostgreSQL, behind a proxy standing in for a load
// balancer: the real salam-demo twice, a real PostgreSQL started by the
// test (tests/scratch-postgres.sh), a real browser for the visitor and one
// for the agent console.
//
// The visitor reaches the first server through the proxy; the agent's
// console is on the second. They converse live (each server hears the
// other's events through PostgreSQL). Then the first server is killed
// (SIGKILL) mid-conversation and the proxy sends new connections to the
// second: what the visitor typed meanwhile and what the agent answered
// meanwhile arrive, and every message is there exactly once, in the same
// order, in the widget, in the console and in the database.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  Widget, launchBrowser, newPage, serverApi, startDemoServer, startProxy, startScratchPostgres, signInConsole, until } from "./harness.mjs";

describe("several servers over one PostgreSQL", () => {
  let pg, first, second, proxy, browser, files;

  before(async () => {
    pg = await startScratchPostgres();
    files = mkdtempSync(join(tmpdir(), "salam-files-"));
    const options = { db: pg.url, extra: ["--files", files] };
    // One after the other: the second finds the schema made.
    first = await startDemoServer(options);
    second = await startDemoServer(options);
    proxy = await startProxy(first.port);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await proxy?.stop();
    await first?.stop();
    await second?.stop();
    await pg?.stop();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it("a visitor on one and an agent on the other converse as on one; the visitor's server dies and the other carries on: every message once, in order", async () => {
    const visitor = await newPage(browser, { echo: false });
    await visitor.goto(proxy.url + "/");
    const w = new Widget(visitor);
    await w.ready();
    await w.open();
    const say = async (text) => {
      await w.composer.fill(text);
      await w.composer.press("Enter");
    };
    await say("one");

    const agent = await newPage(browser, { echo: false });
    await signInConsole(agent, second);
    const row = agent.getByTestId("conversation-row").first();
    await row.waitFor();
    await row.click();
    const log = agent.getByTestId("message-log");
    await log.getByText("one").waitFor();

    // From the first server to the console on the second, live: the
    // visitor typing, then the message.
    await w.composer.fill("two");
    await agent.getByTestId("typing").filter({ hasText: /typing/i }).waitFor();
    await w.composer.press("Enter");
    await log.getByText("two", { exact: true }).waitFor();

    // From the console on the second to the visitor on the first: the
    // agent typing (with their name), the agent joining, the reply.
    const reply = agent.getByRole("textbox", { name: "Reply" });
    await reply.pressSequentially("thr");
    await visitor.getByText(/Sara\u2069? is typing…/).waitFor();
    await reply.pressSequentially("ee");
    await reply.press("Enter");
    await visitor.locator("salam-chat").getByText("three", { exact: true }).waitFor();

    // The visitor's server dies; new connections go to the other.
    await first.kill();
    proxy.target = second.port;
    await say("four");
    await reply.fill("five");
    await reply.press("Enter");

    const api = serverApi(second);
    const expected = ["one", "two", "three", "four", "five"];
    let seen = "";
    await until(async () => {
      const id = (await api.conversations())[0]?.id;
      const stored = (await api.messages(id)).map((m) => m.text);
      const widget = await w.messages();
      const console = await log.getByTestId("message").locator(".msg__text").allTextContents();
      const sent = await visitor.evaluate(() => [...document.querySelector("salam-chat").shadowRoot
        .querySelectorAll(".salam-msg-visitor .salam-status")].map((s) => s.textContent));
      seen = JSON.stringify({ stored, widget, console, sent });
      return JSON.stringify(widget) === JSON.stringify(stored) && JSON.stringify(console) === JSON.stringify(stored) &&
        [...stored].sort().join() === [...expected].sort().join() && sent.length === 3 && sent.every((s) => s === "Sent" || s === "Seen");
    }, "the widget, the console and the database to hold the five messages once each, in one order", 30000)
      .catch((e) => { throw new Error(`${e.message}: ${seen}`); });
    const stored = (await api.messages((await api.conversations())[0].id)).map((m) => m.text);
    assert.deepEqual(stored.slice(0, 3), ["one", "two", "three"], "the conversation before the crash, in order");
    for (const p of [visitor, agent]) {
      assert.deepEqual(p.problems.filter((x) => x.startsWith("pageerror")), [], "no uncaught errors");
    }
  });
});
