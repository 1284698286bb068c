// Other channels: the owner's WhatsApp, Telegram, e-mail, phone and web
// links in the panel, each built by the core from the owner's value (never a
// javascript: or data: link), opening apart from the page, with an icon and
// a text in the visitor's language; a bad one is named in one warning.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Widget, axeWidget, newPage, useDemo } from "./harness.mjs";

const CHANNELS = [
  { type: "whatsapp", value: "+98 912 345 6789" },
  { type: "telegram", value: "@salam_support" },
  { type: "email", value: "help@shop.example", label: { en: "Write to us", fa: "به ما ایمیل بزنید" } },
  { type: "phone", value: "+1 (555) 010-9999" },
  { type: "link", value: "javascript:alert(1)" },
  { type: "link", value: "https://shop.example/contact" },
];

describe("other channels", () => {
  const demo = useDemo();

  async function visit(options = {}) {
    const page = await newPage(demo.browser, { echo: false, ...options });
    await page.addInitScript((channels) => { window.salamSettings = { channels }; }, CHANNELS);
    await page.goto(demo.server.url + "/");
    return page;
  }

  const links = (page) => page.locator(".salam-channel").evaluateAll((all) => all.map((a) =>
    [a.textContent, a.getAttribute("href"), a.getAttribute("target"), a.getAttribute("rel"), !!a.querySelector("svg[aria-hidden=true]")]));

  it("shows each good channel as a safe link, and warns once about the bad one", async () => {
    const page = await visit();
    const w = new Widget(page);
    await w.ready();
    await w.open();
    const nav = page.getByRole("navigation", { name: "Other ways to reach us" });
    await nav.waitFor();
    const rel = "noopener noreferrer nofollow";
    assert.deepEqual(await links(page), [
      ["WhatsApp", "https://wa.me/989123456789", "_blank", rel, true],
      ["Telegram", "https://t.me/salam_support", "_blank", rel, true],
      ["Write to us", "mailto:help@shop.example", "_blank", rel, true],
      ["Call us", "tel:+15550109999", "_blank", rel, true],
      ["Our website", "https://shop.example/contact", "_blank", rel, true],
    ]);
    const warned = page.warnings.filter((m) => m.includes('"channels"'));
    assert.equal(warned.length, 1, page.warnings.join("\n"));
    assert.match(warned[0], /channel 4/);
    // By keyboard: each link is a tab stop.
    await nav.getByRole("link", { name: "WhatsApp" }).focus();
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.querySelector("salam-chat").shadowRoot.activeElement?.textContent), "Telegram");
    const axe = await axeWidget(page);
    assert.deepEqual(axe.violations.map((v) => v.id), [], "the panel with channels");
    assert.deepEqual(page.problems, []);
  });

  it("in Persian, right to left, with the owner's Persian text", async () => {
    const page = await visit({ locale: "fa-IR" });
    await page.waitForFunction(() => document.querySelector("salam-chat")?.dataset.salam === "ready", null, { timeout: 20000 });
    await page.getByRole("button", { name: "گفتگو با ما" }).click();
    const nav = page.locator(".salam-channels");
    await nav.getByText("به ما ایمیل بزنید").waitFor();
    assert.equal(await nav.evaluate((n) => getComputedStyle(n).direction), "rtl");
    const axe = await axeWidget(page);
    assert.deepEqual(axe.violations.map((v) => v.id), [], "channels in Persian");
    assert.deepEqual(page.problems, []);
  });
});
