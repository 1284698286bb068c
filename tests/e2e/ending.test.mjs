// Ending a chat well, on the real server: "Anything else?" when the agent
// resolves it, a rating on the owner's scale that may change until the
// comment is sent (reasons after a low score), stored and shown in the
// console; the panel's menu by keyboard; the conversation as a text file,
// as a web page with every text escaped, and by e-mail through a real SMTP
// server; "End chat" from the menu after a confirmation, in Persian.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Widget, axeWidget, conversationWith, ftl, newPage, plain, startSmtpSink, useDemo, signInConsole } from "./harness.mjs";

const violations = async (page) => (await axeWidget(page)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target + " " + n.failureSummary).join(" ")}`);

describe("ending a chat, rating it, and keeping it", () => {
  let smtp;
  before(async () => {
    smtp = await startSmtpSink();
  });
  const demo = useDemo(() => ({ extra: ["--smtp", smtp.url, "--mail-from", "Shop Support <help@shop.example>"] }));
  after(async () => {
    await smtp?.stop();
  });

  async function visit(settings = null, options = {}) {
    const page = await newPage(demo.browser, { echo: false, ...options });
    if (settings) await page.addInitScript((s) => { window.salamSettings = s; }, settings);
    await page.goto(demo.server.url + "/");
    await page.waitForFunction(() => document.querySelector("salam-chat")?.dataset.salam === "ready", null, { timeout: 20000 });
    return page;
  }

  const info = async (id) => (await fetch(`${demo.server.url}/api/v1/agent/conversations/${id}/visitor`, {
    headers: { authorization: `Bearer ${demo.server.token}` },
  })).json();

  /** Polls the visitor info until `pred` holds (the frame may be on its way). */
  async function until(id, pred, what) {
    const deadline = Date.now() + 10000;
    for (;;) {
      const i = await info(id);
      if (pred(i)) return i;
      assert.ok(Date.now() < deadline, `${what}: ${JSON.stringify(i)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it("asks anything else when resolved, then a star rating with reasons that may change until sent", async () => {
    const page = await visit();
    const w = new Widget(page);
    await w.open();
    await w.composer.fill("Where is my order 51?");
    await w.composer.press("Enter");
    const id = await conversationWith(demo.api, "Where is my order 51?");
    await demo.api.reply(id, "On its way since Monday.");
    await w.log.getByText("On its way since Monday.").waitFor();

    // Resolved by the agent: asked, politely, without moving the focus.
    await demo.api.status(id, "resolved");
    const status = page.locator(".salam-ending-status");
    await status.getByText("Is there anything else we can help you with?").waitFor();
    assert.equal(await status.getAttribute("role"), "status");
    assert.equal(await w.focused(), "salam-input", "the focus stayed in the composer");
    assert.deepEqual(await violations(page), [], "anything else?");
    // Yes: back to the chat, and writing reopens it.
    await page.getByRole("button", { name: "Yes", exact: true }).click();
    assert.equal(await status.isVisible(), false);
    assert.equal(await w.focused(), "salam-input");
    await w.composer.fill("And the invoice?");
    await w.composer.press("Enter");
    await w.log.getByText("Sent").last().waitFor();
    assert.equal((await demo.api.conversations()).find((c) => c.id === id).status, "open");

    // Resolved again; no: the rating, its first choice focused.
    await demo.api.status(id, "resolved");
    await page.getByRole("button", { name: "No, that's all" }).click();
    const scale = page.getByRole("group", { name: "How was this chat?" });
    await scale.waitFor();
    assert.equal(await w.composer.isVisible(), false, "the rating takes the composer's place");
    assert.ok(await scale.getByRole("radio", { name: /^\u20681\u2069 star$/ }).evaluate((el) => el.getRootNode().activeElement === el));
    assert.deepEqual(await violations(page), [], "the rating prompt");
    // By keyboard: Space picks one star, the arrow moves to two: a low score asks why.
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowRight");
    assert.equal(await scale.getByRole("radio", { name: /^\u20682\u2069 stars$/ }).isChecked(), true);
    const reasons = page.getByRole("group", { name: "What went wrong?" });
    await reasons.waitFor();
    assert.equal(await scale.locator(".salam-lit").count(), 2, "two stars lit");
    await reasons.getByRole("checkbox", { name: "It took too long" }).check();
    assert.deepEqual(await violations(page), [], "the rating with its reasons");
    await until(id, (i) => i.rating?.score === 2 && i.rating.reasons?.[0] === "slow", "the low score and its reason");
    // The next page asks the same, with the score and the reason as they stood.
    await page.reload();
    await w.ready();
    await w.open();
    await scale.waitFor();
    assert.equal(await scale.getByRole("radio", { name: /^\u20682\u2069 stars$/ }).isChecked(), true);
    assert.equal(await scale.locator(".salam-lit").count(), 2, "two stars lit again");
    assert.equal(await reasons.getByRole("checkbox", { name: "It took too long" }).isChecked(), true);
    assert.equal(await w.composer.isVisible(), false);
    // A better score hides the reasons; going back finds them ticked.
    await scale.locator("label").nth(3).click();
    await reasons.waitFor({ state: "hidden" });
    await until(id, (i) => i.rating?.score === 4 && !(i.rating.reasons || []).length, "the changed score");
    await scale.locator("label").nth(1).click();
    assert.equal(await reasons.getByRole("checkbox", { name: "It took too long" }).isChecked(), true);
    await page.getByLabel("Anything you'd like to add? (optional)").fill("Too slow today.");
    await page.locator(".salam-ending").getByRole("button", { name: "Send" }).click();
    await status.getByText("Thank you for your feedback!").waitFor();
    assert.equal(await w.composer.isVisible(), true);
    const rated = await until(id, (i) => i.rating?.done, "the sent rating");
    assert.deepEqual([rated.rating.scale, rated.rating.score, rated.rating.reasons, rated.rating.comment], ["stars", 2, ["slow"], "Too slow today."]);

    // The console shows it.
    const agent = await newPage(demo.browser, { echo: false });
    await signInConsole(agent, demo.server);
    await agent.locator(`[data-testid=conversation-row][data-id="${id}"]`).getByRole("button").click();
    const fact = (label) => agent.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]");
    await fact("Rating").waitFor();
    assert.equal(await fact("Rating").textContent(), "2 of 5 stars");
    assert.equal(await fact("What went wrong").textContent(), "Took too long");
    assert.equal(await fact("Comment").textContent(), "Too slow today.");
    // The list says it too, and its filter finds rated chats.
    const row = agent.locator(`[data-testid=conversation-row][data-id="${id}"]`);
    assert.equal(await row.getByTestId("row-rating").textContent(), "Rated: 2 of 5 stars");
    await agent.getByLabel("Show").selectOption("rated");
    await row.waitFor();
    await agent.getByLabel("Show").selectOption("open");
    await row.waitFor({ state: "hidden" });
    await agent.addScriptTag({ path: createRequire(import.meta.url).resolve("axe-core/axe.min.js") });
    const consoleAxe = await agent.evaluate(() => axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    }));
    assert.deepEqual(consoleAxe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), [], "the console with a rating");
    assert.deepEqual([...page.problems, ...agent.problems], []);
  });

  it("the menu by keyboard; the conversation as a file, as a page and by e-mail", async () => {
    const page = await visit();
    const w = new Widget(page);
    await w.open();
    const said = `<b>bold</b> & "quoted" <script>window.__x=1</script>`;
    await w.composer.fill(said);
    await w.composer.press("Enter");
    const id = await conversationWith(demo.api, said);
    await demo.api.reply(id, "Noted.\nSecond line.");
    await w.log.getByText("Second line.").waitFor();

    const more = page.getByRole("button", { name: "More options" });
    await more.focus();
    await page.keyboard.press("Enter");
    assert.equal(await more.getAttribute("aria-expanded"), "true");
    const item = (name) => page.getByRole("button", { name, exact: true });
    assert.ok(await item("Your conversations").evaluate((el) => el.getRootNode().activeElement === el), "the first item has focus");
    for (const name of ["Leave a message", "Download this conversation (text)", "Download this conversation (web page)", "E-mail me this conversation", "End chat"]) {
      await page.keyboard.press("Tab");
      assert.ok(await item(name).evaluate((el) => el.getRootNode().activeElement === el), `Tab reaches ${name}`);
    }
    assert.deepEqual(await violations(page), [], "the menu");
    await page.keyboard.press("Escape");
    assert.equal(await more.getAttribute("aria-expanded"), "false");
    assert.ok(await more.evaluate((el) => el.getRootNode().activeElement === el), "Escape returns to the button");
    await w.panel.waitFor({ state: "visible" });

    // As text: who wrote what, as written.
    await more.click();
    const [text] = await Promise.all([page.waitForEvent("download"), item("Download this conversation (text)").click()]);
    assert.equal(text.suggestedFilename(), "Our conversation.txt");
    const body = readFileSync(await text.path(), "utf8");
    assert.match(body, /^Our conversation\n\nYou · .+\n<b>bold<\/b> & "quoted" <script>window.__x=1<\/script>\n\nSara · .+\nNoted.\nSecond line.\n$/);
    assert.equal(await more.getAttribute("aria-expanded"), "false", "choosing closes the menu");

    // As a web page: every text escaped; opened, it shows the words and runs nothing.
    await more.click();
    const [html] = await Promise.all([page.waitForEvent("download"), item("Download this conversation (web page)").click()]);
    assert.equal(html.suggestedFilename(), "Our conversation.html");
    const source = readFileSync(await html.path(), "utf8");
    assert.ok(source.includes("&lt;b&gt;bold&lt;/b&gt; &amp; \"quoted\" &lt;script&gt;"), source);
    const viewer = await newPage(demo.browser, { echo: false });
    await viewer.setContent(source);
    assert.equal(await viewer.evaluate(() => window.__x), undefined);
    assert.equal(await viewer.locator("li p").first().textContent(), said);
    assert.equal(await viewer.locator("html").getAttribute("lang"), "en");

    // By e-mail: an error next to the field, then the mail.
    await more.click();
    await item("E-mail me this conversation").click();
    const form = page.getByRole("form", { name: "E-mail me this conversation" });
    await form.waitFor();
    assert.equal(await w.composer.isVisible(), false);
    await form.getByRole("button", { name: "Send" }).click();
    const field = form.getByLabel("E-mail", { exact: true });
    assert.equal(await field.getAttribute("aria-invalid"), "true");
    assert.deepEqual(await violations(page), [], "the e-mail form showing its error");
    await field.fill("visitor@example.com");
    await form.getByRole("button", { name: "Send" }).click();
    await page.locator(".salam-ticket-status").getByText(/visitor@example\.com/).waitFor();
    assert.equal(plain(await page.locator(".salam-ticket-status").textContent()), "This conversation is on its way to visitor@example.com.");
    const mail = await smtp.waitFor((m) => m.envelope_to.includes("visitor@example.com"), "the transcript");
    assert.equal(mail.subject, "Your conversation with us");
    assert.ok(mail.body.includes(said) && /Noted\.\r?\nSecond line\./.test(mail.body), mail.body);
    assert.deepEqual([...page.problems, ...viewer.problems], []);
  });

  it("ends the chat from the menu after a confirmation, rated with thumbs, right to left in Persian", async () => {
    const page = await visit({ rating: "thumbs" }, { locale: "fa-IR" });
    await page.getByRole("button", { name: "گفتگو با ما" }).click();
    const composer = page.locator("textarea.salam-input");
    await composer.fill("سلام، سؤالی داشتم");
    await composer.press("Enter");
    const id = await conversationWith(demo.api, "سلام، سؤالی داشتم");
    await page.getByRole("button", { name: ftl("fa", "menu-label") }).click();
    await page.getByRole("button", { name: ftl("fa", "menu-end"), exact: true }).click();
    const ending = page.locator(".salam-ending");
    await ending.getByText(ftl("fa", "end-confirm")).waitFor();
    const confirm = ending.getByRole("button", { name: ftl("fa", "end-confirm-yes") });
    assert.ok(await confirm.evaluate((el) => el.getRootNode().activeElement === el), "the confirmation has focus");
    assert.equal(await ending.evaluate((e) => getComputedStyle(e).direction), "rtl");
    assert.deepEqual(await violations(page), [], "the confirmation, in Persian");
    // Cancel changes nothing; confirm ends it.
    await ending.getByRole("button", { name: ftl("fa", "ticket-cancel") }).click();
    assert.equal(await ending.isVisible(), false);
    assert.equal((await demo.api.conversations()).find((c) => c.id === id).status, "open");
    await page.getByRole("button", { name: ftl("fa", "menu-label") }).click();
    await page.getByRole("button", { name: ftl("fa", "menu-end"), exact: true }).click();
    await confirm.click();
    const scale = page.getByRole("group", { name: ftl("fa", "rate-title") });
    await scale.waitFor();
    assert.equal(await scale.getByRole("radio").count(), 2, "thumbs: two choices");
    assert.deepEqual(await violations(page), [], "the thumbs rating, in Persian");
    await scale.locator("label").first().click();
    await page.getByRole("group", { name: ftl("fa", "rate-reasons") }).waitFor();
    await ending.getByRole("button", { name: ftl("fa", "rate-send") }).click();
    await page.locator(".salam-ending-status").getByText(ftl("fa", "rate-thanks")).waitFor();
    const done = await until(id, (i) => i.rating?.done, "the sent rating");
    assert.deepEqual([done.rating.scale, done.rating.score], ["thumbs", 1]);
    assert.equal((await demo.api.conversations()).find((c) => c.id === id).status, "resolved", "ended on the server");
    assert.deepEqual(page.problems, []);
  });
});
