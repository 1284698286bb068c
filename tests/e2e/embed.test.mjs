// The one-tag embed on plain static pages served from another origin:
// config sources, the command queue and events, idempotent loading,
// shutdown, and a host page with hostile CSS.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { PNG } from "pngjs";
import { Widget, launchBrowser, newPage, saveArtifact, startDemoServer, startStaticServer } from "./harness.mjs";

const HTML = "text/html; charset=utf-8";

describe("one-tag embed on another origin", () => {
  let demo, site, browser;
  const pages = {};
  const page = (path, body, head = "") => {
    pages[path] = [HTML, `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Host ${path}</title>${head}</head><body>${body}</body></html>`];
  };

  before(async () => {
    demo = await startDemoServer();
    const src = `${demo.url}/salam/salam.js`;
    const tag = (attrs = "async") => `<script src="${src}" data-transport="echo" ${attrs}></script>`;
    const stub = `<script>window.Salam=window.Salam||function(){(Salam.q=Salam.q||[]).push(arguments)};
      window.events=[];["ready","open","close","shutdown"].forEach(function(n){addEventListener("salam:"+n,function(){events.push(n)})});</script>`;
    page("/async.html", `<p>async tag</p>${tag("async")}`);
    page("/defer.html", `<p>defer tag</p>${tag("defer")}`);
    page("/plain.html", `<p>plain tag</p>${tag("")}`);
    page("/head.html", "<p>tag in head</p>", tag("async"));
    page("/config.html", `<script>window.salamSettings={title:"From settings",bogusKey:1,subtitle:"Sub <b>text</b>"};</script>
      ${tag('async data-title="From the tag" data-position="left" data-opne="true"')}`);
    // A title cut in the middle of an emoji (a lone surrogate), and a value
    // JSON cannot hold (a BigInt): neither may cost the other settings.
    page("/surrogate.html", `<script>window.salamSettings={title:"Help \\uD83D",position:"left",subtitle:10n};</script>
      ${tag('async data-title="From the tag"')}`);
    page("/queue.html", `${stub}<script>Salam("open");</script>${tag()}`);
    page("/twice.html", `${stub}${tag()}${tag()}`);
    page("/blank.html", `<p>Host page</p>${stub}${tag('async data-title="Styled"')}`);
    page("/hostile.html", `<p>Host page</p>${stub}${tag('async data-title="Styled"')}`, '<link rel="stylesheet" href="/hostile.css">');
    pages["/hostile.css"] = ["text/css", "* { all: unset !important; font-size: 40px !important }\nbutton { display: none !important }\ndiv { direction: rtl }\n"];
    site = await startStaticServer(pages);
    assert.notEqual(new URL(site.url).origin, new URL(demo.url).origin);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.stop();
    await demo?.stop();
  });

  async function load(path, title = "Support") {
    const p = await newPage(browser);
    await p.goto(site.url + path);
    const w = new Widget(p, { title });
    await w.ready();
    return { p, w };
  }

  for (const path of ["/async.html", "/defer.html", "/plain.html", "/head.html"]) {
    it(`shows the launcher from a cross-origin tag (${path})`, async () => {
      const { p, w } = await load(path);
      assert.equal(await w.hostCount(), 1);
      const box = await w.launcher.boundingBox();
      assert.ok(box.x > 1280 - 120 && box.y > 800 - 120, `bottom-right corner: ${JSON.stringify(box)}`);
      await w.open();
      assert.deepEqual(p.problems, []);
    });
  }

  it("reads data-* and salamSettings (settings win) and warns once per bad key", async () => {
    const { p, w } = await load("/config.html", "From settings");
    await w.open();
    assert.equal(await p.getByText("Sub <b>text</b>").count(), 1, "owner text is shown as text");
    const box = await w.launcher.boundingBox();
    assert.ok(box.x < 120, `data-position="left" puts it bottom-left: ${JSON.stringify(box)}`);
    const bogus = p.warnings.filter((m) => m.includes('"bogusKey"'));
    const typo = p.warnings.filter((m) => m.includes('"opne"'));
    assert.equal(bogus.length, 1, p.warnings.join("\n"));
    assert.equal(typo.length, 1, p.warnings.join("\n"));
    assert.match(typo[0], /did you mean "open"/);
  });

  it("a lone surrogate or an unreadable value costs only its own setting", async () => {
    const { p, w } = await load("/surrogate.html", "Help \uFFFD");
    await w.open();
    const box = await w.launcher.boundingBox();
    assert.ok(box.x < 120, `the position setting still applies: ${JSON.stringify(box)}`);
    await w.composer.fill("still works");
    await w.composer.press("Enter");
    await p.waitForFunction(() => document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg").length === 2);
    const ours = p.warnings.filter((m) => m.startsWith("salam:"));
    assert.equal(ours.length, 1, ours.join("\n"));
    assert.match(ours[0], /setting "subtitle": could not be read/);
    assert.deepEqual(p.problems, []);
  });

  it("runs commands queued before load, and after; fires salam:* events", async () => {
    const { p, w } = await load("/queue.html");
    await w.panel.waitFor({ state: "visible" });
    assert.deepEqual(await p.evaluate(() => events), ["ready", "open"]);
    await p.evaluate(() => Salam("close"));
    await w.panel.waitFor({ state: "hidden" });
    await p.evaluate(() => Salam("toggle"));
    await w.panel.waitFor({ state: "visible" });
    await p.evaluate(() => Salam("toggle"));
    await w.panel.waitFor({ state: "hidden" });
    await p.evaluate(() => Salam("open"));
    await p.evaluate(() => Salam("open")); // no second event: already open
    await p.evaluate(() => Salam("no-such-command"));
    assert.deepEqual(await p.evaluate(() => events), ["ready", "open", "close", "open", "close", "open"]);
    assert.equal(p.warnings.filter((m) => m.includes('"no-such-command"')).length, 1);
  });

  it("loading the script twice makes one widget; shutdown removes it; loading again restarts", async () => {
    const { p, w } = await load("/twice.html");
    // A third copy added after start, as a tag manager might.
    await p.evaluate((src) => new Promise((r) => {
      const s = document.createElement("script");
      s.src = src; s.onload = r; document.body.append(s);
    }), `${demo.url}/salam/salam.js`);
    await p.waitForTimeout(300);
    assert.equal(await w.hostCount(), 1);
    assert.deepEqual(await p.evaluate(() => events), ["ready"]);

    await p.evaluate(() => Salam("shutdown"));
    assert.equal(await w.hostCount(), 0, "host element removed");
    assert.equal(await p.evaluate(() => typeof window.Salam), "undefined", "global removed");
    assert.equal(await p.evaluate(() => "__salam" in window), false);
    assert.deepEqual(await p.evaluate(() => events), ["ready", "shutdown"]);

    await p.evaluate((src) => { const s = document.createElement("script"); s.src = src; document.body.append(s); },
      `${demo.url}/salam/salam.js`);
    await w.ready();
    assert.equal(await w.hostCount(), 1);
    await w.open();
    await w.composer.fill("after restart");
    await w.composer.press("Enter");
    assert.deepEqual(await w.messages(), ["after restart"]);
    assert.deepEqual(p.problems, []);
  });

  it("looks exactly the same under hostile host-page CSS", async () => {
    const shots = {};
    for (const path of ["/blank.html", "/hostile.html"]) {
      const { p, w } = await load(path, "Styled");
      await w.open();
      await w.composer.fill("Hostile CSS check");
      await w.composer.press("Enter");
      await p.waitForFunction(() =>
        document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg-bot").length === 1);
      await w.launcher.focus();
      await w.settled();
      shots[path] = {
        panel: await w.panel.screenshot({ animations: "disabled", caret: "hide" }),
        launcher: await w.launcher.screenshot({ animations: "disabled", caret: "hide" }),
      };
      if (path === "/hostile.html") {
        // The hostile rules did apply to the page itself.
        assert.equal(await p.evaluate(() => getComputedStyle(document.querySelector("p")).fontSize), "40px");
      }
    }
    for (const part of ["panel", "launcher"]) {
      const a = PNG.sync.read(shots["/blank.html"][part]);
      const b = PNG.sync.read(shots["/hostile.html"][part]);
      let differing = 0;
      if (a.width === b.width && a.height === b.height) {
        for (let i = 0; i < a.data.length; i += 4) {
          if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2]) differing++;
        }
      }
      if (a.width !== b.width || a.height !== b.height || differing) {
        saveArtifact(`${part}-blank.png`, shots["/blank.html"][part]);
        saveArtifact(`${part}-hostile.png`, shots["/hostile.html"][part]);
      }
      assert.deepEqual([b.width, b.height], [a.width, a.height], `${part} size`);
      assert.equal(differing, 0, `${part}: ${differing} pixels differ (see tests/artifacts/)`);
    }
    saveArtifact("panel-blank.png", shots["/blank.html"].panel);
  });
});
