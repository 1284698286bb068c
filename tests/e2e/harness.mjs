// Test harness: starts the real demo server and headless system Chromium,
// and a plain static server on another origin for embed tests. Every
// process started here is stopped by the test that started it.

import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { connect as connectTcp, createServer as createTcpServer } from "node:net";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before } from "node:test";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "..", "..");
export const artifacts = join(root, "tests", "artifacts");

const env = (name, fallback) => process.env[name] || fallback;

let dbCount = 0;

/** A fresh database path under the OS temp directory. */
export function tempDb() {
  const dir = join(tmpdir(), "salam-e2e");
  mkdirSync(dir, { recursive: true });
  return join(dir, `e2e-${process.pid}-${Date.now()}-${dbCount++}.sqlite3`);
}

/** The tests' agent: an admin account in every test database. */
export const AGENT_EMAIL = "sara@example.test";
export const AGENT_PASSWORD = "correct horse battery";

/** Runs `salam-demo` as a command (`admin create`, `token create`):
 * resolves with what it printed, or rejects with its error. */
function command(bin, args, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...extraEnv } });
    let out = "", err = "";
    child.stdout.on("data", (c) => { out += c; });
    child.stderr.on("data", (c) => { err += c; });
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`salam-demo ${args.join(" ")}: ${err}`))));
  });
}

/** Sara's admin account in database `db` (made once; the command the README
 * gives), and a new API token of hers for the test's API calls. */
export async function agentAccount(bin, db) {
  await command(bin, ["admin", "create", "--db", db, "--email", AGENT_EMAIL, "--name", "Sara"], { SALAM_PASSWORD: AGENT_PASSWORD })
    .catch((e) => { if (!/exists/.test(e.message)) throw e; });
  return (await command(bin, ["token", "create", "--db", db, "--email", AGENT_EMAIL, "--label", "e2e"])).trim();
}

/** Starts `salam-demo` (a free port and a fresh database unless given) and
 * resolves when it prints its URL. `token` is an API token of Sara's admin
 * account. `kill()` ends it like a crash (SIGKILL); `restart()` starts it
 * again on the same port and database. */
export async function startDemoServer({ port = 0, db = tempDb(), extra = [], dist = env("SALAM_DIST", join(root, "dist")) } = {}) {
  const bin = env("SALAM_DEMO_BIN", join(root, "target/debug/salam-demo"));
  const token = await agentAccount(bin, db);
  const args = ["--port", String(port), "--host", "127.0.0.1", "--db", db,
    "--dist", dist,
    "--site", env("SALAM_SITE", join(root, "widget-demo/site")), ...extra];
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
  const ended = (signal) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", resolve);
    child.kill(signal);
    setTimeout(() => child.kill("SIGKILL"), 3000).unref();
  });
  const boundPort = Number(new URL(url).port);
  return {
    url,
    port: boundPort,
    db,
    token,
    log: () => log,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    stop: () => ended("SIGTERM"),
    kill: () => ended("SIGKILL"),
    restart: () => startDemoServer({ port: boundPort, db, extra, dist }),
  };
}

/** A port nobody listens on now (for servers that cannot pick their own). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createTcpServer().once("error", reject).listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** A throwaway PostgreSQL server (`tests/scratch-postgres.sh`): `url` is
 * its URL; `stop()` closes the script's input, and the script stops the
 * server and deletes its files (as it does if this process dies). */
export async function startScratchPostgres() {
  const child = spawn(join(root, "tests", "scratch-postgres.sh"), [], { stdio: ["pipe", "pipe", "pipe"] });
  let log = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start:\n${log}`)), 60000);
    child.stdout.on("data", (c) => {
      log += c;
      const m = /^(postgres:\/\/\S+)$/m.exec(log);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.stderr.on("data", (c) => { log += c; });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`PostgreSQL exited (${code}):\n${log}`)); });
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.stdin.end();
      await exited;
    },
  };
}

/** A TCP proxy on 127.0.0.1, the load balancer in front of several
 * servers: each new connection goes to the port `target` names then.
 * `stop()` closes it and every connection through it. */
export async function startProxy(target) {
  const open = new Set();
  const proxy = { target };
  const server = createTcpServer((client) => {
    const upstream = connectTcp(proxy.target, "127.0.0.1");
    open.add(client);
    open.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on("error", end);
      s.on("close", end);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  proxy.url = `http://127.0.0.1:${server.address().port}`;
  proxy.stop = () => new Promise((r) => {
    for (const s of open) s.destroy();
    server.close(r);
  });
  return proxy;
}

/** A real SMTP server (aiosmtpd, `e2e/smtp_sink.py`) on 127.0.0.1. `mails()`
 * are the messages it accepted, decoded; `waitFor(pred)` resolves with the
 * first that matches, once it has arrived. With `tls`, it requires STARTTLS
 * with a certificate from a test authority, `ca` (a PEM file). */
export async function startSmtpSink({ tls = false } = {}) {
  const python = env("SALAM_PYTHON", join(root, "target/tools/py/bin/python"));
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "salam-smtp-"));
  const out = join(dir, "mail.jsonl");
  const args = [join(here, "smtp_sink.py"), String(port), out, ...(tls ? [dir] : [])];
  const child = spawn(python, args, { stdio: ["pipe", "pipe", "pipe"] });
  let log = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`SMTP server did not start:\n${log}`)), 20000);
    child.stdout.on("data", (c) => { log += c; if (log.includes("ready")) { clearTimeout(timer); resolve(); } });
    child.stderr.on("data", (c) => { log += c; });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`SMTP server exited (${code}):\n${log}`)); });
  });
  const mails = () => existsSync(out)
    ? readFileSync(out, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
    : [];
  return {
    port,
    url: `smtp://127.0.0.1:${port}${tls ? "?tls=starttls" : ""}`,
    ca: tls ? join(dir, "ca.pem") : null,
    mails,
    async waitFor(pred, what = "a matching e-mail") {
      const deadline = Date.now() + 20000;
      for (;;) {
        const found = mails().find(pred);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no ${what} arrived; got ${JSON.stringify(mails(), null, 1)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.stdin.end();
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The agent HTTP API and the fault switches of a running server. */
export function serverApi(server) {
  const call = async (method, path, body) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return {
    conversations: () => call("GET", "/api/v1/agent/conversations"),
    messages: (id) => call("GET", `/api/v1/agent/conversations/${id}/messages?after_seq=0`),
    reply: (id, text, extra = {}) => call("POST", `/api/v1/agent/conversations/${id}/messages`, { text, ...extra }),
    typing: (id, on) => call("POST", `/api/v1/agent/conversations/${id}/typing`, { on }),
    status: (id, status) => call("POST", `/api/v1/agent/conversations/${id}/status`, { status }),
    addAgent: (account) => call("POST", "/api/v1/agent/agents", account),
    faults: (settings) => call("POST", "/__faults", settings),
    faultReport: () => call("GET", "/__faults"),
  };
}

/** The agent API as another agent: Sara (an admin) adds the account, which
 * signs in and makes its own API token, as a person would in the console. */
export async function otherAgent(server, { email, name, team, avatar, password = "a long enough password" }) {
  await serverApi(server).addAgent({ email, name, team, avatar, password, role: "agent" });
  const json = { "content-type": "application/json" };
  const signedIn = await fetch(`${server.url}/api/v1/agent/session`, { method: "POST", headers: json, body: JSON.stringify({ email, password }) });
  if (!signedIn.ok) throw new Error(`signing in as ${email}: ${signedIn.status} ${await signedIn.text()}`);
  const cookie = signedIn.headers.get("set-cookie").split(";")[0];
  const { csrf } = await signedIn.json();
  const made = await fetch(`${server.url}/api/v1/agent/tokens`, {
    method: "POST", headers: { ...json, cookie, "x-csrf-token": csrf }, body: JSON.stringify({ label: "e2e" }),
  });
  const { token } = await made.json();
  return serverApi({ ...server, token });
}

/** Signs the agent console of `server` in as Sara (or the account given),
 * through its sign-in form, and waits for the conversation list. */
export async function signInConsole(page, server, { email = AGENT_EMAIL, password = AGENT_PASSWORD } = {}) {
  await page.goto(`${server.url}/agent/`);
  await page.getByRole("textbox", { name: "E-mail address" }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Conversations" }).waitFor();
}

/** Resolves with `fn()`'s first truthy value, asking again every 100 ms (a
 * condition the test cannot be told of: the server's store, the page's
 * rows); rejects after `timeout` ms, with the last failure in the message. */
export async function until(fn, what, timeout = 20000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
}

/** The id of the conversation whose newest message is `text`, once the
 * agent API lists one (polled: the message may still be on its way). */
export async function conversationWith(api, text) {
  for (;;) {
    const found = (await api.conversations()).find((c) => c.last_message?.text === text);
    if (found) return found.id;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Registers before/after hooks for a suite: the demo server (started with
 * `options`, or what a function of them returns, called in `before`), a
 * browser, and the agent API. Returns an object whose `server`, `browser`
 * and `api` are set once `before` ran. */
export function useDemo(options = {}) {
  const ctx = { server: null, browser: null, api: null };
  before(async () => {
    ctx.server = await startDemoServer(typeof options === "function" ? options() : options);
    ctx.browser = await launchBrowser();
    ctx.api = serverApi(ctx.server);
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

/** Message `id` of `locales/<lang>/salam.ftl` (a one-line message), with
 * its `{ $name }` placeables filled from `args`. */
export function ftl(lang, id, args = {}) {
  const m = new RegExp(`^${id} = (.*)$`, "m").exec(readFileSync(join(root, "locales", lang, "salam.ftl"), "utf8"));
  if (!m) throw new Error(`${lang}/salam.ftl has no ${id}`);
  return m[1].trim().replace(/\{ \$(\w+) \}/g, (_, k) => args[k]);
}

/** Text without Fluent's isolation marks around placeables. */
export const plain = (text) => text.replace(/[\u2068\u2069]/g, "");

/** A new page that fails the test on any uncaught error or console error.
 * With `echo` (the default) the widget talks to its in-page echo bot, for
 * tests about the widget itself; `echo: false` keeps the page's own
 * transport (the real server). */
export async function newPage(browser, options = {}) {
  const { echo = true, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  if (echo) await context.addInitScript(() => { window.salamSettings = { transport: "echo" }; });
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
    // The loader draws the launcher at once; the app marks the host when it
    // has taken over.
    await this.page.waitForFunction(() => document.querySelector("salam-chat")?.dataset.salam === "ready", null, { timeout: 20000 });
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

  /** Visible text of each message bubble, in order, as the next frame
   * paints it (the log takes new rows once a frame). */
  messages() {
    return this.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(
      [...document.querySelector("salam-chat").shadowRoot.querySelectorAll(".salam-msg .salam-text")].map((e) => e.textContent)))));
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
