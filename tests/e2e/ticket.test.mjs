// Leave a message: offered while nobody can answer, a form whose errors sit
// next to their fields and whose draft survives a reload, a reference shown
// at once, and real e-mail through a real SMTP server (aiosmtpd): the
// visitor's acknowledgement in their language, the team's notice, and the
// agent's answer with the reference in the subject.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Widget, axeWidget, conversationWith, newPage, root, startSmtpSink, useDemo, signInConsole } from "./harness.mjs";

/** A one-line message of a locale file with `{ $name }` placeables filled in. */
const ftl = (lang, file, id, args = {}) => {
  const m = new RegExp(`^${id} = (.*)$`, "m").exec(readFileSync(join(root, "locales", lang, file), "utf8"));
  assert.ok(m, `${lang}/${file} has ${id}`);
  return m[1].trim().replace(/\{ \$(\w+) \}/g, (_, k) => args[k]);
};
const plain = (text) => text.replace(/[\u2068\u2069]/g, "");

describe("leave a message", () => {
  let smtp, dir;
  before(async () => {
    smtp = await startSmtpSink();
  });
  const demo = useDemo(() => {
    // One hour a week, three days from now: closed now.
    const day = new Date(Date.now() + 3 * 86_400_000);
    const dow = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][day.getUTCDay()];
    dir = mkdtempSync(join(tmpdir(), "salam-hours-"));
    const hours = join(dir, "hours.json");
    writeFileSync(hours, JSON.stringify({ time_zone: "UTC", week: { [dow]: [["09:00", "10:00"]] } }));
    return {
      extra: ["--hours", hours, "--smtp", smtp.url, "--mail-from", "Shop Support <help@shop.example>",
        "--team-email", "team@shop.example"],
    };
  });
  after(async () => {
    await smtp?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function visit(options = {}) {
    const page = await newPage(demo.browser, { echo: false, ...options });
    await page.goto(demo.server.url + "/");
    return page;
  }

  it("offers the form while away, keeps every error and the draft, answers with a reference and e-mails", async () => {
    const page = await visit();
    const w = new Widget(page);
    await w.ready();
    await w.open();
    const offer = page.getByRole("button", { name: "Leave a message" });
    await offer.waitFor();
    await offer.focus();
    await page.keyboard.press("Enter");
    const form = page.getByRole("form", { name: "Leave us a message" });
    await form.waitFor();
    assert.equal(await w.focused(), "salam-field-input", "the first field has focus");
    assert.ok(await form.getByLabel("Name", { exact: true }).evaluate((el) => el.getRootNode().activeElement === el), "the first field has focus: Name");
    const send = form.getByRole("button", { name: "Send" });
    await send.click();
    const errorOf = (label) => form.getByLabel(label, { exact: true }).evaluate((el) =>
      [el.getAttribute("aria-invalid"), el.getRootNode().getElementById(el.getAttribute("aria-describedby") || "")?.textContent ?? null]);
    assert.deepEqual(await errorOf("Name"), ["true", "This is required."]);
    assert.deepEqual(await errorOf("Message"), ["true", "This is required."]);
    assert.deepEqual(await errorOf("Subject (optional)"), ["false", null]);
    const axe = await axeWidget(page);
    assert.deepEqual(axe.violations.map((v) => v.id), [], "the ticket form showing errors");

    await form.getByLabel("Name", { exact: true }).fill("Maryam Karimi");
    await form.getByLabel("E-mail", { exact: true }).fill("maryam@example");
    await form.getByLabel("Message", { exact: true }).fill("My order 77 never came.\nCan you check?");
    await send.click();
    assert.deepEqual(await errorOf("E-mail"), ["true", "Enter an e-mail address like name@example.com."]);
    await form.getByLabel("E-mail", { exact: true }).fill("maryam@example.com");

    // A reload keeps what was typed.
    await page.reload();
    await w.ready();
    await w.open();
    await offer.click();
    await form.waitFor();
    assert.equal(await form.getByLabel("Message", { exact: true }).inputValue(), "My order 77 never came.\nCan you check?");
    assert.equal(await form.getByLabel("E-mail", { exact: true }).inputValue(), "maryam@example.com");
    await send.click();

    // The reference at once, where the answer goes, and the message in the log.
    const status = page.locator(".salam-ticket-status");
    await status.getByText(/#1001/).waitFor();
    assert.equal(plain(await status.textContent()), ftl("en", "salam.ftl", "ticket-sent", { reference: "#1001", email: "maryam@example.com" }));
    assert.equal(await form.count(), 0, "the form is gone");
    await w.log.getByText("My order 77 never came.").waitFor();
    const axeSent = await axeWidget(page);
    assert.deepEqual(axeSent.violations.map((v) => v.id), [], "the acknowledgement");

    // The e-mails: the visitor's acknowledgement and the team's notice.
    const ack = await smtp.waitFor((m) => m.envelope_to.includes("maryam@example.com"), "acknowledgement");
    assert.equal(ack.subject, ftl("en", "mail.ftl", "mail-ack-subject", { reference: "#1001" }));
    assert.equal(ack.from, "Shop Support <help@shop.example>");
    assert.match(ack.body, /My order 77 never came\.\r?\nCan you check\?/);
    assert.match(ack.body, /Maryam Karimi/);
    const team = await smtp.waitFor((m) => m.envelope_to.includes("team@shop.example"), "team notice");
    assert.equal(team.subject, "New request #1001 from Maryam Karimi: My order 77 never came.");
    assert.equal(team.reply_to, "maryam@example.com");

    // The console has the ticket; the agent's answer goes by e-mail with the reference.
    const conversation = await conversationWith(demo.api, "My order 77 never came.\nCan you check?");
    const info = await (await fetch(`${demo.server.url}/api/v1/agent/conversations/${conversation}/visitor`, {
      headers: { authorization: `Bearer ${demo.server.token}` },
    })).json();
    assert.deepEqual([info.ticket.reference, info.ticket.email, info.ticket.status], [1001, "maryam@example.com", "open"]);
    await demo.api.reply(conversation, "It ships today.");
    const answer = await smtp.waitFor((m) => m.envelope_to.includes("maryam@example.com") && m.subject.startsWith("Re:"), "answer");
    assert.equal(answer.subject, "Re: My order 77 never came. #1001");
    assert.match(answer.body, /Sara/);
    assert.match(answer.body, /It ships today\./);

    // The console sets where the request stands.
    const agent = await newPage(demo.browser, { echo: false });
    await signInConsole(agent, demo.server);
    await agent.locator(`[data-testid=conversation-row][data-id="${conversation}"]`).getByRole("button").click();
    const select = agent.getByLabel("Request #1001 status");
    await select.waitFor();
    assert.equal(await select.inputValue(), "open");
    const row = agent.locator(`[data-testid=conversation-row][data-id="${conversation}"]`);
    assert.equal(await row.getByTestId("row-ticket").textContent(), "Request #1001: open");
    await agent.getByLabel("Show").selectOption("open");
    await row.waitFor();
    await select.selectOption("solved");
    // The list follows: the request leaves "Open requests" and shows under "Solved requests".
    await row.waitFor({ state: "hidden" });
    await agent.getByLabel("Show").selectOption("solved");
    await row.getByTestId("row-ticket").getByText("Request #1001: solved").waitFor();
    const ticketStatus = async () => (await (await fetch(`${demo.server.url}/api/v1/agent/conversations/${conversation}/visitor`, {
      headers: { authorization: `Bearer ${demo.server.token}` },
    })).json()).ticket.status;
    const deadline = Date.now() + 10000;
    while (await ticketStatus() !== "solved") {
      assert.ok(Date.now() < deadline, "the console's choice reached the server");
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual([...page.problems, ...agent.problems], []);
  });

  it("in Persian: a right-to-left form and an acknowledgement in Persian", async () => {
    const page = await visit({ locale: "fa-IR" });
    await page.waitForFunction(() => document.querySelector("salam-chat")?.dataset.salam === "ready", null, { timeout: 20000 });
    await page.getByRole("button", { name: "گفتگو با ما" }).click();
    await page.getByRole("button", { name: ftl("fa", "salam.ftl", "ticket-offer") }).click();
    const form = page.locator(".salam-t");
    await form.waitFor();
    assert.equal(await form.evaluate((f) => getComputedStyle(f).direction), "rtl");
    await form.locator(".salam-form-submit").click();
    const axe = await axeWidget(page);
    assert.deepEqual(axe.violations.map((v) => v.id), [], "the ticket form showing errors, in Persian");
    await form.getByLabel(ftl("fa", "salam.ftl", "prechat-name"), { exact: true }).fill("سارا");
    await form.getByLabel(ftl("fa", "salam.ftl", "prechat-email"), { exact: true }).fill("sara@example.com");
    await form.getByLabel(ftl("fa", "salam.ftl", "ticket-message"), { exact: true }).fill("سفارشم نرسیده است");
    await form.locator(".salam-form-submit").click();
    await page.locator(".salam-ticket-status").getByText(/#1002/).waitFor();
    const ack = await smtp.waitFor((m) => m.envelope_to.includes("sara@example.com"), "Persian acknowledgement");
    assert.equal(ack.subject, ftl("fa", "mail.ftl", "mail-ack-subject", { reference: "#1002" }));
    assert.match(ack.body, /سفارشم نرسیده است/);
    assert.deepEqual(page.problems, []);
  });
});
