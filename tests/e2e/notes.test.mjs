// Internal notes and canned replies in the real console, with a real
// visitor in Chromium. A note is for the team only: the test records every
// frame the visitor's page receives and checks none carries it, before and
// after a reload.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { Widget, conversationWith, newPage, otherAgent, signInConsole, useDemo } from "./harness.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function axe(page, what) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() => axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
  }));
  assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`), [], what);
}

describe("internal notes and canned replies", () => {
  const demo = useDemo();

  /** A visitor who wrote `text`, with every frame their page receives. */
  async function visitorWho(text) {
    const page = await newPage(demo.browser, { echo: false });
    const frames = [];
    page.on("websocket", (ws) => ws.on("framereceived", (f) => frames.push(String(f.payload))));
    await page.goto(demo.server.url + "/");
    const w = new Widget(page);
    await w.ready();
    await w.open();
    await w.composer.fill(text);
    await w.composer.press("Enter");
    const id = await conversationWith(demo.api, text);
    return { page, w, frames, id };
  }

  async function openIn(page, id) {
    await page.locator(`[data-testid=conversation-row][data-id="${id}"]`).getByRole("button").click();
    await page.getByTestId("message-log").getByTestId("message").first().waitFor();
  }

  it("a note reaches every agent's console live and never the visitor, not even after a reload", async () => {
    const visitor = await visitorWho("Where is order 77?");
    const sara = await newPage(demo.browser, { echo: false });
    await signInConsole(sara, demo.server);
    await otherAgent(demo.server, { email: "omid@example.test", name: "Omid", password: "omid's long password" });
    const omid = await newPage(demo.browser, { echo: false });
    await signInConsole(omid, demo.server, { email: "omid@example.test", password: "omid's long password" });
    await openIn(sara, visitor.id);
    await openIn(omid, visitor.id);

    const secret = "VIP customer: refund without asking, case 4471";
    const reply = sara.getByRole("textbox", { name: "Reply" });
    await reply.fill(secret);
    await sara.getByRole("button", { name: "Add internal note" }).click();
    const note = sara.getByTestId("note");
    await note.getByText(secret).waitFor();
    assert.match(await note.textContent(), /Internal note · Sara/);
    assert.equal(await reply.inputValue(), "", "the box is empty for the reply");
    await omid.getByTestId("note").getByText(secret).waitFor();
    await axe(sara, "the console with a note");

    // A reply after it reaches the visitor: their connection was live all along.
    await reply.fill("Checking now.");
    await reply.press("Enter");
    await visitor.page.locator("salam-chat").getByText("Checking now.").waitFor();
    assert.ok(visitor.frames.some((f) => f.includes("Checking now.")));
    assert.deepEqual(visitor.frames.filter((f) => f.includes("4471")), [], "no frame carries the note");
    await visitor.page.reload();
    await new Widget(visitor.page).ready();
    await new Widget(visitor.page).open();
    await visitor.page.locator("salam-chat").getByText("Checking now.").waitFor();
    assert.deepEqual(visitor.frames.filter((f) => f.includes("4471")), [], "nor the replay after a reload");
    assert.ok(!(await new Widget(visitor.page).messages()).some((m) => m.includes("4471")));
    assert.ok(!(await demo.api.messages(visitor.id)).some((m) => m.text.includes("4471")), "not a message");
    // The note stays in its place for the team: after the visitor's question, before the reply.
    await sara.reload();
    await openIn(sara, visitor.id);
    await sara.getByTestId("note").waitFor();
    const order = await sara.getByTestId("message-log").locator(".msg__text").allTextContents();
    assert.ok(order.indexOf(secret) > order.indexOf("Where is order 77?") && order.indexOf(secret) < order.indexOf("Checking now."), order.join(" | "));
    for (const p of [sara, omid, visitor.page]) assert.deepEqual(p.problems, []);
  });

  it("a canned reply saved under /refund is offered as it is typed; by keyboard it fills the reply, which the visitor gets", async () => {
    const visitor = await visitorWho("I want my money back");
    const sara = await newPage(demo.browser, { echo: false });
    await signInConsole(sara, demo.server);
    // Saved in Team & tokens; a bad shortcut is refused and what was typed stays.
    await sara.getByRole("button", { name: "Team & tokens" }).click();
    const shortcut = sara.getByRole("textbox", { name: "Shortcut" });
    const text = "Refunds reach your card within 5 working days. مرسی!";
    await shortcut.fill("re fund");
    await sara.getByRole("textbox", { name: "Text", exact: true }).fill(text);
    await sara.getByRole("button", { name: "Save" }).click();
    await sara.getByText("A shortcut is 1 to 32 letters, digits, - or _ (such as refund).").waitFor();
    assert.equal(await sara.getByRole("textbox", { name: "Text", exact: true }).inputValue(), text);
    await shortcut.fill("/refund");
    await sara.getByRole("button", { name: "Save" }).click();
    await sara.getByTestId("canned-entry").filter({ hasText: "/refund" }).waitFor();
    await sara.getByRole("button", { name: "Back to conversations" }).click();

    await openIn(sara, visitor.id);
    const reply = sara.getByRole("textbox", { name: "Reply" });
    await reply.focus();
    await sara.keyboard.type("/ref");
    const offered = sara.getByTestId("canned-suggestion");
    await offered.first().waitFor();
    assert.match(await offered.first().textContent(), /\/refund.*Refunds reach your card/);
    assert.match(await sara.locator("#canned-count").textContent(), /^Canned replies: 1\. Press Down to choose\.$/);
    await axe(sara, "the console offering a canned reply");
    await sara.keyboard.press("ArrowDown");
    assert.equal(await sara.evaluate(() => document.activeElement.dataset.testid), "canned-suggestion");
    await sara.keyboard.press("Enter");
    assert.equal(await reply.inputValue(), text);
    assert.equal(await sara.evaluate(() => document.activeElement.id), "reply", "back in the reply box");
    await sara.keyboard.press("Enter");
    await visitor.page.locator("salam-chat").getByText(text).waitFor();

    // "/ref" and Enter alone takes the reply too: a shortcut is never sent as it stands.
    await reply.fill("");
    await sara.keyboard.type("/ref");
    await offered.first().waitFor();
    await sara.keyboard.press("Enter");
    assert.equal(await reply.inputValue(), text);
    assert.ok(!(await demo.api.messages(visitor.id)).some((m) => m.text.startsWith("/")));
    assert.deepEqual(sara.problems.filter((p) => !p.includes("status of 400")), [], "only the bad shortcut's refusal");
  });
});
