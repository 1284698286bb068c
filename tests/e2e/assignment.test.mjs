// Presence and assignment with two real agent consoles: new conversations
// go round-robin to the online agents under their capacity (1 here) or
// wait unassigned; a transfer frees room for the waiting one; each agent
// sees who has a conversation and who is typing a reply; a console left
// idle says its agent is away.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { Widget, conversationWith, launchBrowser, newPage, otherAgent, serverApi, signInConsole, startDemoServer } from "./harness.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

describe("presence and assignment", () => {
  let server, browser, api;
  before(async () => {
    server = await startDemoServer({ extra: ["--capacity", "1"] });
    browser = await launchBrowser();
    api = serverApi(server);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function visitorSays(text) {
    const page = await newPage(browser, { echo: false });
    await page.goto(server.url + "/");
    const w = new Widget(page);
    await w.ready();
    await w.open();
    await w.composer.fill(text);
    await w.composer.press("Enter");
    return conversationWith(api, text);
  }

  const row = (page, id) => page.locator(`[data-testid=conversation-row][data-id="${id}"]`);

  it("round-robin under capacity, the queue, transfers, and who is typing a reply", async () => {
    const sara = await newPage(browser, { echo: false });
    await signInConsole(sara, server);
    await otherAgent(server, { email: "omid@example.test", name: "Omid", password: "omid's long password" });
    const omid = await newPage(browser, { echo: false });
    await signInConsole(omid, server, { email: "omid@example.test", password: "omid's long password" });
    // Both consoles said "online" on signing in.
    const first = await visitorSays("first visitor");
    await row(sara, first).getByTestId("row-assignee").getByText(/^Assigned to (you|Omid)$/).waitFor();
    const second = await visitorSays("second visitor");
    const third = await visitorSays("third visitor");
    const owner = async (id) => (await api.conversations()).find((c) => c.id === id).assignee?.[1] ?? null;
    await row(sara, third).waitFor();
    const owners = [await owner(first), await owner(second)];
    assert.deepEqual([...owners].sort(), ["Omid", "Sara"], "one each");
    assert.equal(await owner(third), null, "nobody has room: the third waits");
    await row(omid, third).getByTestId("row-assignee").getByText("Unassigned").waitFor();

    // Omid types in his conversation; Sara, reading it, sees that.
    const omids = owners[0] === "Omid" ? first : second;
    const saras = omids === first ? second : first;
    await row(omid, omids).getByRole("button").click();
    await row(sara, omids).getByRole("button").click();
    await omid.getByRole("textbox", { name: "Reply" }).pressSequentially("On it");
    await sara.getByTestId("agent-typing").getByText("Omid is typing a reply…").waitFor();
    await sara.evaluate(axeSource);
    const results = await sara.evaluate(() => axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    }));
    assert.deepEqual(results.violations.map((v) => v.id), [], "the console with assignment and another agent typing");

    // Sara gives hers to Omid by keyboard; with room again, the queue's next is hers.
    await row(sara, saras).getByRole("button").click();
    const assign = sara.getByRole("combobox", { name: "Assigned to" });
    await assign.focus();
    await assign.selectOption({ label: "Omid" });
    await row(omid, saras).getByTestId("row-assignee").getByText("Assigned to you").waitFor();
    await row(sara, third).getByTestId("row-assignee").getByText("Assigned to you").waitFor();
    assert.equal(await owner(third), "Sara");
    // Back to the queue: the queue gives it to the one agent with room, Sara again.
    await row(sara, third).getByRole("button").click();
    await sara.getByRole("combobox", { name: "Assigned to" }).selectOption({ label: "Nobody (the queue)" });
    await row(omid, third).getByTestId("row-assignee").getByText("Assigned to Sara").waitFor();
    // Omid claims it in one click (a claim is a person's choice: no capacity holds it back).
    await row(omid, third).getByRole("button").click();
    await omid.getByRole("button", { name: "Claim" }).click();
    await row(omid, third).getByTestId("row-assignee").getByText("Assigned to you").waitFor();
    await row(sara, third).getByTestId("row-assignee").getByText("Assigned to Omid").waitFor();
    assert.equal(await omid.getByRole("button", { name: "Claim" }).isVisible(), false, "nothing to claim: it is his");
    for (const p of [sara, omid]) assert.deepEqual(p.problems, []);
  });

  it("a console left idle says its agent is away, and online again on return", async () => {
    const page = await newPage(browser, { echo: false });
    await page.context().addInitScript(() => localStorage.setItem("salam-agent-idle-ms", "1500"));
    await signInConsole(page, server);
    const presence = page.getByRole("combobox", { name: "Status" });
    assert.equal(await presence.inputValue(), "online");
    await page.waitForFunction(() => document.getElementById("presence").value === "away", null, { timeout: 10000 });
    await page.keyboard.press("Shift");
    await page.waitForFunction(() => document.getElementById("presence").value === "online", null, { timeout: 10000 });
    assert.deepEqual(page.problems, []);
  });
});
