// Test harness: starts the real demo server and headless system Chromium,
// and a plain static server on another origin for embed tests. Every
// process started here is stopped by the test that started it.

import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before } from "node:test";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "..", "..");
export const artifacts = join(root, "tests", "artifacts");

const env = (name, fallback) => process.env[name] || fallback;

/** Starts `salam-demo --port 0` and resolves when it prints its URL. */
export async function startDemoServer() {
  const bin = env("SALAM_DEMO_BIN", join(root, "target/debug/salam-demo"));
  const args = ["--port", "0", "--host", "127.0.0.1",
    "--dist", env("SALAM_DIST", join(root, "dist")),
    "--site", env("SALAM_SITE", join(root, "widget-demo/site"))];
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo server did not start:\n${log}`)), 20000);
    const onData = (chunk) => {
      log += chunk;
      const m = /Salam demo: (http:\/\/[^\s]+)/.exec(log);
      if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, "")); }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (c) => { log += c; });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`demo server exited (${code}):\n${log}`)); });
  });
  return {
    url,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", resolve);
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 3000).unref();
    }),
  };
}

/** Registers before/after hooks for a suite: the demo server and a browser.
 * Returns an object whose `server` and `browser` are set once `before` ran. */
export function useDemo() {
  const ctx = { server: null, browser: null };
  before(async () => {
    ctx.server = await startDemoServer();
    ctx.browser = await launchBrowser();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core on the widget only, WCAG 2.2 A and AA rules. */
export async function axeWidget(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(() => axe.run({ include: [["salam-chat"]] }, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
  }));
}

/** Puts `text` in the composer exactly (no keyboard, so fast for corpora)
 * and sends it with Enter through the real composer. */
export async function sendRaw(page, text) {
  await page.evaluate((t) => {
    const ta = document.querySelector("salam-chat").shadowRoot.querySelector("textarea");
    ta.value = t;
    ta.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
  await page.getByRole("textbox").press("Enter");
}

/** A static server on its own origin: `pages` maps paths to [type, body]. */
export async function startStaticServer(pages) {
  const server = createServer((req, res) => {
    const page = pages[req.url.split("?")[0]];
    if (!page) { res.writeHead(404); res.end("not found"); return; }
    res.writeHead(200, { "content-type": page[0], "cache-control": "no-store" });
    res.end(page[1]);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

/** Headless system Chromium with the flags this closed network needs. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: env("CHROMIUM", "/usr/bin/chromium"),
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--font-render-hinting=none"],
  });
}

/** A new page that fails the test on any uncaught error or console error. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  page.problems = [];
  page.warnings = [];
  page.on("pageerror", (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") page.problems.push(`console.error: ${m.text()}`);
    if (m.type() === "warning") page.warnings.push(m.text());
  });
  return page;
}

export function saveArtifact(name, bytes) {
  mkdirSync(artifacts, { recursive: true });
  const path = join(artifacts, name);
  writeFileSync(path, bytes);
  return path;
}

/** Role-based access to the widget, piercing its open shadow root. */
export class Widget {
  constructor(page, { title = "Salam demo" } = {}) {
    this.page = page;
    this.launcher = page.getByRole("button", { name: /^Chat with us/ });
    this.panel = page.getByRole("dialog", { name: title });
    this.closeButton = page.getByRole("button", { name: "Close chat" });
    this.log = page.getByRole("log", { name: "Conversation" });
    this.composer = page.getByRole("textbox", { name: "Message" });
    this.send = page.getByRole("button", { name: "Send" });
  }

  async ready() {
    await this.launcher.waitFor({ state: "visible", timeout: 20000 });
    // The app is mounted once the launcher carries its aria-controls.
    await this.page.waitForFunction(() => !!document.querySelector("salam-chat")?.shadowRoot?.querySelector(".salam-launcher"));
  }

  async open() {
    await this.launcher.click();
    await this.panel.waitFor({ state: "visible" });
  }

  /** Resolves when the panel's entry transition has finished. */
  settled() {
    return this.page.waitForFunction(() => {
      const panel = document.querySelector("salam-chat")?.shadowRoot?.querySelector(".salam-panel");
      return panel && panel.getAnimations().every((a) => a.playState === "finished");
    });
  }

  /** Visible text of each message bubble, in order. */
  messages() {
    return this.page.evaluate(() =>
      [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg .salam-text")].map((e) => e.textContent));
  }

  /** What has focus, seen through the shadow root: a class name or tag. */
  focused() {
    return this.page.evaluate(() => {
      const host = document.querySelector("salam-chat");
      if (document.activeElement !== host) return `page:${document.activeElement?.tagName}`;
      const a = host.shadowRoot.activeElement;
      return a ? (a.className || a.tagName) : "none";
    });
  }

  hostCount() {
    return this.page.evaluate(() => document.querySelectorAll("salam-chat").length);
  }
}
