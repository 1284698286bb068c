// "Your conversations": the visitor's chats and messages left, newest first,
// with status, a preview and unread in bold; one opened by keyboard to read
// and reply; "New conversation"; the same list for a verified user in
// another browser; Persian, right to left; the HTTP+SSE transport sends
// into the conversation that shows. Real server, real Chromium.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { Widget, axeWidget, conversationWith, ftl, newPage, plain, useDemo } from "./harness.mjs";

const SECRET = "threads-test-secret";
const hash = (userId) => createHmac("sha256", SECRET).update(userId).digest("hex");

describe("the visitor's conversations", () => {
  const demo = useDemo({ extra: ["--identity-secret", SECRET] });

  /** A page in a fresh browser context (another browser), with these
   * settings and, if given, identified before load; its panel open. */
  async function visit({ identity, settings, ...options } = {}) {
    const page = await newPage(demo.browser, { echo: false, ...options });
    await page.addInitScript(([who, s]) => {
      if (s) window.salamSettings = s;
      window.Salam = window.Salam || function () { (Salam.q = Salam.q || []).push(arguments); };
      if (who) Salam("identify", who);
    }, [identity, settings]);
    await page.goto(demo.server.url + "/");
    const w = new Widget(page);
    await w.ready();
    await w.open();
    return { page, w };
  }

  async function say(w, text) {
    await w.composer.fill(text);
    await w.composer.press("Enter");
    await w.log.getByText(text).waitFor();
    return conversationWith(demo.api, text);
  }

  async function openList(page) {
    await page.getByRole("button", { name: "More options" }).click();
    await page.getByRole("button", { name: "Your conversations", exact: true }).click();
    const list = page.getByRole("region", { name: "Your conversations" });
    await list.waitFor();
    return list;
  }

  /** Each row of the list once the server's answer is in: [text, meta, bold, current]. */
  async function rows(page) {
    await page.locator(".salam-thread-list[aria-busy=false]").waitFor();
    return page.locator(".salam-thread").evaluateAll((buttons) => buttons.map((b) => [
      b.querySelector(".salam-thread-text").textContent,
      b.querySelector(".salam-thread-meta").textContent.replace(/[\u2068\u2069]/g, ""),
      getComputedStyle(b.querySelector(".salam-thread-text")).fontWeight === "700",
      b.getAttribute("aria-current") === "true",
    ]));
  }

  const maryam = { user_id: "u_7", name: "Maryam Karimi", email: "maryam@example.com", user_hash: hash("u_7") };

  it("lists chats and requests newest first; opens one by keyboard to reply; starts a new one", async () => {
    const { page, w } = await visit({ identity: maryam });
    const first = await say(w, "Where is my order?");
    await demo.api.reply(first, "It ships tomorrow.");
    await w.log.getByText("It ships tomorrow.").waitFor();
    await demo.api.status(first, "resolved");

    // The list, in the chat's place: the heading has the focus.
    const list = await openList(page);
    assert.equal(await w.focused(), "salam-threads-title", "the heading has the focus");
    assert.equal(await w.log.isVisible(), false, "the chat is hidden");
    assert.equal(await w.composer.isVisible(), false);
    assert.deepEqual(await rows(page), [["It ships tomorrow.", `Solved · ${await rowTime(page, 0)}`, false, true]]);
    assert.deepEqual((await axeWidget(page)).violations.map((v) => v.id), [], "the list");

    // "New conversation": an empty chat, and the composer has the focus.
    await list.getByRole("button", { name: "New conversation" }).click();
    await composerFocused(page);
    assert.deepEqual(await w.messages(), [], "the new conversation is empty");
    const second = await say(w, "Do you ship to Norway?");
    assert.notEqual(second, first);
    assert.deepEqual((await demo.api.messages(first)).map((m) => m.text), ["Where is my order?", "It ships tomorrow."], "nothing went to the first");

    // A message left in it becomes a request with a reference; the team sets it pending.
    await page.getByRole("button", { name: "More options" }).click();
    await page.getByRole("button", { name: "Leave a message", exact: true }).click();
    const form = page.getByRole("form", { name: "Leave us a message" });
    await form.getByLabel("Name", { exact: true }).fill("Maryam Karimi");
    await form.getByLabel("Message", { exact: true }).fill("Please send the customs form.");
    await form.getByRole("button", { name: "Send" }).click();
    await page.locator(".salam-ticket-status").getByText(/#1001/).waitFor();
    const res = await fetch(`${demo.server.url}/api/v1/agent/conversations/${second}/ticket`, {
      method: "POST",
      headers: { authorization: `Bearer ${demo.server.token}`, "content-type": "application/json" },
      body: JSON.stringify({ status: "pending" }),
    });
    assert.ok(res.ok, `${res.status}`);
    // Meanwhile the team writes in the first: it is unread, and the newest.
    await demo.api.reply(first, "Your parcel left the warehouse.");

    await openList(page);
    const listed = await rows(page);
    assert.deepEqual(listed, [
      ["Your parcel left the warehouse.", `Solved · ${await rowTime(page, 0)} · 1 unread`, true, false],
      ["Please send the customs form.", `Waiting for your reply · ${await rowTime(page, 1)} · #1001`, false, true],
    ]);
    assert.deepEqual((await axeWidget(page)).violations.map((v) => v.id), [], "the list with an unread one");

    // By keyboard: from the heading, Tab to the first row, Enter opens it.
    assert.equal(await w.focused(), "salam-threads-title");
    await page.keyboard.press("Tab");
    assert.equal(await w.focused(), "salam-thread salam-unread");
    // The state changing meanwhile (the team typing) leaves the focus where it is.
    await demo.api.typing(second, true);
    await page.locator(".salam-notice.salam-typing").waitFor({ state: "attached" });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    assert.equal(await w.focused(), "salam-thread salam-unread", "the row keeps the focus");
    await page.keyboard.press("Enter");
    await w.log.getByText("Your parcel left the warehouse.").waitFor();
    assert.deepEqual(await w.messages(), ["Where is my order?", "It ships tomorrow.", "Your parcel left the warehouse."]);
    await composerFocused(page);
    await w.composer.fill("Great, thank you!");
    await w.composer.press("Enter");
    await w.log.getByText("Sent").last().waitFor();
    assert.deepEqual((await demo.api.messages(first)).map((m) => m.text).slice(-1), ["Great, thank you!"]);
    assert.equal((await demo.api.messages(second)).length, 2, "nothing went to the second");

    // Read now; a reload stays in it; "Back to the chat" returns without a change.
    await page.reload();
    await w.ready();
    await w.open();
    await w.log.getByText("Great, thank you!").waitFor();
    const again = await openList(page);
    assert.deepEqual((await rows(page)).map(([text, , bold, current]) => [text, bold, current]), [
      ["Great, thank you!", false, true],
      ["Please send the customs form.", false, false],
    ]);
    await again.getByRole("button", { name: "Back to the chat" }).click();
    await w.log.getByText("Great, thank you!").waitFor();
    assert.equal(await again.isVisible(), false);
    assert.deepEqual(page.problems, []);

    // Another browser, the same verified user: the same list.
    const other = await visit({ identity: maryam });
    await other.w.log.getByText("Great, thank you!").waitFor();
    await openList(other.page);
    assert.deepEqual((await rows(other.page)).map(([text]) => text), ["Great, thank you!", "Please send the customs form."]);
    await other.page.getByRole("button", { name: /Please send the customs form/ }).click();
    await other.w.log.getByText("Do you ship to Norway?").waitFor();
  });

  it("in Persian, right to left, every text from fa's messages", async () => {
    const page = await newPage(demo.browser, { echo: false, locale: "fa-IR" });
    await page.goto(demo.server.url + "/");
    await page.waitForFunction(() => document.querySelector("salam-chat")?.dataset.salam === "ready", null, { timeout: 20000 });
    await page.locator("button.salam-launcher").click();
    const composer = page.locator("textarea.salam-input");
    await composer.fill("سلام، سفارشم کجاست؟ order #77");
    await composer.press("Enter");
    await page.locator(".salam-log").getByText("سلام، سفارشم کجاست؟ order #77").waitFor();
    const list = await openListIn(page, "fa");
    await list.getByRole("button", { name: ftl("fa", "threads-new") }).waitFor();
    assert.equal(await list.evaluate((el) => getComputedStyle(el).direction), "rtl");
    assert.equal(plain(await page.locator(".salam-threads-back").textContent()), ftl("fa", "threads-back"));
    const [[text, meta]] = await rows(page);
    assert.equal(text, "سلام، سفارشم کجاست؟ order #77");
    assert.ok(meta.startsWith("باز"), meta);
    assert.equal(await page.locator(".salam-thread-text").getAttribute("dir"), "auto");
    assert.deepEqual((await axeWidget(page)).violations.map((v) => v.id), [], "the list, right to left");
  });

  it("over HTTP+SSE, sends into the conversation that shows", async () => {
    const { page, w } = await visit({ settings: { transport: "sse" } });
    const first = await say(w, "First, over SSE");
    const list = await openList(page);
    await list.getByRole("button", { name: "New conversation" }).click();
    const second = await say(w, "Second, over SSE");
    assert.notEqual(second, first);
    await openList(page);
    await page.getByRole("button", { name: /First, over SSE/ }).click();
    await w.log.getByText("First, over SSE").waitFor();
    await w.composer.fill("Back in the first");
    await w.composer.press("Enter");
    await w.log.getByText("Sent").last().waitFor();
    assert.deepEqual((await demo.api.messages(first)).map((m) => m.text), ["First, over SSE", "Back in the first"]);
    assert.deepEqual((await demo.api.messages(second)).map((m) => m.text), ["Second, over SSE"]);
  });
});

/** Resolves once the composer has the focus (given in the next frame). */
function composerFocused(page) {
  return page.waitForFunction(() => document.querySelector("salam-chat").shadowRoot.activeElement?.classList.contains("salam-input"));
}

/** The time a row shows, as the widget formats it (the test checks the rest of the line). */
function rowTime(page, i) {
  return page.locator(".salam-thread-meta").nth(i).evaluate((el) => el.textContent.replace(/[\u2068\u2069]/g, "").split(" · ")[1]);
}

/** The list, opened through a menu in another language. */
async function openListIn(page, lang) {
  await page.locator(".salam-more").click();
  await page.getByRole("button", { name: ftl(lang, "threads-title"), exact: true }).click();
  const list = page.getByRole("region", { name: ftl(lang, "threads-title") });
  await list.waitFor();
  return list;
}
