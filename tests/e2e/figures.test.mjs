// The figures page of the real console over the real server's SQL: after
// real conversations, the numbers in the table, the charts, the CSV
// download (and its line in the audit log), a refused period, axe.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { Widget, conversationWith, newPage, signInConsole, useDemo } from "./harness.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

describe("figures", () => {
  const demo = useDemo();

  async function visitorSays(text) {
    const page = await newPage(demo.browser, { echo: false });
    await page.goto(demo.server.url + "/");
    const w = new Widget(page);
    await w.ready();
    await w.open();
    await w.composer.fill(text);
    await w.composer.press("Enter");
    return conversationWith(demo.api, text);
  }

  it("shows the period's figures as charts and tables, by day and by agent, and downloads them as CSV", async () => {
    const answered = await visitorSays("Where is my parcel?");
    await visitorSays("Anyone there?");
    await demo.api.reply(answered, "It ships today.");
    await demo.api.status(answered, "resolved");

    const page = await newPage(demo.browser, { echo: false, acceptDownloads: true });
    await signInConsole(page, demo.server);
    await page.getByRole("button", { name: "Figures" }).click();
    await page.getByRole("heading", { name: "Figures", level: 2 }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), "figures-title");
    const overall = page.getByTestId("figures-overall");
    await overall.getByText("Conversations").waitFor();
    assert.equal(await page.getByTestId("figure-conversations").textContent(), "2");
    assert.equal(await page.getByTestId("figure-tickets").textContent(), "0");
    assert.match(await page.getByTestId("figure-mean-first-response").textContent(), /^\d+ s$|^\d+ min/);
    assert.equal(await page.getByTestId("figure-csat").textContent(), "No ratings");
    // By agent: Sara answered one (and so took it); signing in online, the queue gave her the other.
    const agents = await page.getByTestId("figures-agents").locator("tbody tr").allTextContents();
    assert.equal(agents.length, 1, agents.join(" | "));
    assert.match(agents[0], /^Sara20\d+ s/);
    // By day: today's row has both; the chart draws a bar per day and series, each with its title.
    const today = new Date().toISOString().slice(0, 10);
    const todayRow = page.getByTestId("figures-days").locator("tbody tr").filter({ hasText: today });
    assert.match(await todayRow.textContent(), new RegExp(`^${today}20`));
    assert.equal(await page.getByTestId("figures-days").locator("tbody tr").count(), 7, "the last 7 days");
    assert.equal(await page.getByTestId("chart-volume").locator("rect.bar").count(), 14);
    assert.ok(await page.getByTestId("chart-volume").locator("title").filter({ hasText: `${today}: Conversations 2` }).count());
    await page.evaluate(axeSource);
    const results = await page.evaluate(() => axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    }));
    assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`), [], "the figures page");

    // The CSV: what the table says.
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV" }).click();
    const file = await downloading;
    assert.match(file.suggestedFilename(), /^salam-figures-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/);
    const csv = readFileSync(await file.path(), "utf8").trim().split("\n");
    assert.equal(csv[0], "row,label,conversations,tickets,answered,first_response_seconds,resolved,resolution_seconds,rated,satisfied,csat_percent");
    assert.match(csv[1], /^overall,all,2,0,1,\d+,1,\d+,0,0,$/);
    assert.ok(csv.some((l) => l.startsWith("agent,Sara,2,0,1,")), csv.join("\n"));
    assert.ok(csv.some((l) => l.startsWith(`day,${today},2,0,1,`)), csv.join("\n"));

    // A period that ends before it starts is refused, with the reason.
    await page.getByLabel("First day").fill("2030-01-02");
    await page.getByLabel("Last day").fill("2030-01-01");
    await page.getByLabel("Last day").press("Enter");
    await page.getByRole("alert").getByText(/Give the first and last day as YYYY-MM-DD/).waitFor();

    // The export is in the audit log.
    await page.getByRole("button", { name: "Team & tokens" }).click();
    await page.getByTestId("audit-entry").filter({ hasText: "Exported" }).waitFor();
    assert.deepEqual(page.problems.filter((p) => !p.includes("status of 400")), [], "only the refused period");
  });
});
