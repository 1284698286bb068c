// Proactive greetings: shown beside the launcher after the owner's delay, on
// the owner's pages, without taking focus, announced politely; opening one
// starts the chat with it; each greets a visitor once; single-page apps fire
// them with Salam('greet', id); right to left, it sits by the mirrored launcher.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Widget, axeWidget, newPage, useDemo } from "./harness.mjs";

const RULES = [
  { id: "home", text: { en: "Questions about our plans? Ask us here.", fa: "سؤالی دربارهٔ طرح‌ها دارید؟ همین‌جا بپرسید." }, after_seconds: 1, url: "/", visitors: "new" },
  { id: "checkout", text: "Stuck at checkout? We can help.", url: "*/checkout*" },
  { text: "a rule without an id" },
];

describe("proactive greetings", () => {
  const demo = useDemo();

  async function visit(options = {}) {
    const page = await newPage(demo.browser, { echo: false, ...options });
    await page.addInitScript((rules) => { window.salamSettings = { greetings: rules }; }, RULES);
    await page.goto(demo.server.url + "/");
    return page;
  }

  const preview = (page) => page.locator(".salam-greeting");

  it("shows after its delay without taking focus; opening it starts the chat with it; once per visitor", async () => {
    const page = await visit();
    const w = new Widget(page);
    await w.ready();
    const greeting = preview(page).getByRole("button", { name: "Questions about our plans? Ask us here." });
    await greeting.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement === document.body), true, "focus stays on the page");
    assert.equal(await preview(page).getAttribute("role"), "status", "announced politely");
    const axe = await axeWidget(page);
    assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), [], "greeting preview");
    // The rule without an id is named once in the console; the others work.
    assert.equal(page.warnings.filter((m) => m.includes("greetings")).length, 1, page.warnings.join("\n"));

    // Reachable by keyboard: Tab from the page lands on it.
    await page.keyboard.press("Tab");
    for (let i = 0; i < 20 && (await w.focused()) !== "salam-greeting-open"; i++) await page.keyboard.press("Tab");
    assert.equal(await w.focused(), "salam-greeting-open");
    await page.keyboard.press("Enter");
    await w.panel.waitFor();
    await w.log.getByText("Questions about our plans? Ask us here.").waitFor();
    assert.equal(await preview(page).getByRole("button").count(), 0);
    await w.composer.fill("Yes: is there a student price?");
    await w.composer.press("Enter");
    await w.log.getByText("Sent").waitFor();
    // The agent sees what the visitor answered.
    const list = await demo.api.conversations();
    const messages = await demo.api.messages(list.find((c) => c.last_message?.text === "Yes: is there a student price?").id);
    assert.deepEqual(messages.map((m) => [m.author.kind, m.text]), [
      ["bot", "Questions about our plans? Ask us here."],
      ["visitor", "Yes: is there a student price?"],
    ]);

    // Next page load: not again.
    await page.reload();
    await w.ready();
    assert.deepEqual(await page.evaluate(() => JSON.parse(localStorage.getItem("salam:v1")).greeted), ["home"]);
    // Fire it again at once, then a probe: timers run in order, so once the probe shows, "home" was refused.
    await page.evaluate(() => { Salam("greet", { id: "home", text: "Again?" }); Salam("greet", { id: "probe", text: "Probe" }); });
    await preview(page).getByRole("button", { name: "Probe" }).waitFor();
    assert.equal(await preview(page).getByRole("button", { name: "Again?" }).count(), 0, "once per visitor");
    assert.deepEqual(page.problems, []);
  });

  it("single-page apps fire a rule on navigation; the cross dismisses it for good", async () => {
    const page = await visit();
    const w = new Widget(page);
    await w.ready();
    await preview(page).getByRole("button", { name: /Questions about our plans/ }).waitFor();
    await preview(page).getByRole("button", { name: "Dismiss the greeting" }).click();
    assert.equal(await preview(page).getByRole("button").count(), 0);
    // The app navigates without a page load and asks for its greeting.
    await page.evaluate(() => { history.pushState({}, "", "/shop/checkout"); Salam("greet", "checkout"); });
    await preview(page).getByRole("button", { name: "Stuck at checkout? We can help." }).waitFor();
    await preview(page).getByRole("button", { name: "Dismiss the greeting" }).click();
    await page.evaluate(() => Salam("greet", "checkout"));
    await page.evaluate(() => Salam("greet", { id: "adhoc", text: "A rule of its own", url: "/nowhere" }));
    await page.evaluate(() => Salam("greet", { id: "adhoc2", text: "Right here" }));
    await preview(page).getByRole("button", { name: "Right here" }).waitFor();
    assert.equal(await preview(page).getByRole("button", { name: /Stuck at checkout|A rule of its own/ }).count(), 0);
    assert.deepEqual(page.problems, []);
  });

  it("right to left: in Persian, beside the mirrored launcher", async () => {
    const page = await visit({ locale: "fa-IR" });
    await page.waitForFunction(() => document.querySelector("salam-chat")?.dataset.salam === "ready", null, { timeout: 20000 });
    const text = "سؤالی دربارهٔ طرح‌ها دارید؟ همین‌جا بپرسید.";
    await preview(page).getByRole("button", { name: text }).waitFor();
    const box = await page.evaluate(() => {
      const root = document.querySelector("salam-chat").shadowRoot;
      const b = root.querySelector(".salam-greeting-bubble").getBoundingClientRect();
      const l = root.querySelector(".salam-launcher").getBoundingClientRect();
      return { left: b.left, launcherLeft: l.left, above: b.bottom <= l.top, width: innerWidth };
    });
    assert.ok(box.left < box.width / 2 && Math.abs(box.left - box.launcherLeft) < 1 && box.above, JSON.stringify(box));
    const axe = await axeWidget(page);
    assert.deepEqual(axe.violations.map((v) => v.id), [], "greeting preview in Persian");
    assert.deepEqual(page.problems, []);
  });
});
