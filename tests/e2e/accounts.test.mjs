// Agents' accounts in the real console, against the real server: signing
// in (and the errors a person meets), the team and API tokens by keyboard,
// disabled accounts, the sign-in limit and the audit log. axe-core checks
// the sign-in page and the team page.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { AGENT_EMAIL, AGENT_PASSWORD, launchBrowser, newPage, signInConsole, startDemoServer } from "./harness.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function axe(page, what) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() => axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
  }));
  assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`), [], what);
}

/** The browser logs every 4xx answer; a wrong password's 401 is expected. */
const expected401 = (problem) => problem.includes("status of 401");

/** Fills the sign-in form and sends it with Enter. */
async function signInWith(page, email, password) {
  await page.getByRole("textbox", { name: "E-mail address" }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Password", { exact: true }).press("Enter");
}

describe("agents' accounts in the console", () => {
  let server, browser;
  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("signs in with e-mail and password; a wrong one says so and keeps the address; the cookie is out of the page's reach", async () => {
    const page = await newPage(browser, { echo: false });
    await page.goto(`${server.url}/agent/`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await axe(page, "the sign-in page");
    await signInWith(page, AGENT_EMAIL, "not my password");
    await page.getByRole("alert").getByText("Wrong e-mail address or password.").waitFor();
    assert.equal(await page.getByRole("textbox", { name: "E-mail address" }).inputValue(), AGENT_EMAIL, "the address stays");
    assert.equal(await page.evaluate(() => document.activeElement.id), "signin-password", "back to the password");
    await axe(page, "the sign-in page with its error");
    await signInWith(page, AGENT_EMAIL, AGENT_PASSWORD);
    await page.getByRole("heading", { name: "Conversations" }).waitFor();
    assert.equal(await page.getByTestId("agent-name").textContent(), "Sara");
    assert.equal(await page.evaluate(() => document.cookie), "", "the session cookie is HttpOnly");
    // A reload stays signed in (the cookie); signing out ends it.
    await page.reload();
    await page.getByRole("heading", { name: "Conversations" }).waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    assert.deepEqual(page.problems.filter((p) => !expected401(p)), []);
  });

  it("an admin adds an agent, makes and revokes an API token, and reads the audit log, all by keyboard", async () => {
    const page = await newPage(browser, { echo: false });
    await signInConsole(page, server);
    // To the team page by keyboard.
    const open = page.getByRole("button", { name: "Team & tokens" });
    await open.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Team & tokens" }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), "team-title", "the heading takes the focus");
    await page.getByTestId("account").first().waitFor();
    await axe(page, "the team page");

    // Add an agent: a short password is refused and what was typed stays.
    await page.getByRole("textbox", { name: "Name" }).focus();
    await page.keyboard.type("Omid Karimi");
    await page.keyboard.press("Tab");
    await page.keyboard.type("omid@example.test");
    await page.keyboard.press("Tab");
    await page.keyboard.type("short");
    await page.keyboard.press("Enter");
    await page.getByText("The password needs at least 10 characters.").waitFor();
    assert.equal(await page.getByRole("textbox", { name: "Name" }).inputValue(), "Omid Karimi");
    await page.getByLabel("Password (at least 10 characters)").fill("omid's long password");
    await page.getByLabel("Password (at least 10 characters)").press("Enter");
    const omid = page.getByTestId("account").filter({ hasText: "omid@example.test" });
    await omid.waitFor();
    assert.match(await omid.textContent(), /Omid Karimi.*Agent.*Active/);

    // A token, shown once, works against the API; revoked, it stops.
    await page.getByRole("textbox", { name: "What will use it" }).fill("nightly report");
    await page.getByRole("textbox", { name: "What will use it" }).press("Enter");
    const shown = page.getByTestId("new-token");
    await shown.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), "new-token-value", "focus on the token, to copy");
    const token = await shown.inputValue();
    assert.match(token, /^sat_[0-9a-f]{64}$/);
    const asScript = () => fetch(`${server.url}/api/v1/agent/conversations`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal((await asScript()).status, 200);
    await page.getByTestId("token").filter({ hasText: "nightly report" }).waitFor();
    await page.getByRole("button", { name: "Revoke nightly report" }).focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("token").filter({ hasText: "nightly report" }).waitFor({ state: "detached" });
    assert.equal((await asScript()).status, 401);

    // The audit log says who did what.
    await page.getByRole("button", { name: "Back to conversations" }).click();
    await page.getByRole("button", { name: "Team & tokens" }).click();
    const audit = page.getByTestId("audit-entry");
    await audit.filter({ hasText: "Revoked an API token" }).waitFor();
    for (const what of ["Signed in", "Added an account", "Made an API token"]) {
      assert.ok(await audit.filter({ hasText: what }).count() > 0, what);
    }
    await axe(page, "the team page with a token and the audit log");
    assert.deepEqual(page.problems.filter((p) => !p.includes("status of 400")), [], "only the short password's refusal");
  });

  it("an agent sees no admin tools; disabled, they cannot sign in; too many wrong passwords wait", async () => {
    const admin = await newPage(browser, { echo: false });
    await signInConsole(admin, server);
    const omidPage = await newPage(browser, { echo: false });
    await signInConsole(omidPage, server, { email: "omid@example.test", password: "omid's long password" });
    assert.equal(await omidPage.getByTestId("agent-name").textContent(), "Omid Karimi");
    await omidPage.getByRole("button", { name: "Team & tokens" }).click();
    await omidPage.getByRole("heading", { name: "Your API tokens" }).waitFor();
    assert.equal(await omidPage.getByRole("heading", { name: "Accounts" }).count(), 0, "no accounts for an agent");
    assert.equal(await omidPage.getByRole("heading", { name: "Audit log" }).count(), 0, "no audit log for an agent");

    // The admin disables Omid: his console is signed out at its next request.
    await admin.getByRole("button", { name: "Team & tokens" }).click();
    await admin.getByRole("button", { name: "Disable Omid Karimi" }).click();
    await admin.getByTestId("account").filter({ hasText: "omid@example.test" }).getByText("Disabled").waitFor();
    await omidPage.getByRole("button", { name: "Back to conversations" }).click();
    await omidPage.getByRole("heading", { name: "Sign in" }).waitFor();
    await signInWith(omidPage, "omid@example.test", "omid's long password");
    await omidPage.getByRole("alert").getByText("This account is disabled. Ask an admin.").waitFor();

    // Five wrong passwords for an account, then a wait, said plainly.
    const stranger = await newPage(browser, { echo: false });
    await stranger.goto(`${server.url}/agent/`);
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const answered = stranger.waitForResponse((r) => r.url().endsWith("/api/v1/agent/session"));
      await signInWith(stranger, "omid@example.test", `guess ${i}`);
      statuses.push((await answered).status());
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    await stranger.getByRole("alert").getByText(/^Too many sign-in attempts\. Try again in \d+ min\.$/).waitFor();
    await axe(stranger, "the sign-in page, held back");
  });
});
