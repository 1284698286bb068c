// The loader and the app agree: the launcher the loader draws before the
// app has loaded (language, direction, corner, label) is the one the app
// draws when it takes over. The five cases the loader once got wrong are
// checked before and after the handover; then the built loader runs on
// every language list of the negotiation corpus, every CLDR alias of a
// shipped language and some edge cases, and must choose what the core's
// negotiation chose for them (written by `cargo xtask test`).

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Widget, launchBrowser, newPage, startDemoServer, startStaticServer } from "./harness.mjs";

const APP = /salam_widget(_bg)?(\.[0-9a-f]+)?\.(js|wasm)$/;

/** What the visitor sees of the launcher: its language, direction, label and place. */
function launcherState(page) {
  return page.evaluate(() => {
    const root = document.querySelector("salam-chat").shadowRoot.querySelector(".salam-root");
    const launcher = root.querySelector(".salam-launcher");
    const box = launcher.getBoundingClientRect();
    return {
      lang: root.lang,
      dir: root.dir,
      label: launcher.getAttribute("aria-label"),
      corner: box.left < 200 ? "left" : "right",
      box: [Math.round(box.left), Math.round(box.top), Math.round(box.width)],
    };
  });
}

describe("the loader and the app agree", () => {
  let demo, site, browser;

  before(async () => {
    demo = await startDemoServer();
    const tag = (attrs) => `<script src="${demo.url}/salam/salam.js" data-transport="echo" ${attrs} async></script>`;
    site = await startStaticServer({
      "/": ["text/html; charset=utf-8", `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Host</title></head><body><p>Host page</p>${tag("")}</body></html>`],
      "/left.html": ["text/html; charset=utf-8", `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Host</title></head><body><p>Host page</p>${tag('data-position="Left"')}</body></html>`],
      "/blank.html": ["text/html; charset=utf-8", `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Blank</title></head><body></body></html>`],
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.stop();
    await demo?.stop();
  });

  /** A page whose browser says `languages`; the app's files wait for `release()`. */
  async function held(path, languages) {
    const page = await newPage(browser, { echo: false });
    if (languages) await page.addInitScript((l) => Object.defineProperty(navigator, "languages", { get: () => l }), languages);
    let release;
    const gate = new Promise((r) => { release = r; });
    await page.route(APP, async (route) => { await gate; await route.continue(); });
    await page.goto(site.url + path);
    await page.locator("salam-chat .salam-launcher").waitFor();
    return { page, release: () => release() };
  }

  for (const [languages, lang, dir, corner] of [
    [["iw"], "he", "rtl", "left"],
    [["in"], "id", "ltr", "right"],
    [["zh_CN"], "zh-CN", "ltr", "right"],
    [["ps"], "en", "ltr", "right"],
    [["prs"], "fa", "rtl", "left"],
    [["pes", "en"], "fa", "rtl", "left"],
  ]) {
    it(`navigator.languages ${JSON.stringify(languages)}: ${lang}, ${dir}, bottom-${corner}, the same before and after the app`, async () => {
      const { page, release } = await held("/", languages);
      const facade = await launcherState(page);
      assert.equal(await page.evaluate(() => document.querySelector("salam-chat").dataset.salam), "loading", "still the loader's");
      assert.deepEqual([facade.lang, facade.dir, facade.corner], [lang, dir, corner]);
      release();
      await new Widget(page).page.waitForFunction(() => document.querySelector("salam-chat")?.dataset.salam === "ready");
      assert.deepEqual(await launcherState(page), facade, "the app draws the same launcher");
      assert.deepEqual(page.problems, []);
    });
  }

  it('data-position="Left" pins the corner in the loader as in the app', async () => {
    const { page, release } = await held("/left.html", ["en-US"]);
    const facade = await launcherState(page);
    assert.equal(facade.corner, "left");
    release();
    await page.waitForFunction(() => document.querySelector("salam-chat")?.dataset.salam === "ready");
    assert.deepEqual(await launcherState(page), facade);
    assert.deepEqual(page.warnings.filter((w) => w.includes('"position"')), [], "no warning: the value is good");
  });

  it("the built loader chooses what the core's negotiation chooses, on every list", async () => {
    const file = process.env.SALAM_NEGOTIATION;
    assert.ok(file, "SALAM_NEGOTIATION is set by cargo xtask test");
    const cases = JSON.parse(readFileSync(file, "utf8"));
    assert.ok(cases.length > 100, `${cases.length} lists`);
    const page = await newPage(browser, { echo: false });
    await page.goto(site.url + "/blank.html");
    const loader = await (await fetch(`${demo.url}/salam/salam.js`)).text();
    const got = await page.evaluate(({ loader, cases }) => {
      // Save-Data: the loader draws and loads nothing.
      Object.defineProperty(navigator, "connection", { value: { saveData: true }, configurable: true });
      return cases.map(({ languages }) => {
        document.querySelectorAll("salam-chat").forEach((e) => e.remove());
        delete window.__salam;
        delete window.Salam;
        Object.defineProperty(navigator, "languages", { get: () => languages, configurable: true });
        new Function(loader)();
        const root = document.querySelector("salam-chat").shadowRoot.querySelector(".salam-root");
        return { lang: root.lang, dir: root.dir, label: root.querySelector(".salam-launcher").getAttribute("aria-label") };
      });
    }, { loader, cases });
    const differ = cases
      .map((c, i) => ({ languages: c.languages, core: [c.lang, c.dir, c.label], loader: [got[i].lang, got[i].dir, got[i].label] }))
      .filter((d) => JSON.stringify(d.core) !== JSON.stringify(d.loader));
    assert.deepEqual(differ, [], `${differ.length} of ${cases.length} lists differ`);
    assert.deepEqual(page.problems, []);
  });
});
