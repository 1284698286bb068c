// E-mail over TLS: the server speaks STARTTLS to a real SMTP server that
// requires it (aiosmtpd with a certificate from a test authority, trusted
// through --smtp-ca), and the transcript a visitor asks for arrives over
// the encrypted session.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Widget, conversationWith, newPage, startSmtpSink, useDemo } from "./harness.mjs";

describe("e-mail over TLS", () => {
  let smtp;
  before(async () => {
    smtp = await startSmtpSink({ tls: true });
  });
  const demo = useDemo(() => ({ extra: ["--smtp", smtp.url, "--smtp-ca", smtp.ca] }));
  after(async () => {
    await smtp?.stop();
  });

  it("sends with STARTTLS to a server that requires it", async () => {
    const page = await newPage(demo.browser, { echo: false });
    await page.goto(demo.server.url + "/");
    const w = new Widget(page);
    await w.ready();
    await w.open();
    await w.composer.fill("Please mail me this, securely.");
    await w.composer.press("Enter");
    await conversationWith(demo.api, "Please mail me this, securely.");
    await page.getByRole("button", { name: "More options" }).click();
    await page.getByRole("button", { name: "E-mail me this conversation", exact: true }).click();
    const form = page.getByRole("form", { name: "E-mail me this conversation" });
    await form.getByLabel("E-mail", { exact: true }).fill("secure@example.com");
    await form.getByRole("button", { name: "Send" }).click();
    const mail = await smtp.waitFor((m) => m.envelope_to.includes("secure@example.com"), "the transcript over TLS");
    assert.equal(mail.tls, true, "the session was encrypted");
    assert.match(mail.body, /Please mail me this, securely\./);
    assert.deepEqual(page.problems, []);
  });
});
