// Attachments both ways, on the real server: a file refused in the widget
// before any byte is sent (type, size; in Persian too), an upload with its
// progress bar cancelled, files picked, pasted and dropped and previewed
// with the name as the text alternative; the server's own checks (an
// allowed kind, found in the content itself, and the kind the name says);
// files served only to the conversation's visitor and its agents with
// nosniff; and an agent's reply with an image and a PDF from the console,
// which the visitor sees and downloads.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Widget, axeWidget, conversationWith, ftl, newPage, plain, useDemo, signInConsole } from "./harness.mjs";

// A real 2×2 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANBQEBaw4RNQAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const EXE = Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "latin1");

describe("attachments", () => {
  const demo = useDemo();

  async function visitor(text, options = {}) {
    const page = await newPage(demo.browser, { echo: false, ...options });
    await page.goto(demo.server.url + "/");
    await page.waitForFunction(() => document.querySelector("salam-chat")?.dataset.salam === "ready", null, { timeout: 20000 });
    await page.locator("button.salam-launcher").click();
    const composer = page.locator("textarea.salam-input");
    await composer.fill(text);
    await composer.press("Enter");
    const id = await conversationWith(demo.api, text);
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem("salam:v1") || "{}").token);
    return { page, id, token };
  }
  const upload = (path, auth, name, body) => fetch(`${demo.server.url}/api/v1/${path}?name=${encodeURIComponent(name)}`,
    { method: "POST", headers: { authorization: `Bearer ${auth}` }, body });

  it("checks every upload, serves files only to their conversation, and shows an agent's files to the visitor", async () => {
    const { page, id, token } = await visitor("Where is my invoice?");

    // The server checks the content itself.
    assert.equal((await upload("files", token, "invoice.pdf", EXE)).status, 415, "a program named as a PDF");
    assert.equal((await upload("files", token, "notes.txt", PNG)).status, 422, "an image named as text");
    assert.equal((await upload("files", token, "x.svg", "<svg onload=alert(1)>")).status, 422, "SVG is never allowed");
    assert.equal((await upload("files", token, "big.txt", Buffer.alloc(10 * 1024 * 1024 + 1, 0x61))).status, 413);
    assert.equal((await upload("files", "not-a-token", "notes.txt", "hello")).status, 401);
    const mine = await upload("files", token, "notes.txt", "سلام, these are my notes\n");
    assert.equal(mine.status, 201);
    const note = await mine.json();
    assert.deepEqual([note.name, note.type, note.size], ["notes.txt", "text/plain", Buffer.byteLength("سلام, these are my notes\n")]);

    // Served to the agents and to this visitor, with nosniff; to nobody else.
    const get = (file, auth) => fetch(`${demo.server.url}/api/v1/${file.url}`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} });
    const asVisitor = await get(note, token);
    assert.equal(asVisitor.status, 200);
    assert.equal(asVisitor.headers.get("x-content-type-options"), "nosniff");
    assert.equal(asVisitor.headers.get("content-type"), "text/plain");
    assert.match(asVisitor.headers.get("content-disposition"), /^attachment; filename\*=UTF-8''notes\.txt$/, "not an image: saved, never shown");
    assert.equal((await get(note, demo.server.token)).status, 200);
    assert.equal((await get(note, null)).status, 404);
    const other = await visitor("Someone else here");
    assert.equal((await get(note, other.token)).status, 404, "another visitor");

    // The agent answers from the console with an image and a PDF.
    const agent = await newPage(demo.browser, { echo: false });
    await signInConsole(agent, demo.server);
    await agent.locator(`[data-testid=conversation-row][data-id="${id}"]`).getByRole("button").click();
    await agent.getByLabel("Attach files").setInputFiles([
      { name: "parcel.png", mimeType: "image/png", buffer: PNG },
      { name: "invoice-1042.pdf", mimeType: "application/pdf", buffer: PDF },
    ]);
    await agent.getByTestId("reply").fill("Here are the photo and your invoice.");
    await agent.getByTestId("send").click();
    await agent.getByTestId("file").filter({ hasText: "invoice-1042.pdf" }).waitFor();
    await agent.getByRole("img", { name: "parcel.png" }).waitFor();
    await agent.addScriptTag({ path: createRequire(import.meta.url).resolve("axe-core/axe.min.js") });
    const consoleAxe = await agent.evaluate(() => axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    }));
    assert.deepEqual(consoleAxe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), [], "the console with files");
    // A reply of files alone is a message too.
    const pdfOnly = await upload(`agent/conversations/${id}/files`, demo.server.token, "terms.pdf", PDF);
    assert.equal(pdfOnly.status, 201);
    await demo.api.reply(id, "", { attachments: [(await pdfOnly.json()).id] });
    const preview = agent.locator(`[data-testid=conversation-row][data-id="${id}"] .row__last`);
    await preview.getByText("Agent: Sent a file").waitFor();

    // The visitor sees the image, its name as its text alternative, and the files as links.
    const image = page.getByRole("img", { name: "parcel.png" });
    await image.waitFor();
    assert.equal(await image.evaluate((img) => img.naturalWidth), 2);
    const invoice = page.getByRole("link", { name: /invoice-1042\.pdf/ });
    await invoice.waitFor();
    await page.getByRole("link", { name: /terms\.pdf/ }).waitFor();
    const axe = await axeWidget(page);
    assert.deepEqual(axe.violations.map((v) => v.id), [], "files in the conversation");
    const [download] = await Promise.all([page.waitForEvent("download"), invoice.click()]);
    assert.equal(download.suggestedFilename(), "invoice-1042.pdf");
    assert.deepEqual(readFileSync(await download.path()), PDF);
    // An agent's file is not the other visitor's.
    const files = (await demo.api.messages(id)).flatMap((m) => m.attachments || []);
    assert.deepEqual(files.map((f) => f.name), ["parcel.png", "invoice-1042.pdf", "terms.pdf"]);
    assert.equal((await get(files[0], other.token)).status, 404);
    assert.deepEqual([...page.problems, ...other.page.problems, ...agent.problems], []);
  });

  it("checks a file before sending it, shows its progress and cancels, and sends picked, pasted and dropped files", async () => {
    const page = await newPage(demo.browser, { echo: false });
    await page.goto(demo.server.url + "/");
    const w = new Widget(page);
    await w.ready();
    await w.open();
    await w.composer.fill("Here is the photo of the parcel.");
    await w.composer.press("Enter");
    await page.getByText("Sent", { exact: true }).waitFor();
    const id = await conversationWith(demo.api, "Here is the photo of the parcel.");
    const input = page.locator("#salam-file-input");
    const rows = page.locator(".salam-msg-visitor");
    assert.equal(await page.getByRole("button", { name: "Attach a file" }).isVisible(), true);

    // Refused at once, with the name and the reason; no request goes out.
    const uploads = [];
    page.on("request", (r) => { if (r.url().includes("/api/v1/files")) uploads.push(r.method()); });
    const error = page.locator("#salam-error");
    await input.setInputFiles({ name: "big.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x25) });
    await error.getByText(/big\.pdf/).waitFor();
    assert.equal(plain(await error.textContent()), "big.pdf cannot be sent: files can be 10 MB at most.");
    await input.setInputFiles({ name: "setup.exe", mimeType: "application/x-msdownload", buffer: EXE });
    assert.equal(plain(await error.textContent()), "setup.exe cannot be sent: this type of file is not accepted.");
    assert.equal(await w.composer.getAttribute("aria-invalid"), "true");
    assert.deepEqual(uploads, [], "nothing was sent");
    assert.equal(await rows.count(), 1);

    // An upload the server has not answered yet: its progress and Cancel.
    let held;
    await page.route("**/api/v1/files?*", (route) => { held = route; });
    await input.setInputFiles({ name: "parcel.png", mimeType: "image/png", buffer: PNG });
    assert.equal(await error.textContent(), "", "a good file clears the last refusal");
    const progress = page.getByRole("progressbar", { name: /Uploading .*parcel\.png/ });
    await progress.waitFor();
    assert.equal(await progress.getAttribute("max"), String(PNG.length));
    const uploading = await axeWidget(page);
    assert.deepEqual(uploading.violations.map((v) => v.id), [], "an attachment uploading");
    await page.getByRole("button", { name: "Cancel" }).click();
    await progress.waitFor({ state: "detached" });
    assert.equal(await rows.count(), 1, "the cancelled row is gone");
    assert.ok(held, "the upload had started");
    await page.unroute("**/api/v1/files?*");

    // Picked for real: uploaded, sent, previewed with its name as its text alternative.
    await input.setInputFiles({ name: "parcel.png", mimeType: "image/png", buffer: PNG });
    const image = page.getByRole("img", { name: "parcel.png" });
    await image.waitFor();
    assert.equal(await image.evaluate((img) => img.naturalWidth), 2);
    assert.equal(await page.getByRole("link", { name: /parcel\.png/ }).getAttribute("download"), "parcel.png");
    await rows.nth(1).getByText("Sent", { exact: true }).waitFor();
    const previewed = await axeWidget(page);
    assert.deepEqual(previewed.violations.map((v) => v.id), [], "an attachment previewed");

    // Pasted and dropped files go the same way.
    await page.evaluate(() => {
      const shadow = document.querySelector("salam-chat").shadowRoot;
      const transfer = (name, text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, { type: "text/plain" }));
        return dt;
      };
      shadow.querySelector("textarea").dispatchEvent(new ClipboardEvent("paste",
        { clipboardData: transfer("pasted.txt", "pasted words"), bubbles: true, cancelable: true, composed: true }));
      shadow.querySelector(".salam-log").dispatchEvent(new DragEvent("drop",
        { dataTransfer: transfer("dropped.txt", "dropped words"), bubbles: true, cancelable: true, composed: true }));
    });
    await page.getByRole("link", { name: /pasted\.txt/ }).waitFor();
    await page.getByRole("link", { name: /dropped\.txt/ }).waitFor();

    // The agent has them all, with their sniffed types and sizes, once each.
    let files = [];
    while (files.length < 3) {
      files = (await demo.api.messages(id)).flatMap((m) => m.attachments || []);
      await new Promise((r) => setTimeout(r, 50));
    }
    // The two text files upload side by side: each message goes out when its upload is done.
    assert.deepEqual(files.map((f) => [f.name, f.type, f.size]).sort(),
      [["dropped.txt", "text/plain", 13], ["parcel.png", "image/png", PNG.length], ["pasted.txt", "text/plain", 12]]);
    const png = files.find((f) => f.name === "parcel.png");
    const asAgent = await fetch(`${demo.server.url}/api/v1/${png.url}`, { headers: { authorization: `Bearer ${demo.server.token}` } });
    assert.deepEqual(Buffer.from(await asAgent.arrayBuffer()), PNG);
    assert.match(asAgent.headers.get("content-disposition"), /^inline; filename\*=UTF-8''parcel\.png$/);
    // A reload keeps the conversation's files.
    await page.reload();
    await w.ready();
    await w.open();
    await page.getByRole("img", { name: "parcel.png" }).waitFor();
    assert.deepEqual(page.problems, []);
  });

  it("shows files and says why one is refused, right to left in Persian", async () => {
    const { page, id } = await visitor("فاکتورم را می‌خواهم", { locale: "fa-IR" });
    const file = await (await upload(`agent/conversations/${id}/files`, demo.server.token, "فاکتور.pdf", PDF)).json();
    await demo.api.reply(id, "بفرمایید", { attachments: [file.id] });
    const link = page.getByRole("link", { name: /فاکتور\.pdf/ });
    await link.waitFor();
    assert.equal(await page.locator(".salam-root").getAttribute("dir"), "rtl");
    // The size in Persian digits, through Intl.
    assert.match(await link.locator(".salam-file-size").textContent(), /[۰-۹]/);
    await page.getByRole("button", { name: ftl("fa", "attach-label") }).waitFor();
    await page.locator("#salam-file-input").setInputFiles({ name: "بزرگ.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x25) });
    const error = page.locator("#salam-error");
    await error.getByText(/بزرگ/).waitFor();
    assert.equal(plain(await error.textContent()), ftl("fa", "attach-too-large", { name: "بزرگ.pdf", mb: "۱۰" }));
    const axe = await axeWidget(page);
    assert.deepEqual(axe.violations.map((v) => v.id), [], "a file and a refused one, in Persian");
    assert.deepEqual(page.problems, []);
  });
  it("takes files in the leave-a-message form: checked, uploaded with progress, removable, sent with the ticket", async () => {
    const page = await newPage(demo.browser, { echo: false });
    await page.goto(demo.server.url + "/");
    const w = new Widget(page);
    await w.ready();
    await w.open();
    await page.getByRole("button", { name: "More options" }).click();
    await page.getByRole("button", { name: "Leave a message", exact: true }).click();
    const form = page.getByRole("form", { name: "Leave us a message" });
    await form.waitFor();
    const input = form.locator("input[type=file]");
    const error = form.locator(".salam-form-files .salam-field-error");
    const files = form.locator(".salam-form-file");

    // Refused in the form at once, with the name and the reason.
    await input.setInputFiles({ name: "setup.exe", mimeType: "application/x-msdownload", buffer: EXE });
    await error.getByText(/setup\.exe/).waitFor();
    assert.equal(plain(await error.textContent()), "setup.exe cannot be sent: this type of file is not accepted.");
    assert.equal(await files.count(), 0);

    // Uploading: its progress; then one uploaded, one removed.
    let held;
    await page.route("**/api/v1/files?*", (route) => { held = route; });
    await input.setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: PNG });
    const progress = form.getByRole("progressbar", { name: /Uploading .*receipt\.png/ });
    await progress.waitFor();
    assert.equal(await error.textContent(), "", "a good file clears the refusal");
    assert.deepEqual((await axeWidget(page)).violations.map((v) => v.id), [], "the form with a file uploading");
    assert.ok(held, "the upload had started");
    await held.continue();
    await page.unroute("**/api/v1/files?*");
    await progress.waitFor({ state: "detached" });
    await input.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("order 77\n") });
    await files.nth(1).waitFor();
    await files.locator("progress").first().waitFor({ state: "detached" });
    assert.deepEqual(await files.locator(".salam-file-name").allTextContents(), ["receipt.png", "notes.txt"]);
    const remove = form.getByRole("button", { name: /Remove .*notes\.txt/ });
    await remove.focus();
    await page.keyboard.press("Enter");
    await files.nth(1).waitFor({ state: "detached" });
    assert.equal(await w.focused(), "salam-form-cancel salam-form-attach", "the focus goes back to Attach a file");
    assert.deepEqual((await axeWidget(page)).violations.map((v) => v.id), [], "the form with a file");

    // Kept across a reload with what was typed; sent with the ticket.
    await form.getByLabel("Name", { exact: true }).fill("Maryam Karimi");
    await form.getByLabel("E-mail", { exact: true }).fill("maryam@example.com");
    await form.getByLabel("Message", { exact: true }).fill("The receipt for order 77 is attached.");
    await page.reload();
    await w.ready();
    await w.open();
    await page.getByRole("button", { name: "More options" }).click();
    await page.getByRole("button", { name: "Leave a message", exact: true }).click();
    await form.waitFor();
    assert.deepEqual(await files.locator(".salam-file-name").allTextContents(), ["receipt.png"]);
    await form.getByRole("button", { name: "Send" }).click();
    await page.locator(".salam-ticket-status").getByText(/#\d+/).waitFor();
    const id = await conversationWith(demo.api, "The receipt for order 77 is attached.");
    const [message] = (await demo.api.messages(id)).slice(-1);
    assert.deepEqual(message.attachments.map((a) => [a.name, a.type]), [["receipt.png", "image/png"]]);
    await page.getByRole("img", { name: "receipt.png" }).waitFor();
    assert.deepEqual(page.problems, []);
  });
});
