// The visitor's path on the demo site: find the launcher, open the panel,
// send messages, close with Escape, and land back on the launcher.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Widget, axeWidget, newPage, useDemo } from "./harness.mjs";


describe("widget on the demo site", () => {
  const demo = useDemo();

  async function openDemo(path = "/") {
    const page = await newPage(demo.browser);
    await page.goto(demo.server.url + path);
    const w = new Widget(page);
    await w.ready();
    return { page, w };
  }

  it("opens from the launcher, sends, closes with Escape and returns focus", async () => {
    const { page, w } = await openDemo();
    assert.equal(await w.launcher.getAttribute("aria-expanded"), "false");
    const controls = await w.launcher.getAttribute("aria-controls");
    assert.ok(controls, "launcher has aria-controls");
    assert.equal(await w.panel.isVisible(), false);
    // The launcher shows one icon: the speech bubble (mirrored in RTL) while
    // closed, the cross while open.
    const icon = () => page.evaluate(() =>
      [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-launcher svg")]
        .filter((svg) => svg.getBoundingClientRect().width > 0)
        .map((svg) => (svg.classList.contains("salam-mirror") ? "bubble" : "cross")));
    assert.deepEqual(await icon(), ["bubble"]);

    await w.open();
    assert.equal(await w.launcher.getAttribute("aria-expanded"), "true");
    assert.deepEqual(await icon(), ["cross"]);
    assert.equal(await w.panel.getAttribute("id"), controls, "aria-controls names the panel");
    await page.waitForFunction(() =>
      document.querySelector("salam-chat").shadowRoot.activeElement?.tagName === "TEXTAREA");

    const prompt = w.log.getByText("Ask us anything, we are here to help.");
    assert.equal(await prompt.isVisible(), true, "an empty log invites a first message");
    await w.composer.fill("Hello Salam");
    await w.composer.press("Enter");
    // At once: the message is in the log before any reply could arrive.
    assert.deepEqual(await w.messages(), ["Hello Salam"]);
    assert.equal(await prompt.isVisible(), false, "and the invitation goes with the first message");
    assert.equal(await w.composer.inputValue(), "", "composer cleared");
    await w.log.getByText("Sent").waitFor();
    await page.waitForFunction(() =>
      document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg-bot").length === 1);
    assert.deepEqual(await w.messages(), ["Hello Salam", "Hello Salam"]);

    await page.keyboard.press("Escape");
    await w.panel.waitFor({ state: "hidden" });
    assert.equal(await w.launcher.getAttribute("aria-expanded"), "false");
    assert.deepEqual(await icon(), ["bubble"]);
    assert.equal(await w.focused(), "salam-launcher");
    assert.deepEqual(page.problems, []);
  });

  it("Shift+Enter adds a line, the Send button sends, blank sends nothing", async () => {
    const { page, w } = await openDemo();
    await w.open();
    await w.composer.click();
    await page.keyboard.type("line one");
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type("line two");
    assert.equal(await w.composer.inputValue(), "line one\nline two");
    await w.send.click();
    assert.deepEqual(await w.messages(), ["line one\nline two"]);

    await w.composer.fill("   ");
    await w.composer.press("Enter");
    await w.send.click();
    assert.equal((await w.messages()).length, 1, "whitespace is not a message");
    assert.deepEqual(page.problems, []);
  });

  it("keeps a too-long message in the composer with a visible reason", async () => {
    const { page, w } = await openDemo();
    await w.open();
    const long = "ب".repeat(4001);
    await w.composer.fill(long);
    await w.composer.press("Enter");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.textContent(), /too long: .*4000.* characters at most/);
    assert.equal(await w.composer.inputValue(), long, "nothing typed is lost");
    assert.equal(await w.composer.getAttribute("aria-invalid"), "true");
    assert.deepEqual(await w.messages(), []);
    await w.composer.fill("short now");
    assert.equal(await alert.count(), 0, "the reason goes once the draft changes");
    await w.composer.press("Enter");
    assert.deepEqual(await w.messages(), ["short now"]);
  });

  it("the close button closes and returns focus to the launcher", async () => {
    const { w } = await openDemo();
    await w.open();
    await w.closeButton.click();
    await w.panel.waitFor({ state: "hidden" });
    assert.equal(await w.focused(), "salam-launcher");
  });

  it("is usable on a phone: the panel fills the screen", async () => {
    const page = await newPage(demo.browser, { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    await page.goto(demo.server.url + "/");
    const w = new Widget(page);
    await w.ready();
    await w.launcher.tap();
    await w.panel.waitFor({ state: "visible" });
    await w.settled();
    const box = await w.panel.boundingBox();
    assert.deepEqual([box.x, box.y, box.width, box.height].map(Math.round), [0, 0, 375, 667]);
    await w.closeButton.tap();
    await w.panel.waitFor({ state: "hidden" });
    assert.ok(await w.launcher.isVisible(), "launcher is back after closing");
  });

  for (const state of ["closed", "open", "with messages"]) {
    it(`has no axe-core violations (WCAG 2.2 A/AA) when ${state}`, async () => {
      const { page, w } = await openDemo();
      if (state !== "closed") await w.open();
      if (state === "with messages") {
        await w.composer.fill("Is there an axe in here?");
        await w.composer.press("Enter");
        await page.waitForFunction(() =>
          document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg-bot").length === 1);
      }
      const result = await axeWidget(page);
      const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      assert.deepEqual(violations, []);
      assert.ok(result.passes.length > 5, "axe checked the widget");
    });
  }
});
