// The pre-chat form: the owner's fields before the first message, each
// error next to its field, nothing typed lost, never asked again for what
// is known (an earlier form, Salam('identify')); the console gets the answers.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Widget, axeWidget, conversationWith, newPage, useDemo, signInConsole } from "./harness.mjs";

const FORM = { fields: [
  { id: "name", required: true },
  { id: "email", type: "email", required: true },
  { id: "topic", type: "select", label: { en: "Topic", fa: "موضوع" }, required: true,
    options: [{ value: "billing", label: { en: "Billing", fa: "صورتحساب" } }, { value: "tech", label: { en: "Technical", fa: "فنی" } }] },
  { id: "order", label: { en: "Order number", fa: "شماره سفارش" } },
  { id: "terms", type: "checkbox", label: { en: "I accept the terms", fa: "شرایط را می‌پذیرم" }, required: true },
] };

describe("pre-chat form", () => {
  const demo = useDemo();

  async function visit(settings, options = {}) {
    const page = await newPage(demo.browser, { echo: false, ...options });
    await page.addInitScript((s) => { window.salamSettings = s; }, settings);
    await page.goto(demo.server.url + "/");
    return page;
  }

  const errorOf = (page, label) => page.getByLabel(label, { exact: true }).evaluate((el) =>
    [el.getAttribute("aria-invalid"), el.getRootNode().getElementById(el.getAttribute("aria-describedby") || "")?.textContent ?? null]);

  it("errors sit next to their fields, nothing typed is lost, and the answers reach the console", async () => {
    const page = await visit({ prechat: FORM });
    const w = new Widget(page);
    await w.ready();
    await w.open();
    const form = page.getByRole("form", { name: "Before we start" });
    await form.waitFor();
    assert.equal(await w.composer.count(), 0, "no composer until the form is sent");
    const axeForm = await axeWidget(page);
    assert.deepEqual(axeForm.violations.map((v) => v.id), [], "the form");

    await page.getByRole("button", { name: "Start the chat" }).click();
    assert.deepEqual(await errorOf(page, "Name"), ["true", "This is required."]);
    assert.deepEqual(await errorOf(page, "Topic"), ["true", "This is required."]);
    assert.deepEqual(await errorOf(page, "I accept the terms"), ["true", "This is required."]);
    assert.deepEqual(await errorOf(page, "Order number (optional)"), ["false", null], "optional");
    assert.equal(await w.focused(), "salam-field-input", "the first field with an error has focus");
    assert.ok(await page.getByLabel("Name", { exact: true }).evaluate((el) => el.getRootNode().activeElement === el), "the first field with an error has focus: Name");
    const axeErrors = await axeWidget(page);
    assert.deepEqual(axeErrors.violations.map((v) => v.id), [], "the form showing errors");

    await page.getByLabel("Name", { exact: true }).fill("Maryam Karimi");
    await page.getByLabel("E-mail", { exact: true }).fill("maryam@example");
    await page.getByRole("button", { name: "Start the chat" }).click();
    assert.deepEqual(await errorOf(page, "E-mail"), ["true", "Enter an e-mail address like name@example.com."]);
    assert.deepEqual(await errorOf(page, "Name"), ["false", null]);
    assert.equal(await page.getByLabel("Name", { exact: true }).inputValue(), "Maryam Karimi", "kept");

    // By keyboard from here.
    await page.getByLabel("E-mail", { exact: true }).fill("maryam@example.com");
    await page.getByLabel("Topic", { exact: true }).selectOption("tech");
    await page.getByLabel("I accept the terms", { exact: true }).focus();
    await page.keyboard.press("Space");
    await page.getByRole("button", { name: "Start the chat" }).focus();
    await page.keyboard.press("Enter");
    await w.composer.waitFor();
    await w.composer.fill("My invoice is wrong");
    await w.composer.press("Enter");
    await w.log.getByText("Sent").waitFor();
    const conversation = await conversationWith(demo.api, "My invoice is wrong");
    const info = await (await fetch(`${demo.server.url}/api/v1/agent/conversations/${conversation}/visitor`, {
      headers: { authorization: `Bearer ${demo.server.token}` },
    })).json();
    assert.deepEqual(info.prechat, { email: "maryam@example.com", name: "Maryam Karimi", terms: "true", topic: "tech" });
    // Beside the conversation in the console.
    const agent = await newPage(demo.browser, { echo: false });
    await signInConsole(agent, demo.server);
    await agent.locator(`[data-testid=conversation-row][data-id="${conversation}"]`).getByRole("button").click();
    const facts = agent.getByTestId("visitor");
    await facts.getByText("Pre-chat: topic").waitFor();
    assert.equal(await facts.getByText("maryam@example.com", { exact: true }).count(), 1);
    assert.deepEqual(agent.problems, []);

    // The next page does not ask again.
    await page.reload();
    await w.ready();
    await w.open();
    await w.composer.waitFor();
    assert.equal(await page.getByRole("form", { name: "Before we start" }).count(), 0);
    assert.deepEqual(page.problems, []);
  });

  it("what identify told is not asked; right to left in Persian", async () => {
    const page = await newPage(demo.browser, { echo: false, locale: "fa-IR" });
    await page.addInitScript((form) => {
      window.salamSettings = { prechat: form };
      window.Salam = window.Salam || function () { (Salam.q = Salam.q || []).push(arguments); };
      Salam("identify", { user_id: "u7", name: "سارا", email: "sara@example.com" });
    }, FORM);
    await page.goto(demo.server.url + "/");
    await page.waitForFunction(() => document.querySelector("salam-chat")?.dataset.salam === "ready", null, { timeout: 20000 });
    await page.getByRole("button", { name: "گفتگو با ما" }).click();
    await page.getByLabel("موضوع", { exact: true }).waitFor();
    assert.equal(await page.locator(".salam-p input[type=email]").count(), 0, "the e-mail is known");
    assert.equal(await page.locator(".salam-p input[autocomplete=name]").count(), 0, "the name is known");
    assert.equal(await page.locator(".salam-p").evaluate((f) => getComputedStyle(f).direction), "rtl");
    await page.locator(".salam-p .salam-form-submit").click();
    const axe = await axeWidget(page);
    assert.deepEqual(axe.violations.map((v) => v.id), [], "the form showing errors, in Persian");
    assert.deepEqual(page.problems, []);

    // With only name and e-mail asked, identify leaves nothing to ask: no form.
    const plain = await newPage(demo.browser, { echo: false });
    await plain.addInitScript(() => {
      window.salamSettings = { prechat: true };
      window.Salam = window.Salam || function () { (Salam.q = Salam.q || []).push(arguments); };
      Salam("identify", { user_id: "u8", name: "Omid", email: "omid@example.com" });
    });
    await plain.goto(demo.server.url + "/");
    const w = new Widget(plain);
    await w.ready();
    await w.open();
    await w.composer.waitFor();
    assert.equal(await plain.getByRole("form").count(), 0, "no form");
    assert.deepEqual(plain.problems, []);
  });
});
