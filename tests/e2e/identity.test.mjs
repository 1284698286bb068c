// Who the visitor is and where: Salam('identify') verified by HMAC gives the
// same conversation in another browser, a wrong hash is refused with one
// warning, Salam('logout') forgets the visitor on this device; the console
// shows the pages, time zone, browser and the verified identity.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { Widget, conversationWith, newPage, useDemo, signInConsole } from "./harness.mjs";

const SECRET = "identity-test-secret";
const hash = (userId) => createHmac("sha256", SECRET).update(userId).digest("hex");

describe("identity and where the visitor is", () => {
  const demo = useDemo({ extra: ["--identity-secret", SECRET] });


  const visitorInfo = async (id) => (await fetch(`${demo.server.url}/api/v1/agent/conversations/${id}/visitor`, {
    headers: { authorization: `Bearer ${demo.server.token}` },
  })).json();

  /** A page in a fresh browser context (its own storage: another browser), identified before load. */
  async function visit(identity, options = {}) {
    const page = await newPage(demo.browser, { echo: false, ...options });
    if (identity) {
      await page.addInitScript((who) => {
        window.Salam = window.Salam || function () { (Salam.q = Salam.q || []).push(arguments); };
        Salam("identify", who);
      }, identity);
    }
    await page.goto(demo.server.url + "/");
    const w = new Widget(page);
    await w.ready();
    await w.open();
    return { page, w };
  }

  it("a verified user gets the same conversation in another browser; the console marks them verified", async () => {
    const maryam = { user_id: "u_1042", name: "Maryam Karimi", email: "maryam@example.com", attributes: { plan: "pro", seats: 5 }, user_hash: hash("u_1042") };
    const a = await visit(maryam, { timezoneId: "Asia/Tehran" });
    await a.w.composer.fill("Hello from my laptop");
    await a.w.composer.press("Enter");
    await a.w.log.getByText("Sent").waitFor();
    const conversation = await conversationWith(demo.api, "Hello from my laptop");
    // Where they are: the page, the time zone, the browser; who they are, verified.
    await a.page.goto(demo.server.url + "/help.html");
    await new Widget(a.page).ready();
    let info;
    for (;;) {
      info = await visitorInfo(conversation);
      if (info.pages?.length === 2 && info.identity) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual(info.pages.map((p) => new URL(p.url).pathname), ["/help.html", "/"], "newest first");
    assert.equal(info.time_zone, "Asia/Tehran");
    assert.match(info.browser, /Chrome|Chromium/);
    assert.deepEqual(info.identity, { user_id: "u_1042", name: "Maryam Karimi", email: "maryam@example.com", attributes: { plan: "pro", seats: "5" }, verified: true });

    // Another browser, the same user: the conversation follows them.
    const b = await visit(maryam);
    await b.w.log.getByText("Hello from my laptop").waitFor();
    await b.w.composer.fill("And from my phone");
    await b.w.composer.press("Enter");
    await b.w.log.getByText("Sent").last().waitFor();
    // Live in the first browser too (its panel is closed on this page).
    await a.page.locator("salam-chat").getByText("And from my phone").waitFor({ state: "attached" });
    assert.equal(await conversationWith(demo.api, "And from my phone"), conversation);

    // The console shows who it is.
    const agent = await newPage(demo.browser, { echo: false });
    await signInConsole(agent, demo.server);
    await agent.locator(`[data-testid=conversation-row][data-id="${conversation}"]`).getByRole("button").click();
    const visitor = agent.getByTestId("visitor");
    await visitor.getByText("Maryam Karimi").waitFor();
    assert.equal(await visitor.getByText("Verified", { exact: true }).count(), 1);
    // The time zone of the browser they used last (the second one's), with the time there.
    const zone = (await visitorInfo(conversation)).time_zone;
    assert.ok(zone);
    await visitor.getByText(new RegExp(`^${zone.replace(/[/+]/g, "\\$&")} \\(`)).waitFor();
    // Every page, newest first: the second browser on the home page, then the first one's two.
    assert.deepEqual(await agent.getByTestId("pages").getByRole("link").evaluateAll((l) => l.map((a) => new URL(a.href).pathname)), ["/", "/help.html", "/"]);
    assert.deepEqual([...a.page.problems, ...b.page.problems, ...agent.problems], []);
  });

  it("a wrong hash is refused with one warning and the visitor stays anonymous; logout forgets the visitor here", async () => {
    const { page, w } = await visit({ user_id: "u_1042", name: "Mallory", user_hash: hash("someone-else") });
    await w.composer.fill("Am I Maryam?");
    await w.composer.press("Enter");
    await w.log.getByText("Sent").waitFor();
    const conversation = await conversationWith(demo.api, "Am I Maryam?");
    for (;;) {
      if (page.warnings.some((m) => m.includes("identify"))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(page.warnings.filter((m) => m.includes("identify")).length, 1);
    assert.equal((await visitorInfo(conversation)).identity, undefined, "nothing stored");
    assert.equal(await w.log.getByText("Hello from my laptop").count(), 0, "not Maryam's conversation");

    // Logout: the conversation goes from this device; the next message starts a new one.
    await page.evaluate(() => Salam("logout"));
    await page.waitForFunction(() => document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg").length === 0);
    assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem("salam:v1") || "{}").conversation ?? null) !== conversation, true);
    await w.composer.fill("A new start");
    await w.composer.press("Enter");
    await w.log.getByText("Sent").waitFor();
    assert.notEqual(await conversationWith(demo.api, "A new start"), conversation);
    await page.reload();
    await new Widget(page).ready();
    await w.open();
    await w.log.getByText("A new start").waitFor();
    assert.equal(await w.log.getByText("Am I Maryam?").count(), 0);
    assert.deepEqual(page.problems, []);
  });
});
