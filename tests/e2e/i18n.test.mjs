// The visitor's language, as a browser sets it: Persian right-to-left,
// German for de-AT, English for anything unsupported; a runtime switch; and
// the bidi corpus rendered in fa and ar (screenshots in tests/artifacts/).

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { axeWidget, newPage, root, saveArtifact, sendRaw, useDemo } from "./harness.mjs";

const ftl = (lang, id) => {
  // The first line of a simple message, as the widget shows it.
  const m = new RegExp(`^${id} = (.*)$`, "m").exec(readFileSync(join(root, "locales", lang, "salam.ftl"), "utf8"));
  return m[1];
};
const ftlVariant = (lang, id, variant) => {
  // One variant of a select message, e.g. `[0]` of launcher-label.
  const source = readFileSync(join(root, "locales", lang, "salam.ftl"), "utf8");
  const body = source.slice(source.indexOf(`\n${id} =`));
  const line = body.split("\n").find((l) => l.trim().startsWith(variant));
  return line.trim().slice(variant.length).trim();
};
const bidiCases = JSON.parse(readFileSync(join(root, "tests/corpora/bidi/bidi_character_test_sample.json"), "utf8")).cases;
const udhr = (name) => readFileSync(join(root, "tests/corpora/bidi/udhr_rtl_samples", name), "utf8")
  .split("\n---\n")[1].split("\n").map((l) => l.trim()).filter((l) => l.length > 20).slice(0, 2);

describe("languages and direction", () => {
  const demo = useDemo();

  async function visit(locale) {
    const page = await newPage(demo.browser, { locale });
    await page.goto(demo.server.url + "/");
    const launcher = page.locator("salam-chat .salam-launcher");
    await launcher.waitFor();
    // The app, not just the loader's launcher (a click before the app is
    // ready opens a loading panel without a composer).
    await page.waitForFunction(() => document.querySelector("salam-chat")?.dataset.salam === "ready");
    const rootEl = page.locator("salam-chat .salam-root");
    return { page, launcher, rootEl };
  }

  it("the bundle carries English; a Persian visitor downloads the Persian messages and no other language", async () => {
    for (const [locale, expected] of [["fa", [/\/salam-fa\.[0-9a-f]{10}\.ftl$/]], ["en-GB", []]]) {
      const page = await newPage(demo.browser, { locale });
      const fetched = [];
      page.on("request", (r) => { if (r.url().endsWith(".ftl")) fetched.push(r.url()); });
      await page.goto(demo.server.url + "/");
      await page.locator("salam-chat .salam-launcher").click();
      await page.getByRole("textbox").waitFor();
      assert.equal(fetched.length, expected.length, `${locale}: ${fetched.join(", ")}`);
      expected.forEach((re, i) => assert.match(fetched[i], re));
      const lang = locale.slice(0, 2);
      assert.equal(await page.getByRole("textbox").getAttribute("placeholder"), ftl(lang, "composer-placeholder"));
      assert.deepEqual(page.problems, []);
    }
  });

  it("a browser in Persian gets the Persian right-to-left UI, launcher bottom-left", async () => {
    const { page, launcher, rootEl } = await visit("fa");
    assert.equal(await rootEl.getAttribute("dir"), "rtl");
    assert.equal(await rootEl.getAttribute("lang"), "fa");
    const label = await launcher.getAttribute("aria-label");
    assert.equal(label, ftlVariant("fa", "launcher-label", "[0]"), "the Persian label, no unread messages");
    const box = await launcher.boundingBox();
    assert.ok(box.x < 120 && box.y > 800 - 120, `bottom-left: ${JSON.stringify(box)}`);
    await launcher.click();
    const panel = page.getByRole("dialog");
    await panel.waitFor();
    const pbox = await panel.boundingBox();
    assert.ok(pbox.x < 40, `panel opens on the left: ${JSON.stringify(pbox)}`);
    assert.equal(await page.getByRole("textbox").getAttribute("placeholder"), ftl("fa", "composer-placeholder"));
    // Direction-implying icons point the other way.
    const transform = await page.evaluate(() =>
      getComputedStyle(document.querySelector("salam-chat").shadowRoot.querySelector(".salam-send .salam-icon")).transform);
    assert.equal(transform, "matrix(-1, 0, 0, 1, 0, 0)");
    const result = await axeWidget(page);
    assert.deepEqual(result.violations.map((v) => v.id), []);
    assert.deepEqual(page.problems, []);
  });

  it("a browser in de-AT gets German", async () => {
    const { page, launcher, rootEl } = await visit("de-AT");
    assert.equal(await rootEl.getAttribute("lang"), "de");
    assert.equal(await rootEl.getAttribute("dir"), "ltr");
    await launcher.click();
    assert.equal(await page.getByRole("textbox").getAttribute("placeholder"), ftl("de", "composer-placeholder"));
    assert.equal(await page.getByRole("button", { name: ftl("de", "close-label") }).count(), 1);
  });

  it("an unsupported language gets English", async () => {
    const { page, rootEl } = await visit("sw-KE");
    assert.equal(await rootEl.getAttribute("lang"), "en");
    assert.equal(await page.getByRole("button", { name: "Chat with us" }).count(), 1);
  });

  it("Salam('locale', …) switches language and direction in place, without a reload", async () => {
    const { page, launcher, rootEl } = await visit("en-US");
    await page.evaluate(() => { window.__marker = 1; });
    await launcher.click();
    await page.getByRole("textbox").fill("hello");
    await page.getByRole("textbox").press("Enter");
    const events = await page.evaluate(() => {
      window.__locales = [];
      addEventListener("salam:locale", (e) => window.__locales.push(e.detail));
      Salam("locale", "ar");
      return true;
    });
    assert.ok(events);
    await page.waitForFunction(() => document.querySelector("salam-chat").shadowRoot.querySelector(".salam-root").dir === "rtl");
    assert.equal(await rootEl.getAttribute("lang"), "ar");
    assert.equal(await page.getByRole("textbox").getAttribute("placeholder"), ftl("ar", "composer-placeholder"));
    const box = await launcher.boundingBox();
    assert.ok(box.x < 120, "launcher moved to the left");
    assert.equal(await page.evaluate(() => window.__marker), 1, "no reload");
    // The visitor's own message (the echo bot's reply may or may not be in yet).
    assert.deepEqual(await page.evaluate(() =>
      [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg-visitor .salam-text")].map((e) => e.textContent)), ["hello"],
    "the conversation stays");
    await page.evaluate(() => Salam("locale", null));
    await page.waitForFunction(() => document.querySelector("salam-chat").shadowRoot.querySelector(".salam-root").lang === "en");
    await page.evaluate(() => Salam("locale", "en-XA"));
    await page.waitForFunction(() => document.querySelector("salam-chat").shadowRoot.querySelector(".salam-root").lang === "en-XA");
    const pseudo = await page.getByRole("textbox").getAttribute("placeholder");
    assert.match(pseudo, /^\[.*\]$/);
    assert.ok(pseudo.length > "Write a message…".length * 1.25, pseudo);
    assert.deepEqual(await page.evaluate(() => window.__locales), ["ar", "en", "en-XA"]);
    assert.deepEqual(page.problems, []);
  });

  for (const locale of ["fa", "ar"]) {
    it(`renders the bidi corpus in ${locale}: text kept exactly, each message isolated (screenshot)`, async () => {
      const { page, launcher } = await visit(locale);
      await launcher.click();
      // Prose in right-to-left scripts (first strong character is RTL), and
      // the UBA corpus lines; for its "auto" lines the corpus gives the
      // resolved paragraph level, which dir="auto" must reproduce.
      const prose = [
        ...udhr(locale === "fa" ? "udhr_pes_1.txt" : "udhr_arb.txt"),
        ...udhr("udhr_heb.txt").slice(0, 1),
        ...udhr("udhr_urd.txt").slice(0, 1),
      ].map((text) => ({ text, rtl: true }));
      const uba = bidiCases.filter((c) => c.text.trim() === c.text && c.text.length > 0)
        .map((c) => ({ text: c.text, rtl: c.paragraph_direction === "auto" ? c.resolved_paragraph_level === 1 : null }));
      const cases = [...prose, ...uba];
      const samples = cases.map((c) => c.text);
      for (const text of samples) {
        await sendRaw(page, text);
      }
      await page.waitForFunction((n) =>
        document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg-bot").length === n, samples.length);
      const rendered = await page.evaluate(() => [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg")]
        .map((m) => {
          const t = m.querySelector(".salam-text");
          return {
            text: t.textContent, dirAttr: t.getAttribute("dir"), rtl: t.matches(":dir(rtl)"),
            author: m.querySelector(".salam-author bdi") !== null, visitor: m.classList.contains("salam-msg-visitor"),
          };
        }));
      const visitor = rendered.filter((r) => r.visitor);
      const bot = rendered.filter((r) => !r.visitor);
      assert.deepEqual(visitor.map((r) => r.text), samples, "bidi controls and text preserved exactly");
      assert.deepEqual(bot.map((r) => r.text), samples, "and in the bot's replies");
      assert.ok(rendered.every((r) => r.dirAttr === "auto" && r.author), "every message and name is isolated");
      cases.forEach((c, i) => {
        if (c.rtl !== null) assert.equal(visitor[i].rtl, c.rtl, `message ${i} direction: ${JSON.stringify(c.text)}`);
      });
      assert.ok(cases.filter((c) => c.rtl !== null).length >= 5);
      await page.evaluate(() => document.querySelector("salam-chat").shadowRoot.querySelector(".salam-log").scrollTop = 0);
      saveArtifact(`bidi-${locale}.png`, await page.getByRole("dialog").screenshot({ animations: "disabled", caret: "hide" }));
      assert.deepEqual(page.problems, []);
    });
  }
});
