// The JS bridge transport, with the example adapter from the README, run
// exactly as written there.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Widget, newPage, root, useDemo } from "./harness.mjs";

const readme = readFileSync(join(root, "README.md"), "utf8");
const example = /<!-- bridge-example -->\s*```js\n([\s\S]*?)```/.exec(readme)?.[1];

describe("JS bridge transport", () => {
  const demo = useDemo();

  it("the README's example adapter converses through the widget", async () => {
    assert.ok(example, "README.md has the bridge example");
    const page = await newPage(demo.browser, { echo: false });
    await page.addInitScript({ content: example });
    await page.goto(demo.server.url + "/");
    const w = new Widget(page);
    await w.ready();
    await w.open();
    await w.composer.fill("What does it cost?");
    await w.composer.press("Enter");
    await page.locator("salam-chat").getByText("Plans start at 9 € a month.").waitFor();
    assert.deepEqual(await w.messages(), ["What does it cost?", "Plans start at 9 € a month."]);
    const status = await page.evaluate(() =>
      document.querySelector("salam-chat").shadowRoot.querySelector(".salam-msg-visitor .salam-status").textContent);
    assert.equal(status, "Sent");
    const author = await page.evaluate(() =>
      document.querySelector("salam-chat").shadowRoot.querySelector(".salam-msg-bot .salam-author").textContent);
    assert.equal(author, "Helper");
    assert.deepEqual(page.problems, []);
  });

  it("a missing bridge object falls back to the echo bot with one warning", async () => {
    const page = await newPage(demo.browser, { echo: false });
    await page.addInitScript(() => { window.salamSettings = { transport: "js" }; });
    await page.goto(demo.server.url + "/");
    await new Widget(page).ready();
    const warnings = page.warnings.filter((m) => m.includes("salamSettings.bridge"));
    assert.equal(warnings.length, 1, JSON.stringify(page.warnings));
  });
});
