// The agent console in Persian and Arabic, right to left, against the real
// server: its texts from locales/<lang>/console.ftl, the sign-in page, a
// conversation and the figures page, each checked by axe-core; the
// language chosen by keyboard from the menu.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AGENT_EMAIL, AGENT_PASSWORD, Widget, conversationWith, newPage, plain, root, useDemo } from "./harness.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Message `id` of the console's texts in `lang`, placeables filled from `args`. */
function text(lang, id, args = {}) {
  const m = new RegExp(`^${id} = (.*)$`, "m").exec(readFileSync(join(root, "locales", lang, "console.ftl"), "utf8"));
  if (!m) throw new Error(`${lang}/console.ftl has no ${id}`);
  return m[1].trim().replace(/\{ \$(\w+) \}/g, (_, k) => args[k]);
}

async function axe(page, what) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() => axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
  }));
  assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`), [], what);
}

describe("the console in Persian and Arabic", () => {
  const demo = useDemo();

  it("a Persian browser gets the console in Persian, right to left: sign-in, a conversation, the figures", async () => {
    const visitor = await newPage(demo.browser, { echo: false });
    await visitor.goto(demo.server.url + "/");
    const w = new Widget(visitor);
    await w.ready();
    await w.open();
    await w.composer.fill("سلام، سفارشم کجاست؟");
    await w.composer.press("Enter");
    const id = await conversationWith(demo.api, "سلام، سفارشم کجاست؟");

    const page = await newPage(demo.browser, { echo: false, locale: "fa-IR" });
    await page.goto(`${demo.server.url}/agent/`);
    await page.getByRole("heading", { name: text("fa", "sign-in") }).waitFor();
    assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ["fa", "rtl"]);
    assert.equal(await page.title(), text("fa", "page-title"));
    await axe(page, "the sign-in page in Persian");
    await page.getByRole("textbox", { name: text("fa", "e-mail-address") }).fill(AGENT_EMAIL);
    await page.getByLabel(text("fa", "password"), { exact: true }).fill(AGENT_PASSWORD);
    await page.getByLabel(text("fa", "password"), { exact: true }).press("Enter");
    await page.getByRole("heading", { name: text("fa", "conversations") }).waitFor();

    // The list sits on the right, the conversation on its left.
    await page.locator(`[data-testid=conversation-row][data-id="${id}"]`).getByRole("button").click();
    await page.getByTestId("message-log").getByText("سلام، سفارشم کجاست؟").waitFor();
    const [list, view] = await Promise.all(["nav.sidebar", "#view"].map((s) => page.locator(s).boundingBox()));
    assert.ok(list.x > view.x, `the list is on the right (${list.x} > ${view.x})`);
    assert.equal(await page.getByRole("button", { name: text("fa", "add-internal-note") }).count(), 1);
    await axe(page, "a conversation in Persian");

    await page.getByRole("button", { name: text("fa", "figures") }).click();
    await page.getByRole("heading", { name: text("fa", "figures"), level: 2 }).waitFor();
    await page.getByTestId("figure-conversations").getByText("۱").waitFor();
    await axe(page, "the figures in Persian");
    assert.deepEqual(page.problems, []);
  });

  it("the language menu, by keyboard, switches to Arabic and it stays", async () => {
    const page = await newPage(demo.browser, { echo: false });
    await page.goto(`${demo.server.url}/agent/`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    const menu = page.getByRole("combobox", { name: "Language" });
    await menu.focus();
    await Promise.all([page.waitForEvent("load"), menu.selectOption("ar")]);
    await page.getByRole("heading", { name: text("ar", "sign-in") }).waitFor();
    assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ["ar", "rtl"]);
    await page.reload();
    await page.getByRole("heading", { name: text("ar", "sign-in") }).waitFor();
    await page.getByRole("textbox", { name: text("ar", "e-mail-address") }).fill(AGENT_EMAIL);
    await page.getByLabel(text("ar", "password"), { exact: true }).fill("wrong password");
    await page.getByLabel(text("ar", "password"), { exact: true }).press("Enter");
    // The server's own refusal is in English; the console's texts around it are Arabic.
    await page.getByRole("alert").filter({ hasText: /\S/ }).waitFor();
    await axe(page, "the sign-in page in Arabic, with an error");
    assert.ok(plain(await page.getByRole("button", { name: text("ar", "sign-in") }).textContent()).length > 0);
  });
});
