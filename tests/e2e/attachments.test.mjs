// Attachments both ways, on the real server: a file refused in the widget
// before any byte is sent (type, size; in Persian too), an upload with its
// progress bar cancelled (the server never stores it), an image picked,
// pasted or dropped and previewed with its name as the text alternative,
// the server's own checks (the content must be an allowed kind and what
// the name says), files served only to the conversation's visitor and its
// agents with nosniff, and an agent's reply with a PDF from the console
// that the visitor downloads.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { AGENT_KEY, Widget, axeWidget, newPage, root, useDemo } from "./harness.mjs";

const plain = (text) => text.replace(/[\u2068\u2069]/g, "");
const ftl = (lang, id, args = {}) => {
  const m = new RegExp(`^${id} = (.*)$`, "m").exec(readFileSync(join(root, "locales", lang, "salam.ftl"), "utf8"));
  assert.ok(m, `${lang} has ${id}`);
  return m[1].trim().replace(/\{ \$(\w+) \}/g, (_, k) => args[k]);
};

// A real 2×2 PNG (red, green, blue, white).
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANBQEBaw4RNQAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const EXE = Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "latin1");

describe("attachments", () => {
  const demo = useDemo();

  async function visit(options = {}) {
    const page = await newPage(demo.browser, { echo: false, ...options });
    await page.goto(demo.server.url + "/");
    const w = new Widget(page, options.title ? { title: options.title } : {});
    await w.ready();
    return { page, w };
  }
  const input = (page) => page.locator("#salam-file-input");
  const token = (page) => page.evaluate(() => JSON.parse(localStorage.getItem("salam:v1") || "{}").token);
  const rows = (page) => page.locator(".salam-msg-visitor");

  it("checks before sending, shows progress and cancels, previews, and serves files only to their conversation", async () => {
    const { page, w } = await visit();
    await w.open();
    await w.composer.fill("Here is the photo of the parcel.");
    await w.composer.press("Enter");
    await page.getByText("Sent", { exact: true }).waitFor();
    const attach = page.getByRole("button", { name: "Attach a file" });
    assert.equal(await attach.isVisible(), true);

    // Refused at once, with the name and the reason; no request goes out.
    const uploads = [];
    page.on("request", (r) => { if (r.url().includes("/api/v1/files")) uploads.push(r.method()); });
    const error = page.locator("#salam-error");
    await input(page).setInputFiles({ name: "big.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x25) });
    await error.getByText(/big\.pdf/).waitFor();
    assert.equal(plain(await error.textContent()), "big.pdf cannot be sent: files can be 10 MB at most.");
    await input(page).setInputFiles({ name: "setup.exe", mimeType: "application/x-msdownload", buffer: EXE });
    assert.equal(plain(await error.textContent()), "setup.exe cannot be sent: this type of file is not accepted.");
    assert.equal(await w.composer.getAttribute("aria-invalid"), "true");
    assert.deepEqual(uploads, [], "nothing was sent");
    assert.equal(await rows(page).count(), 1);

    // An upload the server has not answered yet: its progress and Cancel.
    let held;
    await page.route("**/api/v1/files?*", (route) => { held = route; });
    await input(page).setInputFiles({ name: "parcel.png", mimeType: "image/png", buffer: PNG });
    assert.equal(await error.textContent(), "", "a good file clears the last refusal");
    const progress = page.getByRole("progressbar", { name: /Uploading .*parcel\.png/ });
    await progress.waitFor();
    assert.equal(await progress.getAttribute("max"), String(PNG.length));
    const uploading = await axeWidget(page);
    assert.deepEqual(uploading.violations.map((v) => v.id), [], "an attachment uploading");
    await page.getByRole("button", { name: "Cancel" }).click();
    await progress.waitFor({ state: "detached" });
    assert.equal(await rows(page).count(), 1, "the cancelled row is gone");
    assert.ok(held, "the upload had started");
    await page.unroute("**/api/v1/files?*");

    // Picked for real: uploaded, sent, previewed with its name as its text alternative.
    await input(page).setInputFiles({ name: "parcel.png", mimeType: "image/png", buffer: PNG });
    const image = page.getByRole("img", { name: "parcel.png" });
    await image.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector("salam-chat").shadowRoot.querySelector("img.salam-file-image");
      return img && img.complete && img.naturalWidth === 2;
    });
    const link = page.getByRole("link", { name: /parcel\.png/ });
    assert.equal(await link.getAttribute("download"), "parcel.png");
    await rows(page).nth(1).getByText("Sent", { exact: true }).waitFor();
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
      shadow.querySelector(".salam-log, [role=log]").dispatchEvent(new DragEvent("drop",
        { dataTransfer: transfer("dropped.txt", "dropped words"), bubbles: true, cancelable: true, composed: true }));
    });
    await page.getByRole("link", { name: /pasted\.txt/ }).waitFor();
    await page.getByRole("link", { name: /dropped\.txt/ }).waitFor();
    await page.getByText("Sent", { exact: true }).first().waitFor();

    // The agent sees the files, with their sizes and sniffed types.
    const list = await demo.api.conversations();
    const id = list.find((c) => c.last_message).id;
    let files = [];
    for (;;) {
      files = (await demo.api.messages(id)).flatMap((m) => m.attachments || []);
      if (files.length === 3) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual(files.map((f) => [f.name, f.type, f.size]),
      [["parcel.png", "image/png", PNG.length], ["pasted.txt", "text/plain", 12], ["dropped.txt", "text/plain", 13]]);

    // Served to the agents and to this visitor, with nosniff; to nobody else.
    const url = `${demo.server.url}/api/v1/${files[0].url}`;
    const get = (auth) => fetch(url, { headers: auth ? { authorization: `Bearer ${auth}` } : {} });
    const asAgent = await get(AGENT_KEY);
    assert.equal(asAgent.status, 200);
    assert.deepEqual(Buffer.from(await asAgent.arrayBuffer()), PNG);
    assert.equal(asAgent.headers.get("x-content-type-options"), "nosniff");
    assert.equal(asAgent.headers.get("content-type"), "image/png");
    assert.match(asAgent.headers.get("content-disposition"), /^inline; filename\*=UTF-8''parcel\.png$/);
    const text = await fetch(`${demo.server.url}/api/v1/${files[1].url}`, { headers: { authorization: `Bearer ${AGENT_KEY}` } });
    assert.match(text.headers.get("content-disposition"), /^attachment; /, "a file that is not an image is saved, not shown");
    assert.equal(text.headers.get("x-content-type-options"), "nosniff");
    const mine = await token(page);
    assert.equal((await get(mine)).status, 200, "the visitor who sent it");
    assert.equal((await get(null)).status, 404);
    assert.equal((await get("not-a-token")).status, 404);
    const other = await visit();
    await other.w.open();
    await other.w.composer.fill("Someone else");
    await other.w.composer.press("Enter");
    await other.page.getByText("Sent", { exact: true }).waitFor();
    assert.equal((await get(await token(other.page))).status, 404, "another visitor");

    // The server checks the content itself, whatever the widget let through.
    const upload = (name, body) => fetch(`${demo.server.url}/api/v1/files?name=${encodeURIComponent(name)}`,
      { method: "POST", headers: { authorization: `Bearer ${mine}` }, body });
    assert.equal((await upload("invoice.pdf", EXE)).status, 415, "a program named as a PDF");
    assert.equal((await upload("notes.txt", PNG)).status, 422, "an image named as text");
    assert.equal((await upload("x.svg", "<svg onload=alert(1)>")).status, 422);
    assert.equal((await upload("big.txt", Buffer.alloc(10 * 1024 * 1024 + 1, 0x61))).status, 413);

    // The agent answers from the console with a PDF; the visitor downloads it.
    const agent = await newPage(demo.browser, { echo: false });
    await agent.goto(`${demo.server.url}/agent/#key=${AGENT_KEY}`);
    await agent.locator(`[data-testid=conversation-row][data-id="${id}"]`).getByRole("button").click();
    await agent.getByRole("img", { name: "parcel.png" }).waitFor();
    await agent.waitForFunction(() => [...document.querySelectorAll(".msg__image")].some((i) => i.naturalWidth === 2));
    await agent.getByLabel("Attach files").setInputFiles({ name: "invoice-1042.pdf", mimeType: "application/pdf", buffer: PDF });
    await agent.getByTestId("reply").fill("Here is your invoice.");
    await agent.getByTestId("send").click();
    await agent.getByTestId("file").filter({ hasText: "invoice-1042.pdf" }).waitFor();
    await agent.addScriptTag({ path: createRequire(import.meta.url).resolve("axe-core/axe.min.js") });
    const consoleAxe = await agent.evaluate(() => axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    }));
    assert.deepEqual(consoleAxe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), [], "the console with files");

    const invoice = page.getByRole("link", { name: /invoice-1042\.pdf/ });
    await invoice.waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), invoice.click()]);
    assert.equal(download.suggestedFilename(), "invoice-1042.pdf");
    assert.deepEqual(readFileSync(await download.path()), PDF);
    assert.deepEqual([...page.problems, ...other.page.problems, ...agent.problems], []);
  });

  it("says why a file is refused in Persian, right to left", async () => {
    const page = await newPage(demo.browser, { echo: false, locale: "fa-IR" });
    await page.goto(demo.server.url + "/");
    await page.waitForFunction(() => document.querySelector("salam-chat")?.dataset.salam === "ready", null, { timeout: 20000 });
    await page.getByRole("button", { name: "گفتگو با ما" }).click();
    const attach = page.getByRole("button", { name: ftl("fa", "attach-label") });
    await attach.waitFor();
    assert.equal(await page.locator(".salam-root").getAttribute("dir"), "rtl");
    await input(page).setInputFiles({ name: "بزرگ.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x25) });
    const error = page.locator("#salam-error");
    await error.getByText(/بزرگ/).waitFor();
    assert.equal(plain(await error.textContent()), ftl("fa", "attach-too-large", { name: "بزرگ.pdf", mb: "۱۰" }));
    const axe = await axeWidget(page);
    assert.deepEqual(axe.violations.map((v) => v.id), [], "a refused file, in Persian");
    assert.deepEqual(page.problems, []);
  });
});
