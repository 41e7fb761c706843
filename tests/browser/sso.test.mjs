// Company sign-in in a real Chromium: the sign-in page's GitHub button
// against the fake GitHub, and its OIDC button against a real OpenID
// Provider (zitadel's op package, tests/browser/oidc-op), each landing
// signed in; and GitHub sign-in by the device flow on /login/device, signed
// in once the fake approves the code, or refused (no allowed org).
//
// The file starts its own gitauthd (in memory), configured for both, beside
// the shared one run.sh starts. Run through run.sh, which passes:
//   E2E_GITAUTHD_BIN  the gitauthd binary
//   E2E_OIDC_OP_BIN   the OpenID Provider (tests/browser/oidc-op)
//   E2E_FAKE_URL      the fake GitHub's URL (default client credentials,
//                     octocat signs in)
//   E2E_CHROMIUM      the Chromium executable
//   E2E_ARTIFACTS     where the screenshots go
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { chromium } from "playwright-core";

function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run tests/browser/run.sh`);
  return v;
}

const gitauthd = env("E2E_GITAUTHD_BIN");
const opBin = env("E2E_OIDC_OP_BIN");
const fakeURL = env("E2E_FAKE_URL");
const executablePath = env("E2E_CHROMIUM");
const artifacts = env("E2E_ARTIFACTS");

const children = [];
let browser;
let serverURL;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// start runs a program and resolves with the first stdout line matching re.
function start(cmd, args, re) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    children.push(p);
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`${cmd} did not start: ${out}${err}`)), 60_000);
    p.stderr.on("data", (d) => (err += d));
    p.stdout.on("data", (d) => {
      out += d;
      const m = re.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    p.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited ${code}: ${out}${err}`));
    });
  });
}

before(async () => {
  const port = await freePort();
  serverURL = `http://127.0.0.1:${port}`;
  const [, issuer] = await start(opBin, ["--redirect", `${serverURL}/api/v2/users/oidc/callback`], /^issuer (\S+)$/m);
  await start(gitauthd, ["server", "--in-memory", "--http-address", `127.0.0.1:${port}`, "--access-url", serverURL,
    "--oidc-issuer-url", issuer, "--oidc-client-id", "gitauthd", "--oidc-client-secret", "gitauthd-client-secret",
    "--oidc-sign-in-text", "Company SSO",
    "--oauth2-github-client-id", "fake-client-id", "--oauth2-github-client-secret", "fake-client-secret",
    "--oauth2-github-enterprise-base-url", fakeURL, "--oauth2-github-allow-everyone", "--oauth2-github-allow-signups"],
  /^gitauthd is listening on /m);
  const r = await fetch(`${serverURL}/api/v2/users/first`, { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: "owner@example.com", username: "owner", password: "a-long-password" }) });
  assert.equal(r.status, 201, await r.text());
  browser = await chromium.launch({ executablePath, headless: true, timeout: 60_000,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
});

after(async () => {
  await browser?.close();
  for (const c of children) c.kill();
});

// me is the signed-in user of the page's context, through the API.
async function me(context, url = serverURL) {
  const r = await context.request.get(`${url}/api/v2/users/me`);
  assert.equal(r.status(), 200, await r.text());
  return r.json();
}

test("the GitHub button signs in through the fake GitHub", async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${serverURL}/login`);
  const button = page.locator("#sign-in-github");
  assert.equal((await button.innerText()).trim(), "GitHub");
  await page.screenshot({ path: path.join(artifacts, "sso-login.png") });
  await Promise.all([page.waitForURL(`${serverURL}/`), button.click()]);
  const u = await me(context);
  assert.equal(u.username, "octocat");
  assert.equal(u.login_type, "github");
});

test("the OIDC button signs in through the OpenID Provider's login page", async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${serverURL}/login`);
  const button = page.locator("#sign-in-oidc");
  assert.equal((await button.innerText()).trim(), "Company SSO");
  await button.click();
  await page.locator("#username").fill("alice");
  await page.locator("#password").fill("op-password");
  await Promise.all([page.waitForURL(`${serverURL}/`), page.locator("button[type=submit]").click()]);
  const u = await me(context);
  assert.equal(u.username, "alice");
  assert.equal(u.login_type, "oidc");
});

// deviceServer starts a gitauthd of its own with GitHub sign-in by the
// device flow (the fake GitHub approves device codes for octocat two
// seconds after they are issued) and returns its URL.
async function deviceServer(...args) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  await start(gitauthd, ["server", "--in-memory", "--http-address", `127.0.0.1:${port}`, "--access-url", url,
    "--oauth2-github-client-id", "fake-client-id", "--oauth2-github-client-secret", "fake-client-secret",
    "--oauth2-github-enterprise-base-url", fakeURL, "--oauth2-github-allow-signups", "--oauth2-github-device-flow", ...args],
  /^gitauthd is listening on /m);
  return url;
}

test("with the device flow, the GitHub button leads to /login/device, which signs in once GitHub approves the code", { timeout: 60_000 }, async (t) => {
  const url = await deviceServer("--oauth2-github-allow-everyone");
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  t.after(() => context.close());
  const page = await context.newPage();
  const urls = [];
  page.on("framenavigated", (f) => { if (f === page.mainFrame()) urls.push(f.url()); });
  await page.goto(`${url}/login`);
  await page.locator("#sign-in-github").click();
  await page.waitForURL(/\/login\/device\?state=/);
  const box = page.locator(".device[data-device=github]");
  const code = box.locator(".device-code");
  await code.waitFor({ state: "visible" });
  const userCode = (await code.innerText()).trim();
  assert.match(userCode, /^\S+$/);
  assert.ok((await box.locator(".device-uri").getAttribute("href")).startsWith(fakeURL + "/"));
  assert.match(await box.locator(".device-expiry").innerText(), /^The code expires in \d+:\d\d\.$/);
  assert.equal(await box.locator(".device-state").innerText(), "Waiting for you to enter the code…");
  assert.equal(await box.getByRole("button", { name: "Copy code" }).isVisible(), true);
  await page.screenshot({ path: path.join(artifacts, "sso-login-device.png") });
  await page.waitForURL(`${url}/`, { timeout: 30_000 });
  const u = await me(context, url);
  assert.equal(u.username, "octocat");
  assert.equal(u.login_type, "github");
  for (const u of urls) assert.ok(!/[?&]code=/.test(u), `the device code is in no address the page showed: ${u}`);
});

test("the device page shows GitHub's refusal and signs no one in", { timeout: 60_000 }, async (t) => {
  const url = await deviceServer("--oauth2-github-allowed-orgs", "no-such-org");
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${url}/api/v2/users/oauth2/github/callback`);
  const box = page.locator(".device[data-device=github]");
  await box.locator(".device-code").waitFor({ state: "visible" });
  const state = box.locator(".device-state");
  await page.waitForFunction((el) => !el.textContent.startsWith("Waiting"), await state.elementHandle(), { timeout: 30_000 });
  assert.match(await state.innerText(), /^You aren.t a member of the authorized Github organizations!/);
  assert.equal(await box.locator(".device-box").isHidden(), true);
  assert.equal(await box.getByRole("button", { name: "Get a new code" }).isEnabled(), true);
  assert.match(page.url(), /\/login\/device\?state=/);
  const r = await context.request.get(`${url}/api/v2/users/me`);
  assert.equal(r.status(), 401);
});
