// The page-weight benchmark: what embedding the widget costs a small article
// page, measured in headless Chromium with the CPU throttled 4x. A
// measurement, not a test: it never fails on a number, and a metric it
// cannot measure is recorded as null with the reason.
//
// Run by `cargo xtask bench [--runs N]`, which builds what this needs and
// passes it in the environment:
//   SALAM_DEMO_BIN   the reference server (release build)
//   SALAM_DIST       the widget bundle (with sizes.json)
//   CHROMIUM         the browser executable
//   SALAM_BENCH_OUT  where page.json and page.md go
// Usage: node bench/page.mjs [--runs N]   (from tests/)

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, tmpdir } from "node:os";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlib } from "node:zlib";
import { chromium } from "playwright-core";
// The e2e harness's agent API client (importing the harness registers nothing).
import { agentAccount, serverApi } from "../e2e/harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));

const CPU_THROTTLING = 4;
/** How long any one condition may take before its metric is given up. */
const TIMEOUT_MS = 60_000;
/** The TBT window ends this long after the widget is ready. */
const SETTLE_MS = 3_000;
/** `--rate` takes BURST:PER_SEC and has no "unlimited"; this is as good. */
const UNLIMITED_RATE = "1000000:1000000";
const CONVERSATION_LENGTH = 5_000;
const SEED_CONCURRENCY = 8;
/** Scrolling to the top stops once no row was added for this long... */
const ROWS_QUIET_MS = 3_000;
/** ...or after this long in all. */
const ROWS_CAP_MS = 120_000;
/** Ends the whole run (cleaning up) if something hangs beyond every timeout. */
const WATCHDOG_MS = 40 * 60_000;

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run this through \`cargo xtask bench\`)`);
  return value;
};

function parseRuns(argv) {
  if (argv.length === 0) return 7;
  const n = Number(argv[1]);
  if (argv.length !== 2 || argv[0] !== "--runs" || !Number.isInteger(n) || n < 1) {
    throw new Error("usage: node bench/page.mjs [--runs N]");
  }
  if (n < 7) console.error(`bench: only ${n} run(s); medians need at least 7 to mean much`);
  return n;
}

const log = (...args) => console.error("bench:", ...args);

// ---------------------------------------------------------------------------
// Metrics: one sample per run (index-aligned, so widget and plain runs pair
// up), null where a run could not measure it, and the reasons why.

const metrics = {};
function metric(key, label, unit) {
  metrics[key] = { label, unit, samples: [], reasons: [] };
}
metric("bytesBeforeLauncher", "widget bytes before the launcher is visible", "bytes");
metric("launcherVisible", "navigation → launcher visible", "ms");
metric("clickCold", "click → panel interactive, cold (saveData, no preload)", "ms");
metric("clickPreloaded", "click → panel interactive, after the idle preload", "ms");
metric("tbtWidget", "total blocking time, page with the widget", "ms");
metric("tbtPlain", "total blocking time, page without the widget", "ms");
metric("tbtAdded", "total blocking time added (paired difference)", "ms");
metric("heapWidget", "JS heap after opening, page with the widget", "bytes");
metric("heapPlain", "JS heap, page without the widget", "bytes");
metric("heapAdded", "JS heap added (paired difference)", "bytes");
metric("wasmMemory", "WebAssembly memory after opening", "bytes");
metric("appendLoaded", "append one message, long conversation as loaded: to DOM", "ms");
metric("appendLoadedPaint", "append one message, long conversation as loaded: to paint", "ms");
metric("appendScrolled", "append one message, long conversation scrolled to the top: to DOM", "ms");
metric("appendScrolledPaint", "append one message, long conversation scrolled to the top: to paint", "ms");

function record(key, run, value) {
  metrics[key].samples[run] = value;
}

/** Records that `key` could not be measured in `run`; says why once. */
function miss(key, run, reason) {
  const m = metrics[key];
  m.samples[run] = null;
  if (m.reasons.includes(reason)) return;
  m.reasons.push(reason);
  log(`${m.label}: ${reason}`);
}

/** Runs one run's measurements; if it throws, the run's metrics that have
 * no sample yet get the error as their reason, and the bench goes on. */
async function attempt(keys, run, fn) {
  try {
    return await fn();
  } catch (e) {
    for (const key of keys) {
      if (metrics[key].samples[run] == null) miss(key, run, `run failed: ${e.message.split("\n")[0]}`);
    }
    return null;
  }
}

/** A metric whose first run failed is not tried again: on this build the
 * condition will not come true, and each try would cost the full timeout. */
function givenUp(key, run) {
  return run > 0 && metrics[key].samples[0] == null;
}

function summarize(values) {
  const xs = values.filter((v) => typeof v === "number").sort((a, b) => a - b);
  if (xs.length === 0) return { n: 0, median: null, min: null, max: null };
  const mid = xs.length >> 1;
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  return { n: xs.length, median, min: xs[0], max: xs[xs.length - 1] };
}

// ---------------------------------------------------------------------------
// The static server: the host page with and without the widget tag, and the
// bundle under /salam/, brotli-compressed like a production CDN would.

const CONTENT_TYPES = {
  ".wasm": "application/wasm",
  ".js": "text/javascript",
  ".css": "text/css",
  ".ftl": "text/plain; charset=utf-8",
  ".json": "application/json",
};

/** Every file of the bundle, raw and brotli-compressed (quality 11), in memory. */
function loadBundle(dir) {
  const byHash = new Map(); // hashed and stable names share bytes: compress once
  const files = new Map();
  for (const name of readdirSync(dir)) {
    const raw = readFileSync(join(dir, name));
    const hash = createHash("sha256").update(raw).digest("hex");
    if (!byHash.has(hash)) {
      byHash.set(hash, brotliCompressSync(raw, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length },
      }));
    }
    const type = CONTENT_TYPES[extname(name)] ?? "application/octet-stream";
    files.set(name, { type, raw, br: byHash.get(hash) });
  }
  return files;
}

/** `pages` maps a path to HTML; it may be filled in after the server starts. */
async function startStaticServer(bundle, pages) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://localhost").pathname;
    if (pages[path] !== undefined) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(pages[path]);
      return;
    }
    const file = path.startsWith("/salam/") && bundle.get(path.slice("/salam/".length));
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    const br = /\bbr\b/.test(req.headers["accept-encoding"] ?? "");
    const body = br ? file.br : file.raw;
    res.writeHead(200, {
      "content-type": file.type,
      "content-length": body.length,
      "cache-control": "no-cache",
      vary: "accept-encoding",
      ...(br ? { "content-encoding": "br" } : {}),
    });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

// ---------------------------------------------------------------------------
// The reference server, started as tests/e2e/harness.mjs does: port 0, and
// the port read from the first line it prints.

async function startDemoServer({ bin, db, dist, allowOrigin }) {
  const token = await agentAccount(bin, db);
  const args = ["--port", "0", "--host", "127.0.0.1", "--db", db,
    "--allow-origin", allowOrigin, "--rate", UNLIMITED_RATE, "--dist", dist];
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`salam-demo did not start:\n${output}`)), 20_000);
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const m = /Salam demo: (http:\/\/\S+)/.exec(output);
      if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, "")); }
    });
    child.stderr.on("data", (chunk) => { output += chunk; });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`salam-demo exited (${code}):\n${output}`)); });
  });
  return {
    url,
    token,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", resolve);
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 3_000).unref();
    }),
  };
}

// ---------------------------------------------------------------------------
// In the page. Installed as an init script, so it runs before any of the
// page's own code; everything it records is performance.now(), i.e.
// milliseconds since navigation start, free of Playwright's overhead.

function probe({ saveData }) {
  if (window.__bench) return;
  // The loader loads the WebAssembly only on click when the visitor asked
  // to save data.
  if (saveData) Object.defineProperty(navigator, "connection", { value: { saveData: true }, configurable: true });
  const b = (window.__bench = { launcherAt: null, readyAt: null, longTasks: [], clickAt: null, interactiveAt: null });

  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });

  addEventListener("salam:ready", () => { b.readyAt ??= performance.now(); });

  // The first frame in which the launcher exists and has a size.
  requestAnimationFrame(function poll() {
    const rect = document.querySelector("salam-chat")?.shadowRoot?.querySelector(".salam-launcher")
      ?.getBoundingClientRect();
    if (rect && rect.width > 0 && rect.height > 0) b.launcherAt = performance.now();
    else requestAnimationFrame(poll);
  });

  // Called just before the bench clicks the launcher: the click's time is
  // taken when the pointer goes down, and from then every frame checks
  // whether the panel is interactive (ready, composer focused).
  b.armClick = () => {
    b.clickAt = b.interactiveAt = null;
    addEventListener("pointerdown", () => {
      b.clickAt = performance.now();
      requestAnimationFrame(function poll() {
        const host = document.querySelector("salam-chat");
        const ready = host?.getAttribute("data-salam") === "ready"
          && host.shadowRoot?.activeElement?.tagName === "TEXTAREA";
        if (ready) b.interactiveAt = performance.now();
        else requestAnimationFrame(poll);
      });
    }, { capture: true, once: true });
  };

  // Sends `text` with Enter; t0 = the Enter keydown (capturing, so before
  // the widget sees it), t1 = a new message row is in the log, t2 = two
  // frames later, when that row has been painted.
  b.armAppend = (text) => {
    const root = document.querySelector("salam-chat").shadowRoot;
    const box = root.querySelector("textarea");
    const a = (b.append = { t0: null, t1: null, t2: null });
    box.value = text;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    const onKey = (e) => { if (e.key === "Enter") a.t0 = performance.now(); };
    addEventListener("keydown", onKey, { capture: true, once: true });
    const isRow = (n) => n.nodeType === 1 && (n.matches(".salam-msg") || n.querySelector(".salam-msg"));
    const observer = new MutationObserver((records) => {
      if (a.t0 === null || !records.some((r) => [...r.addedNodes].some(isRow))) return;
      a.t1 = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => { a.t2 = performance.now(); }));
    });
    observer.observe(root.querySelector(".salam-log"), { childList: true, subtree: true });
  };
}

// ---------------------------------------------------------------------------
// Browser helpers.

/** A fresh context (cold cache, empty storage) with one throttled page. */
async function openPage(browser, { saveData = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(TIMEOUT_MS); // clicks, key presses and navigations
  await context.addInitScript(probe, { saveData });
  const page = await context.newPage();
  page.on("pageerror", (e) => problem(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problem(`console.error: ${m.text()}`); });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_THROTTLING });
  return { context, page, cdp };
}

const problems = [];
function problem(text) {
  if (!problems.includes(text)) problems.push(text);
}

/** Waits for `fn` to hold in the page; false on timeout instead of throwing. */
async function until(page, fn, arg, timeout = TIMEOUT_MS) {
  try {
    // Polled on a timer, not every frame: the page is throttled, and the
    // bench's own checks should cost it as little as possible.
    await page.waitForFunction(fn, arg, { timeout, polling: 100 });
    return true;
  } catch (e) {
    if (e.name === "TimeoutError") return false;
    throw e;
  }
}

/** `promise`, or a TimeoutError after `ms`. Plain page.evaluate has no
 * timeout, and a page whose main thread is flooded answers it minutes late. */
function within(ms, what, promise) {
  promise.catch(() => {}); // if the deadline wins, its later failure is moot
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => {
      const e = new Error(`${what}: no answer within ${(ms / 1000).toFixed(1)} s (page busy)`);
      e.name = "TimeoutError";
      reject(e);
    }, ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Sums encodedDataLength (body and headers as received) per URL. */
function watchNetwork(cdp) {
  const urls = new Map();
  const finished = [];
  cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
  cdp.on("Network.loadingFinished", (e) => {
    const url = urls.get(e.requestId);
    if (url) finished.push({ url, bytes: e.encodedDataLength });
  });
  return { ready: cdp.send("Network.enable"), finished };
}

const isWidgetFile = (url) => {
  const path = new URL(url).pathname;
  return path.startsWith("/salam/") || path.endsWith(".ftl");
};

/** Widget bytes whose response ended before `at` (page time). Sizes come
 * from CDP; times from Resource Timing, on the same clock as `at`. */
async function widgetBytesBefore(page, finished, at) {
  const ends = new Map(await page.evaluate(() =>
    performance.getEntriesByType("resource").map((r) => [r.name, r.responseEnd])));
  const files = finished.filter((f) => isWidgetFile(f.url))
    .map((f) => ({ file: new URL(f.url).pathname, bytes: f.bytes, responseEnd: ends.get(f.url) ?? null }))
    .map((f) => ({ ...f, beforeLauncher: f.responseEnd !== null && f.responseEnd <= at }));
  return { total: files.filter((f) => f.beforeLauncher).reduce((s, f) => s + f.bytes, 0), files };
}

/** Total blocking time of the long tasks that started before `end`. A
 * task's entry arrives after it ends, so the caller waits past `end` first. */
const totalBlockingTime = (page, end) => page.evaluate((end) =>
  window.__bench.longTasks.filter((t) => t.start < end).reduce((s, t) => s + Math.max(0, t.duration - 50), 0), end);

async function waitPageTime(page, at) {
  return until(page, (at) => performance.now() >= at, at, Math.max(0, at) + TIMEOUT_MS);
}

/** Collects garbage, then reads the V8 heap. */
async function heapAfterGc(cdp) {
  await cdp.send("HeapProfiler.collectGarbage");
  return cdp.send("Runtime.getHeapUsage");
}

/** Bytes of every live WebAssembly.Memory in the page. */
async function wasmMemory(cdp) {
  const proto = await cdp.send("Runtime.evaluate", { expression: "WebAssembly.Memory.prototype" });
  const { objects } = await cdp.send("Runtime.queryObjects", { prototypeObjectId: proto.result.objectId });
  const { result } = await cdp.send("Runtime.callFunctionOn", {
    objectId: objects.objectId,
    functionDeclaration: "function () { return this.reduce((s, m) => s + m.buffer.byteLength, 0); }",
    returnByValue: true,
  });
  return result.value;
}

/** Clicks the launcher for real and returns click → interactive (ms), or
 * null if the panel did not become interactive in time. */
async function clickToInteractive(page) {
  await page.evaluate(() => window.__bench.armClick());
  await page.locator("salam-chat .salam-launcher").click();
  if (!await until(page, () => window.__bench.interactiveAt !== null)) return null;
  return page.evaluate(() => window.__bench.interactiveAt - window.__bench.clickAt);
}

const NOT_INTERACTIVE = "the panel never became interactive (data-salam=\"ready\" and the composer focused)";

const launcherShown = (page) => until(page, () => window.__bench.launcherAt !== null);

// ---------------------------------------------------------------------------
// The runs.

const WIDGET_KEYS =
  ["bytesBeforeLauncher", "launcherVisible", "tbtWidget", "clickPreloaded", "heapWidget", "wasmMemory"];
const APPEND_KEYS = ["appendLoaded", "appendLoadedPaint", "appendScrolled", "appendScrolledPaint"];

/** Page with the widget: bytes and time to the launcher, TBT until 3 s
 * after ready, then click → interactive and the heap with the panel open.
 * Returns ready − load (ms), the wait the plain page copies, or null. */
async function widgetRun(browser, url, run, details) {
  const { context, page, cdp } = await openPage(browser);
  try {
    const net = watchNetwork(cdp);
    await net.ready;
    await page.goto(url);

    if (!await launcherShown(page)) {
      for (const key of ["launcherVisible", "bytesBeforeLauncher"]) miss(key, run, "the launcher never became visible");
    } else {
      const launcherAt = await page.evaluate(() => window.__bench.launcherAt);
      record("launcherVisible", run, launcherAt);
      // Let late responses report before counting.
      await page.waitForTimeout(500);
      const bytes = await widgetBytesBefore(page, net.finished, launcherAt);
      record("bytesBeforeLauncher", run, bytes.total);
      details.widgetFiles[run] = bytes.files;
    }

    if (!await until(page, () => window.__bench.readyAt !== null)) {
      for (const key of ["tbtWidget", "clickPreloaded", "heapWidget", "wasmMemory"]) {
        miss(key, run, "salam:ready never fired");
      }
      return null;
    }
    const readyAt = await page.evaluate(() => window.__bench.readyAt);
    const end = readyAt + SETTLE_MS;
    await waitPageTime(page, end + 250);
    record("tbtWidget", run, await totalBlockingTime(page, end));
    // Read now: ready may come before load, and 3 s later load has happened.
    const loadAt = await page.evaluate(() => performance.getEntriesByType("navigation")[0].loadEventEnd);

    if (givenUp("clickPreloaded", run)) return readyAt - loadAt;
    const ms = await clickToInteractive(page);
    if (ms === null) {
      miss("clickPreloaded", run, NOT_INTERACTIVE);
      for (const key of ["heapWidget", "wasmMemory"]) {
        miss(key, run, "measured once the panel is interactive, which it never became");
      }
      return readyAt - loadAt;
    }
    record("clickPreloaded", run, ms);
    const heap = await heapAfterGc(cdp);
    record("heapWidget", run, heap.usedSize);
    details.widgetHeap[run] = heap;
    record("wasmMemory", run, await wasmMemory(cdp));
    return readyAt - loadAt;
  } finally {
    await context.close();
  }
}

/** Page without the widget: TBT over the same window (load + the widget's
 * average ready − load wait + 3 s) and the heap at its end. */
async function plainRun(browser, url, run, wait, details) {
  const { context, page, cdp } = await openPage(browser);
  try {
    await page.goto(url);
    await until(page, () => performance.getEntriesByType("navigation")[0]?.loadEventEnd > 0);
    const loadAt = await page.evaluate(() => performance.getEntriesByType("navigation")[0].loadEventEnd);
    const end = loadAt + wait + SETTLE_MS;
    await waitPageTime(page, end + 250);
    record("tbtPlain", run, await totalBlockingTime(page, end));
    const heap = await heapAfterGc(cdp);
    record("heapPlain", run, heap.usedSize);
    details.plainHeap[run] = heap;
  } finally {
    await context.close();
  }
}

/** saveData on, so nothing is preloaded: click as soon as the launcher shows. */
async function coldRun(browser, url, run) {
  if (givenUp("clickCold", run)) return;
  const { context, page } = await openPage(browser, { saveData: true });
  try {
    await page.goto(url);
    if (!await launcherShown(page)) return miss("clickCold", run, "the launcher never became visible");
    const ms = await clickToInteractive(page);
    if (ms === null) return miss("clickCold", run, NOT_INTERACTIVE);
    record("clickCold", run, ms);
  } finally {
    await context.close();
  }
}

/** `.salam-msg` rows in the log, after (optionally) scrolling it to the top. */
const countRows = (page, scrollToTop) => page.evaluate((scrollToTop) => {
  const root = document.querySelector("salam-chat")?.shadowRoot;
  const log = root?.querySelector(".salam-log");
  if (log && scrollToTop) log.scrollTop = 0;
  return root ? root.querySelectorAll(".salam-msg").length : 0;
}, scrollToTop);

/** Polls the row count (scrolling to the top each time if asked) until it
 * has not changed for ROWS_QUIET_MS, or ROWS_CAP_MS passed. Returns the
 * last count it got and whether it had settled. */
async function settleRows(page, scrollToTop) {
  const started = Date.now();
  const left = () => Math.max(1, ROWS_CAP_MS - (Date.now() - started));
  let rows = 0;
  let changed = Date.now();
  do {
    let now;
    try {
      now = await within(left(), "counting the rows", countRows(page, scrollToTop));
    } catch (e) {
      if (e.name === "TimeoutError") return { rows, settled: false };
      throw e;
    }
    if (now !== rows) {
      rows = now;
      changed = Date.now();
    }
    if (Date.now() - started >= ROWS_CAP_MS) return { rows, settled: false };
    await page.waitForTimeout(250);
  } while (Date.now() - changed < ROWS_QUIET_MS);
  return { rows, settled: true };
}

/** Sends one message through the composer: [to DOM, to paint] in ms. */
async function appendOnce(page, text) {
  await within(TIMEOUT_MS, "preparing the composer", page.evaluate((text) => window.__bench.armAppend(text), text));
  await page.locator("salam-chat textarea").press("Enter");
  if (!await until(page, () => window.__bench.append.t2 !== null)) {
    throw new Error(`no new row appeared in the log within ${TIMEOUT_MS / 1000} s`);
  }
  const { t0, t1, t2 } = await page.evaluate(() => window.__bench.append);
  return [t1 - t0, t2 - t0];
}

/** One visitor's conversation of CONVERSATION_LENGTH messages: time to
 * append one more, as loaded and after scrolling back through all of it. */
async function longConversation(browser, url, api, runs, details) {
  const missAll = (reason) => { for (const key of APPEND_KEYS) miss(key, 0, reason); };
  const { context, page } = await openPage(browser);
  try {
    await page.goto(url);
    if (!await launcherShown(page)) return missAll("the launcher never became visible");
    await page.locator("salam-chat .salam-launcher").click();
    const composer = page.locator("salam-chat textarea");
    await composer.waitFor({ state: "visible" });

    // The visitor's first message creates the conversation; find it by text.
    const seedText = `Bench seed ${process.pid}-${Date.now()}: is my order on its way?`;
    await composer.fill(seedText);
    await composer.press("Enter");
    let conversation = null;
    for (const started = Date.now(); !conversation && Date.now() - started < TIMEOUT_MS;) {
      conversation = (await api.conversations()).find((c) => c.last_message?.text === seedText);
      if (!conversation) await new Promise((r) => setTimeout(r, 200));
    }
    if (!conversation) return missAll("the seed message never reached the server");

    // Away from the page while seeding, so it does not render 5,000 live
    // messages; the context (and the visitor token in localStorage) stays.
    await page.goto("about:blank");
    const seedStarted = Date.now();
    let next = 1;
    const replies = CONVERSATION_LENGTH - 1;
    await Promise.all(Array.from({ length: SEED_CONCURRENCY }, async () => {
      for (let n = next++; n <= replies; n = next++) {
        await api.reply(conversation.id, `Reply ${n} of ${replies}: thanks for waiting, let me check that for you.`,
          { client_id: `bench-${n}` });
      }
    }));
    details.longConversation.seedSeconds = (Date.now() - seedStarted) / 1000;
    log(`seeded ${CONVERSATION_LENGTH} messages in ${details.longConversation.seedSeconds.toFixed(1)} s`);

    // The reload. The widget may render the replayed history for a long
    // time, and a page that busy takes neither clicks nor queries: each
    // step from here has a deadline, and missing it is the measurement.
    await page.goto(url);
    if (!await launcherShown(page)) return missAll("the launcher never became visible after the reload");
    try {
      await page.locator("salam-chat .salam-launcher").click({ timeout: ROWS_CAP_MS });
    } catch (e) {
      if (e.name !== "TimeoutError") throw e;
      return missAll(`after the reload the launcher took no click within ${ROWS_CAP_MS / 1000} s (page busy)`);
    }
    if (!await until(page, () => document.querySelector("salam-chat").shadowRoot.querySelector(".salam-msg"))) {
      return missAll("the log showed no messages after the reload");
    }

    for (const [name, scroll, toDom, toPaint] of [
      ["loaded", false, "appendLoaded", "appendLoadedPaint"],
      ["scrolled", true, "appendScrolled", "appendScrolledPaint"],
    ]) {
      const { rows, settled } = await settleRows(page, scroll);
      details.longConversation[name] = { rows, settled };
      const still = settled ? "" : ` (still changing after ${ROWS_CAP_MS / 1000} s)`;
      log(`long conversation, ${name}: ${rows} rows rendered${still}`);
      for (let run = 0; run < runs && !givenUp(toDom, run); run++) {
        try {
          const [dom, paint] = await appendOnce(page, `Append ${name} ${run + 1}: one more question.`);
          record(toDom, run, dom);
          record(toPaint, run, paint);
        } catch (e) {
          miss(toDom, run, e.message);
          miss(toPaint, run, e.message);
          continue;
        }
        // Let the send finish (ack, re-render) before the next one.
        await page.waitForTimeout(1_000);
      }
    }
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------
// Output.

/** Median of the differences of paired samples (same run index). */
function paired(key, a, b) {
  const [xs, ys] = [metrics[a].samples, metrics[b].samples];
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    if (typeof xs[i] === "number" && typeof ys[i] === "number") record(key, i, xs[i] - ys[i]);
    else miss(key, i, "a run lacked one side of the pair");
  }
}

function format(value, unit) {
  if (value === null) return "n/a";
  return unit === "ms" ? value.toFixed(1) : Math.round(value).toLocaleString("en-US");
}

function markdown(results) {
  const e = results.environment;
  const lines = [
    "# Page-weight benchmark",
    "",
    `Chromium ${e.chromium}, CPU throttled ${e.cpuThrottlingRate}x, ${e.runs} runs per metric, ` +
      `${e.cpus} cores; bundle brotli ${e.bundleBrotliBytes.toLocaleString("en-US")} bytes ` +
      `(loader, glue and wasm).`,
    "",
    "| metric | median | min | max | unit |",
    "| --- | ---: | ---: | ---: | --- |",
  ];
  const notes = [];
  for (const m of Object.values(results.metrics)) {
    let label = m.label;
    if (m.reasons.length) {
      notes.push(`${notes.length + 1}. ${m.label}: ${m.reasons.join("; ")}`);
      label += ` [${notes.length}]`;
    }
    if (m.n > 0 && m.n < m.samples.length) label += ` (${m.n} of ${m.samples.length} runs)`;
    const cells = [m.median, m.min, m.max].map((v) => format(v, m.unit));
    lines.push(`| ${label} | ${cells.join(" | ")} | ${m.unit} |`);
  }
  const lc = results.details.longConversation;
  const rows = (c) => (c ? `${c.rows}${c.settled ? "" : " (still changing)"}` : "n/a");
  lines.push("", `Long conversation: ${CONVERSATION_LENGTH.toLocaleString("en-US")} messages; ` +
    `${rows(lc.loaded)} rows rendered as loaded, ${rows(lc.scrolled)} after scrolling to the top.`);
  if (notes.length) {
    lines.push("", "Not measured or partly measured (a metric whose first run failed is not tried again):", "",
      ...notes);
  }
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------------------

async function main() {
  const runs = parseRuns(process.argv.slice(2));
  const dist = env("SALAM_DIST");
  const out = env("SALAM_BENCH_OUT");
  mkdirSync(out, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), "salam-bench-"));

  const cleanups = [() => rmSync(temp, { recursive: true, force: true })];
  const cleanup = async () => {
    for (const f of cleanups.splice(0).reverse()) {
      try { await f(); } catch (e) { log(`cleanup: ${e.message}`); }
    }
  };
  const abort = (why) => { log(why); cleanup().then(() => process.exit(1)); };
  process.once("SIGINT", () => abort("interrupted"));
  process.once("SIGTERM", () => abort("terminated"));
  setTimeout(() => abort(`gave up after ${WATCHDOG_MS / 60_000} minutes`), WATCHDOG_MS).unref();

  const details = { widgetFiles: [], widgetHeap: [], plainHeap: [], longConversation: {}, readyAfterLoad: [] };
  let environment;
  try {
    log("compressing the bundle (brotli, quality 11)");
    const bundle = loadBundle(dist);
    const html = readFileSync(join(here, "host.html"), "utf8");
    const pages = {};
    const site = await startStaticServer(bundle, pages);
    cleanups.push(site.stop);
    const server = await startDemoServer({
      bin: env("SALAM_DEMO_BIN"), db: join(temp, "bench.sqlite3"), dist, allowOrigin: site.url,
    });
    cleanups.push(server.stop);
    const tag = `<script src="/salam/salam.js" async data-endpoint="${server.url}/"></script>\n`;
    pages["/widget.html"] = html.replace("</body>", `${tag}</body>`);
    pages["/plain.html"] = html;

    const browser = await chromium.launch({
      executablePath: env("CHROMIUM"),
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    cleanups.push(() => browser.close());

    const sizes = JSON.parse(readFileSync(join(dist, "sizes.json"), "utf8"));
    environment = {
      chromium: browser.version(),
      node: process.version,
      cpus: cpus().length,
      cpuThrottlingRate: CPU_THROTTLING,
      runs,
      date: new Date().toISOString(),
      // Stable names only: the hashed copies repeat their bytes.
      bundleBrotliBytes: sizes.filter((s) => s.file.split(".").length === 2).reduce((t, s) => t + s.brotli, 0),
      bundle: sizes,
    };

    for (let run = 0; run < runs; run++) {
      log(`page with the widget, run ${run + 1}/${runs}`);
      details.readyAfterLoad[run] = await attempt(WIDGET_KEYS, run,
        () => widgetRun(browser, `${site.url}/widget.html`, run, details));
    }
    const waits = details.readyAfterLoad.filter((w) => typeof w === "number");
    const wait = waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : 0;
    for (let run = 0; run < runs; run++) {
      log(`page without the widget, run ${run + 1}/${runs}`);
      await attempt(["tbtPlain", "heapPlain"], run,
        () => plainRun(browser, `${site.url}/plain.html`, run, wait, details));
    }
    for (let run = 0; run < runs; run++) {
      log(`cold click (saveData), run ${run + 1}/${runs}`);
      await attempt(["clickCold"], run, () => coldRun(browser, `${site.url}/widget.html`, run));
    }
    log(`long conversation (${CONVERSATION_LENGTH} messages)`);
    await attempt(APPEND_KEYS, 0,
      () => longConversation(browser, `${site.url}/widget.html`, serverApi(server), runs, details));
  } finally {
    await cleanup();
  }

  paired("tbtAdded", "tbtWidget", "tbtPlain");
  paired("heapAdded", "heapWidget", "heapPlain");
  for (const m of Object.values(metrics)) {
    // A metric given up after its first run has fewer samples; pad to runs.
    m.samples = Array.from({ length: runs }, (_, i) => m.samples[i] ?? null);
    Object.assign(m, summarize(m.samples));
  }
  const results = { environment, metrics, details, problems };
  const md = markdown(results);
  writeFileSync(join(out, "page.json"), JSON.stringify(results, null, 2) + "\n");
  writeFileSync(join(out, "page.md"), md);
  log(`wrote ${join(out, "page.json")} and page.md`);
  process.stdout.write(md);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
