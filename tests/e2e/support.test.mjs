// Live support on the real server with the demo knowledge base: the bot
// answers with rich text and quick replies, hands over when asked (in any
// language) or from the "Talk to a person" button, says where the visitor
// is in the queue, and stops the moment an agent joins; the header says who
// answers, and names of any length fit.

import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { Widget, axeWidget, conversationWith, newPage, root, useDemo, otherAgent, signInConsole } from "./harness.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Waits until the panel's subtitle reads `text`, ignoring the isolation
 * marks Fluent puts around each argument. */
const subtitleReads = (page, text) => page.waitForFunction((t) =>
  document.querySelector("salam-chat")?.shadowRoot.querySelector(".salam-subtitle")?.textContent.replace(/[\u2068\u2069]/g, "") === t, text);

/** A message of a locale file, as written (no placeables). */
const ftl = (lang, file, id) => {
  const m = new RegExp(`^${id} = (.*)$`, "m").exec(readFileSync(join(root, "locales", lang, file), "utf8"));
  assert.ok(m, `${lang}/${file} has ${id}`);
  return m[1].trim();
};

describe("live support: bot, handover, agent", () => {
  const demo = useDemo({ extra: ["--kb", join(root, "widget-demo/kb.json")] });

  async function visit(options = {}) {
    const page = await newPage(demo.browser, { echo: false, ...options });
    await page.goto(demo.server.url + "/");
    const w = new Widget(page);
    await w.ready();
    await w.open();
    return { page, w };
  }

  const shadow = (page, fn, arg) => page.evaluate(([src, a]) => {
    const root = document.querySelector("salam-chat").shadowRoot;
    return new Function("root", "arg", src)(root, a);
  }, [fn, arg]);


  it("the bot answers with rich text, links and quick replies; a pick is sent and retires them, also after a reload", async () => {
    const { page, w } = await visit();
    const header = page.locator(".salam-answering");
    await header.getByText("Our assistant answers right away.").waitFor();
    const talk = page.getByRole("button", { name: "Talk to a person" });
    assert.equal(await talk.isVisible(), true);

    await w.composer.fill("How much does it cost?");
    await w.composer.press("Enter");
    const replies = page.getByRole("group", { name: "Suggested replies" });
    await replies.getByRole("button", { name: "Yes" }).waitFor();
    assert.deepEqual(await replies.getByRole("button").allTextContents(), ["Yes", "No"]);
    // The answer's markup became elements, its URL a safe link.
    const answer = await shadow(page, `
      const bot = [...root.querySelectorAll(".salam-msg-bot .salam-text")];
      const a = bot[0].querySelector("a");
      return { strong: bot[0].querySelector("strong")?.textContent, href: a?.getAttribute("href"), rel: a?.rel,
               target: a?.target, text: bot.map((b) => b.textContent), author: root.querySelector(".salam-msg-bot .salam-name").textContent };`);
    assert.deepEqual(answer, {
      strong: "$9 a month",
      href: "https://example.com/pricing",
      rel: "noopener noreferrer nofollow",
      target: "_blank",
      text: ["Plans start at $9 a month, and the first 14 days are free.See every plan at https://example.com/pricing.", "Did that help?"],
      author: "Assistant",
    });
    const axe = await axeWidget(page);
    assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), [], "bot answer with a link and quick replies");

    // Picked by keyboard: Tab from the composer... the buttons are reachable.
    await replies.getByRole("button", { name: "No" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("group", { name: "Suggested replies" }).getByRole("button", { name: "Talk to a person" }).waitFor();
    assert.deepEqual((await w.messages()).slice(-2), ["No", "Sorry about that. Could you put it another way? Or talk to a person."]);
    assert.equal(await replies.getByRole("button", { name: "Yes" }).count(), 0, "the picked question's buttons are gone");

    // After a reload, only the newest message's replies show.
    await page.reload();
    await w.ready();
    await w.open();
    await page.getByRole("group", { name: "Suggested replies" }).getByRole("button", { name: "Talk to a person" }).waitFor();
    assert.deepEqual(await page.getByRole("group", { name: "Suggested replies" }).getByRole("button").allTextContents(), ["Talk to a person"]);
    assert.deepEqual(page.problems, []);
  });

  it("\"Talk to a person\" by keyboard hands over: the queue position, then the agent who joins; the bot falls silent", async () => {
    const { page, w } = await visit();
    await w.composer.fill("Where is my delivery?");
    await w.composer.press("Enter");
    await page.getByRole("group", { name: "Suggested replies" }).waitFor();
    // From the composer, Shift+Tab reaches the header's button.
    const talk = page.getByRole("button", { name: "Talk to a person" }).first();
    await w.composer.focus();
    for (let i = 0; i < 8 && (await w.focused()) !== "salam-handover"; i++) await page.keyboard.press("Shift+Tab");
    assert.equal(await w.focused(), "salam-handover");
    await page.keyboard.press("Enter");
    await page.locator(".salam-answering").getByText(/A person will join shortly\. You are (next|number \d+ in line)\./).waitFor();
    assert.equal(await talk.isVisible(), false, "no button while waiting");
    assert.ok((await w.messages()).includes("A person will join this chat shortly."));
    const axeWaiting = await axeWidget(page);
    assert.deepEqual(axeWaiting.violations.map((v) => v.id), [], "waiting for a person");

    // The agent joins with a long name, a team and an avatar.
    const conversation = await conversationWith(demo.api, "A person will join this chat shortly.");
    const longName = "Sara Ahmadi-Khorasani Montazeri de la Vega y Castellanos";
    const avatar = demo.server.url + "/avatars/sara.svg";
    // Who answers comes from the agent's account, whatever a request says.
    const sara = await otherAgent(demo.server, { email: "sara.long@example.test", name: longName, team: "Billing and Orders", avatar });
    await sara.reply(conversation, "Hi, I'm **Sara**. Let me look at your order.", { name: "Mallory" });
    await page.locator(".salam-agent-name").getByText(longName).waitFor();
    assert.ok((await w.messages()).includes(`${longName} joined the conversation.`));
    // The picture loads on its own time: wait for it (or for the test's time to run out).
    await page.waitForFunction(() => {
      const img = document.querySelector("salam-chat").shadowRoot.querySelector(".salam-answering img");
      return img && img.complete && img.naturalWidth > 0;
    });
    const header = await shadow(page, `
      const name = root.querySelector(".salam-agent-name");
      const panel = root.querySelector(".salam-panel").getBoundingClientRect();
      const img = root.querySelector(".salam-answering img");
      const rows = [...root.querySelectorAll(".salam-msg-agent .salam-name")];
      return {
        cut: name.scrollWidth > name.clientWidth,
        inside: [name, ...rows].every((e) => { const r = e.getBoundingClientRect(); return r.left >= panel.left - 0.5 && r.right <= panel.right + 0.5; }),
        rowCut: rows.every((e) => e.scrollWidth > e.clientWidth),
        full: name.textContent,
        team: root.querySelector(".salam-agent-team").textContent,
        avatarLoaded: !!img && img.complete && img.naturalWidth > 0,
      };`);
    assert.deepEqual(header, { cut: true, inside: true, rowCut: true, full: longName, team: "Billing and Orders", avatarLoaded: true });
    // Screen readers get the whole name with what it means.
    const label = await shadow(page, `return root.querySelector(".salam-who").textContent.replace(/\\s+/g, " ").trim();`);
    assert.equal(label, `Answering now: ${longName}Billing and Orders`);
    const axeAgent = await axeWidget(page);
    assert.deepEqual(axeAgent.violations.map((v) => v.id), [], "agent joined");

    // The agent types: the typing line stays inside the panel too.
    await sara.typing(conversation, true);
    await page.locator(".salam-notice.salam-typing").waitFor();
    assert.equal(await shadow(page, `const n = root.querySelector(".salam-notice"); return n.scrollWidth > n.clientWidth && n.getBoundingClientRect().right <= root.querySelector(".salam-panel").getBoundingClientRect().right + 0.5;`), true);

    // The bot is silent now: the stored conversation has nothing from it after the visitor's question.
    await w.composer.fill("How much does it cost?");
    await w.composer.press("Enter");
    await w.log.getByText("Sent").last().waitFor();
    await page.waitForFunction(() => [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg-visitor .salam-status")].every((s) => s.textContent === "Sent"));
    const stored = await demo.api.messages(conversation);
    const asked = stored.findLastIndex((m) => m.text === "How much does it cost?");
    assert.ok(asked > 0);
    assert.deepEqual(stored.slice(asked + 1).filter((m) => m.author.kind === "bot"), []);
    assert.deepEqual(page.problems, []);
  });

  it("asking for a person in Persian hands over; right to left, the agent's picture is on the right", async () => {
    const page = await newPage(demo.browser, { echo: false, locale: "fa-IR" });
    await page.goto(demo.server.url + "/");
    // The Persian launcher, by its Persian name.
    const launcher = page.getByRole("button", { name: "گفتگو با ما" });
    await page.waitForFunction(() => document.querySelector("salam-chat")?.dataset.salam === "ready", null, { timeout: 20000 });
    await launcher.click();
    await page.locator(".salam-answering").getByText(ftl("fa", "salam.ftl", "answering-bot")).waitFor();
    const composer = page.getByRole("textbox");
    await composer.fill("می‌خواهم با اپراتور صحبت کنم");
    await composer.press("Enter");
    const notice = ftl("fa", "bot.ftl", "bot-handover");
    await page.waitForFunction((t) => [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg-bot .salam-text")].some((e) => e.textContent === t), notice);
    assert.equal(await page.getByRole("button", { name: ftl("fa", "salam.ftl", "talk-to-person") }).isVisible(), false);
    const conversation = await conversationWith(demo.api, notice);
    assert.equal((await demo.api.conversations()).find((c) => c.id === conversation).locale, "fa");
    const persian = await otherAgent(demo.server, { email: "sara.fa@example.test", name: "سارا احمدی", team: "پشتیبانی" });
    await persian.reply(conversation, "سلام، سارا هستم.");
    await page.locator(".salam-agent-name").getByText("سارا احمدی").waitFor();
    const layout = await shadow(page, `
      const avatar = [...root.querySelectorAll(".salam-answering .salam-avatar")].find((e) => e.getBoundingClientRect().width > 0);
      const a = avatar.getBoundingClientRect();
      const n = root.querySelector(".salam-agent-name").getBoundingClientRect();
      return { dir: getComputedStyle(root.querySelector(".salam-panel")).direction, avatarRight: a.left >= n.right - 0.5,
               initials: avatar.textContent };`);
    assert.deepEqual(layout, { dir: "rtl", avatarRight: true, initials: "سا" });
    const axe = await axeWidget(page);
    assert.deepEqual(axe.violations.map((v) => v.id), [], "agent joined, right to left");
    assert.deepEqual(page.problems, []);
  });

  it("the console shows who answers and how long a visitor waits; one click takes over and the bot stops", async () => {
    const { page, w } = await visit();
    await w.composer.fill("How do I reset my password?");
    await w.composer.press("Enter");
    await page.getByRole("group", { name: "Suggested replies" }).waitFor();
    const agent = await newPage(demo.browser, { echo: false });
    await signInConsole(agent, demo.server);
    const conversation = await conversationWith(demo.api, "Did that help?");
    const row = agent.locator(`[data-testid=conversation-row][data-id="${conversation}"]`);
    await row.getByText("Bot answering").waitFor();
    await row.getByRole("button").click();
    await agent.getByTestId("stage").getByText("Bot answering").waitFor();

    // The visitor asks for a person: the console sees the wait.
    await page.getByRole("button", { name: "Talk to a person" }).first().click();
    await row.getByText(/^Waiting \d+ min$/).waitFor();
    await agent.evaluate(axeSource);
    const results = await agent.evaluate(() => axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    }));
    assert.deepEqual(results.violations.map((v) => v.id), [], "console: a waiting conversation");

    // One click: Sara answers now.
    await agent.getByRole("button", { name: "Take over" }).click();
    await agent.getByTestId("stage").getByText("With Sara").waitFor();
    assert.equal(await agent.getByRole("button", { name: "Take over" }).isVisible(), false);
    await page.locator(".salam-agent-name").getByText("Sara").waitFor();
    assert.ok((await w.messages()).includes("Sara joined the conversation."));
    // The bot stays silent from here on.
    await w.composer.fill("How much does it cost?");
    await w.composer.press("Enter");
    await agent.getByTestId("message-log").getByText("How much does it cost?").waitFor();
    const stored = await demo.api.messages(conversation);
    const asked = stored.findLastIndex((m) => m.text === "How much does it cost?");
    assert.deepEqual(stored.slice(asked + 1).filter((m) => m.author.kind === "bot"), []);
    // Presence drives availability: the agent steps away, the visitor sees it at once.
    const subtitle = page.locator(".salam-subtitle");
    await subtitle.getByText(/^Usually replies in (a few|\u2068?\d+\u2069?) minutes?\.$/).waitFor();
    await agent.getByRole("combobox", { name: "Status" }).selectOption("away");
    await subtitle.getByText("We're away right now.").waitFor();
    const axeAway = await axeWidget(page);
    assert.deepEqual(axeAway.violations.map((v) => v.id), [], "away, with an agent in the conversation");
    await agent.getByRole("combobox", { name: "Status" }).selectOption("online");
    await subtitle.getByText(/^Usually replies in/).waitFor();
    assert.deepEqual(agent.problems, []);
    assert.deepEqual(page.problems, []);
  });
});

describe("out of hours", () => {
  let nextOpen, dir;
  const DAY = 86_400_000;
  const demo = useDemo(() => {
    // One hour a week, three days from now (UTC): closed now, back on a weekday.
    const now = new Date();
    const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 3 * DAY);
    nextOpen = day.getTime() + 9 * 3_600_000;
    const dow = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][day.getUTCDay()];
    dir = mkdtempSync(join(tmpdir(), "salam-hours-"));
    const hours = join(dir, "hours.json");
    writeFileSync(hours, JSON.stringify({ time_zone: "UTC", week: { [dow]: [["09:00", "10:00"]] } }));
    return { extra: ["--kb", join(root, "widget-demo/kb.json"), "--hours", hours] };
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("says when the team is back, in the visitor's time zone, and the handover says a person answers then", async () => {
    const page = await newPage(demo.browser, { echo: false, timezoneId: "Asia/Tehran" });
    await page.goto(demo.server.url + "/");
    const w = new Widget(page);
    await w.ready();
    await w.open();
    // 09:00 UTC is 12:30 in Tehran (UTC+3:30), on the day Tehran's calendar says.
    const day = new Intl.DateTimeFormat("en", { weekday: "long", timeZone: "Asia/Tehran" }).format(nextOpen);
    await subtitleReads(page, `We're away. Back on ${day} at 12:30 PM.`);
    // The visitor can still write, and asking for a person says how the answer will come.
    await w.composer.fill("I need a human");
    await w.composer.press("Enter");
    await page.locator(".salam-answering").getByText("A person will answer here when we're back. You can keep writing.").waitFor();
    assert.ok((await w.messages()).includes(ftl("en", "bot.ftl", "bot-handover-away")));
    const axe = await axeWidget(page);
    assert.deepEqual(axe.violations.map((v) => v.id), [], "away header and handover");
    assert.deepEqual(page.problems, []);
  });

  it("in Persian: Persian digits and a right-to-left panel", async () => {
    const page = await newPage(demo.browser, { echo: false, timezoneId: "Asia/Tehran", locale: "fa-IR" });
    await page.goto(demo.server.url + "/");
    await page.waitForFunction(() => document.querySelector("salam-chat")?.dataset.salam === "ready", null, { timeout: 20000 });
    await page.getByRole("button", { name: "گفتگو با ما" }).click();
    const subtitle = page.locator(".salam-subtitle");
    await subtitle.getByText("۱۲:۳۰").waitFor();
    const text = await subtitle.textContent();
    const day = new Intl.DateTimeFormat("fa-IR", { weekday: "long", timeZone: "Asia/Tehran" }).format(nextOpen);
    assert.ok(text.includes(day), `${text} names ${day}`);
    assert.ok(!/[0-9]/.test(text), `no Latin digits in ${text}`);
    const axe = await axeWidget(page);
    assert.deepEqual(axe.violations.map((v) => v.id), [], "away header in Persian");
    assert.deepEqual(page.problems, []);
  });
});
