// What the visitor and the host page hear: Salam('on'/'off') listeners
// (queued before the script loads), the unread count in a hidden tab's
// title, the optional chime, and read state both ways ("Seen").

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Widget, axeWidget, conversationWith, newPage, useDemo, signInConsole } from "./harness.mjs";

describe("signals", () => {
  const demo = useDemo();


  const hide = (page, hidden) => page.evaluate((h) => {
    Object.defineProperty(document, "hidden", { value: h, configurable: true });
    Object.defineProperty(document, "visibilityState", { value: h ? "hidden" : "visible", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);

  it("listeners hear replies, the unread count, open, close and ready; off stops them; a hidden tab's title counts", async () => {
    const page = await newPage(demo.browser, { echo: false });
    await page.addInitScript(() => {
      window.heard = [];
      // The owner's stub queue: these calls are made before salam.js has loaded.
      window.Salam = window.Salam || function () { (Salam.q = Salam.q || []).push(arguments); };
      Salam("on", "ready", () => heard.push(["ready"]));
      Salam("on", "message", (m) => heard.push(["message", m.author, m.name, m.text]));
      Salam("on", "unread", (n) => heard.push(["unread", n]));
      window.onOpen = () => heard.push(["open"]);
      Salam("on", "open", onOpen);
      Salam("on", "close", () => heard.push(["close"]));
      Salam("on", "bogus", () => {});
    });
    await page.goto(demo.server.url + "/");
    const w = new Widget(page);
    await w.ready();
    await w.open();
    await w.composer.fill("Is anyone there?");
    await w.composer.press("Enter");
    await w.log.getByText("Sent").waitFor();
    await page.keyboard.press("Escape");
    const conversation = await conversationWith(demo.api, "Is anyone there?");
    const title = await page.title();

    // The tab is hidden; a reply arrives: listeners hear it, the title counts it.
    await hide(page, true);
    await demo.api.reply(conversation, "Yes, Sara here.");
    await page.waitForFunction(() => heard.some((h) => h[0] === "unread" && h[1] === 1));
    assert.equal(await page.title(), `(1) ${title}`);
    await hide(page, false);
    assert.equal(await page.title(), title, "visible again: the page's own title");

    // Off: the open listener goes; the others stay.
    await page.evaluate(() => Salam("off", "open", onOpen));
    await w.open();
    await page.waitForFunction(() => heard.some((h) => h[0] === "unread" && h[1] === 0));
    const heard = await page.evaluate(() => heard);
    assert.deepEqual(heard, [
      ["ready"],
      ["open"],
      ["close"],
      ["message", "agent", "Sara", "Yes, Sara here."],
      ["unread", 1],
      ["unread", 0],
    ]);
    // A listener added late for "ready" is called at once.
    assert.equal(await page.evaluate(() => new Promise((r) => Salam("on", "ready", () => r("late")))), "late");
    assert.ok(page.warnings.some((m) => m.includes("Salam('on', event, fn) needs an event")), page.warnings.join("\n"));
    assert.deepEqual(page.problems, []);
  });

  it("chimes for a reply while the panel is closed, only when the owner turned it on", async () => {
    for (const sound of [true, false]) {
      const page = await newPage(demo.browser, { echo: false });
      await page.addInitScript((on) => {
        window.salamSettings = { sound: on };
        window.notes = 0;
        const Real = window.AudioContext;
        window.AudioContext = class extends Real {
          createOscillator() { notes++; return super.createOscillator(); }
        };
      }, sound);
      await page.goto(demo.server.url + "/");
      const w = new Widget(page);
      await w.ready();
      await w.open();
      const text = `chime ${sound}`;
      await w.composer.fill(text);
      await w.composer.press("Enter");
      await w.log.getByText("Sent").waitFor();
      await page.keyboard.press("Escape");
      await demo.api.reply(await conversationWith(demo.api, text), "A reply");
      await page.getByRole("button", { name: /unread/ }).waitFor();
      // Open, a reply in view: no chime.
      await w.open();
      await demo.api.reply(await conversationWith(demo.api, "A reply"), "Another reply");
      await w.log.getByText("Another reply").waitFor();
      assert.equal(await page.evaluate(() => notes), sound ? 2 : 0, `sound: ${sound}`);
      assert.deepEqual(page.problems, []);
    }
  });

  it("read state goes both ways: the visitor sees Seen, the agent sees Seen by the visitor", async () => {
    const page = await newPage(demo.browser, { echo: false });
    await page.goto(demo.server.url + "/");
    const w = new Widget(page);
    await w.ready();
    await w.open();
    await w.composer.fill("first");
    await w.composer.press("Enter");
    await w.composer.fill("second");
    await w.composer.press("Enter");
    await page.waitForFunction(() => [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-status")]
      .filter((s) => s.textContent === "Sent").length === 2);
    const conversation = await conversationWith(demo.api, "second");

    const agent = await newPage(demo.browser, { echo: false });
    await signInConsole(agent, demo.server);
    await agent.locator(`[data-testid=conversation-row][data-id="${conversation}"]`).getByRole("button").click();
    await agent.getByTestId("message-log").getByText("second").waitFor();
    // The agent has it on screen: the visitor's last message says Seen, the first still Sent.
    await page.waitForFunction(() => [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-status")]
      .map((s) => s.textContent).join() === "Sent,Seen");
    const axe = await axeWidget(page);
    assert.deepEqual(axe.violations.map((v) => v.id), [], "a message marked Seen");

    // The agent answers; the visitor has the panel open, so the console says Seen by the visitor.
    const reply = agent.getByRole("textbox", { name: "Reply" });
    await reply.fill("Got both, thanks.");
    await reply.press("Enter");
    await w.log.getByText("Got both, thanks.").waitFor();
    const seen = agent.getByTestId("seen");
    await seen.waitFor();
    assert.equal(await seen.evaluate((e) => e.closest("[data-testid=message]").querySelector(".msg__text").textContent), "Got both, thanks.");
    // After a reload the visitor still sees it.
    await page.reload();
    await w.ready();
    await w.open();
    await page.waitForFunction(() => [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-status")]
      .map((s) => s.textContent).join() === "Sent,Seen");
    assert.deepEqual(page.problems, []);
    assert.deepEqual(agent.problems, []);
  });
});
