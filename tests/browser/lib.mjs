// What the browser tests share: the environment run.sh passes, one Debian
// Chromium per test file, signed-in contexts, a watch on every page for
// console errors, failed requests and requests to other origins, the API
// for setting up what a test needs, and the two widths every page is read at.
import { after, before } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";

export function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run tests/browser/run.sh`);
  return v;
}

export const serverURL = env("E2E_SERVER_URL");
export const serverOrigin = new URL(serverURL).origin;
export const executablePath = env("E2E_CHROMIUM");
export const artifacts = env("E2E_ARTIFACTS");

// The widths every page must be readable at: a small phone and a laptop.
export const widths = [375, 1280];

// Debian's Chromium, quiet: nothing but the pages under test talks to the network.
const launchArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let browser;

// useBrowser launches Chromium before the file's tests and closes it after;
// it returns a getter (the browser exists only once the tests run).
export function useBrowser() {
  before(async () => {
    // launch() gives every browser a fresh, temporary user-data-dir; it is
    // removed on close.
    browser = await chromium.launch({ executablePath, headless: true, args: launchArgs, timeout: 60_000 });
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

// watch records what must not happen on a page: console errors, uncaught
// errors, failed requests and requests to another origin. allow(kind, text)
// may excuse an expected one. problems() lists the rest.
//
// Chromium logs a page answered with a 4xx (a form shown again with the
// server's refusal) as a console error; that is the page's own status,
// which the tests check, so it is no problem.
export function watch(context, page, allow = () => false) {
  const list = [];
  const documents = new Set(); // "status url" of the page's own answers
  const note = (kind, text) => {
    if (!allow(kind, text)) list.push(`${kind}: ${text}`);
  };
  page.on("response", (r) => {
    if (r.request().isNavigationRequest() && r.request().frame() === page.mainFrame()) documents.add(`${r.status()} ${r.url()}`);
  });
  context.on("request", (r) => {
    if (new URL(r.url()).origin !== serverOrigin) note("foreign request", `${r.method()} ${r.url()}`);
  });
  context.on("requestfailed", (r) => {
    // Leaving a page cancels its assets still loading (the favicon).
    if (r.failure()?.errorText === "net::ERR_ABORTED" && new URL(r.url()).pathname.startsWith("/static/")) return;
    note("request failed", `${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
  });
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const status = /^Failed to load resource: the server responded with a status of (4\d\d)\b/.exec(m.text());
    if (status && documents.has(`${status[1]} ${m.location().url}`)) return;
    note("console error", `${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => note("page error", e.message));
  return { problems: () => list };
}

// open makes a browser context (signed in when session is given) and a
// watched page in it.
export async function open(t, { session, width = 1280, allow } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  t.after(() => context.close());
  if (session) {
    await context.addCookies([{ name: "coder_session_token", value: session, url: serverURL, httpOnly: true, sameSite: "Lax" }]);
  }
  const page = await context.newPage();
  const w = watch(context, page, allow);
  return { context, page, problems: w.problems };
}

// session is the session cookie of a context (after a sign-in in the page).
export async function session(context) {
  const c = (await context.cookies(serverURL)).find((k) => k.name === "coder_session_token");
  return c?.value ?? "";
}

// api calls the JSON API as the holder of token.
export async function api(method, p, token, body) {
  const headers = {};
  if (token) headers["Coder-Session-Token"] = token;
  if (body) headers["Content-Type"] = "application/json";
  const r = await fetch(serverURL + p, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: r.status, body: parsed };
}

// signIn signs in with the API and returns the session token.
export async function signIn(email, password) {
  const r = await api("POST", "/api/v2/users/login", "", { email, password });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.session_token;
}

// readable checks that the page fits its width: nothing wider than the
// window but the boxes meant to scroll (tables, code), and every form field
// has a label.
export async function readable(page, what) {
  const report = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [];
    for (const el of document.querySelectorAll("body *")) {
      if (el.parentElement?.closest(".table-wrap, pre")) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1) wide.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(r.right)}px)`);
    }
    const unlabelled = [];
    for (const f of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
      if (!f.labels?.length && !f.getAttribute("aria-label")) unlabelled.push(f.name || f.id);
    }
    return { width, scroll: document.documentElement.scrollWidth, wide, unlabelled };
  });
  assert.ok(report.scroll <= report.width, `${what}: the page scrolls sideways (${report.scroll} > ${report.width}): ${report.wide.join(", ")}`);
  assert.deepEqual(report.wide, [], `${what}: wider than the window`);
  assert.deepEqual(report.unlabelled, [], `${what}: form fields without a label`);
}

// shot saves a screenshot of the page into the artifacts; one of the main
// pages (docs) goes into E2E_SCREENSHOTS too, when set (docs/images).
export async function shot(page, name, { docs: forDocs = false } = {}) {
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, name), fullPage: true });
  const docs = process.env.E2E_SCREENSHOTS;
  if (docs && forDocs) {
    await mkdir(docs, { recursive: true });
    await page.screenshot({ path: path.join(docs, name), fullPage: true });
  }
}

// errorBeside is the error shown beside the form field labelled label.
export async function errorBeside(page, label) {
  const field = page.getByLabel(label, { exact: true });
  assert.equal(await field.getAttribute("aria-invalid"), "true", `${label} is marked invalid`);
  const id = await field.getAttribute("aria-describedby");
  assert.ok(id, `${label} points at its error`);
  return (await page.locator(`#${id}`).innerText()).trim();
}
