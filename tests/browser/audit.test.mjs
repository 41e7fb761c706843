// The audit page in a real Chromium: the owner lists the trail, filters it
// with the API's query syntax, pages through it; a member is refused.
//
// Run through run.sh, which passes E2E_SERVER_URL, E2E_SESSION_TOKEN (the
// owner's session), E2E_CHROMIUM and E2E_ARTIFACTS.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";

function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run tests/browser/run.sh`);
  return v;
}

const serverURL = env("E2E_SERVER_URL");
const ownerSession = env("E2E_SESSION_TOKEN");
const executablePath = env("E2E_CHROMIUM");
const artifacts = env("E2E_ARTIFACTS");

const launchArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath, headless: true, args: launchArgs, timeout: 60_000 });
});
after(async () => {
  await browser?.close();
});

async function api(method, p, token, body) {
  const r = await fetch(serverURL + p, {
    method,
    headers: { "Coder-Session-Token": token, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

// pageAs opens a browser context signed in with session.
async function pageAs(session) {
  const context = await browser.newContext();
  await context.addCookies([{ name: "coder_session_token", value: session, url: serverURL }]);
  return { context, page: await context.newPage() };
}

test("the owner lists and filters the audit trail; a member is refused", async () => {
  // A member with a few records of her own: created, signed in, a token.
  const created = await api("POST", "/api/v2/users", ownerSession,
    { email: "auditee@example.com", username: "auditee", password: "a-long-browser-password" });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const login = await fetch(serverURL + "/api/v2/users/login", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: "auditee@example.com", password: "a-long-browser-password" }),
  });
  assert.equal(login.status, 201);
  const memberSession = (await login.json()).session_token;
  const tok = await api("POST", "/api/v2/users/me/keys/tokens", memberSession, { token_name: "browser-ci" });
  assert.equal(tok.status, 201, JSON.stringify(tok.body));

  const { context, page } = await pageAs(ownerSession);
  try {
    const res = await page.goto(serverURL + "/audit");
    assert.equal(res.status(), 200);
    await page.getByRole("heading", { name: "Audit trail" }).waitFor();
    const rows = page.locator("tr.audit-row");
    assert.ok((await rows.count()) >= 4, "the trail lists the records so far");
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, "audit.png"), fullPage: true });

    // Newest first: the member's token is her latest record.
    await page.goto(serverURL + "/audit?q=" + encodeURIComponent("username:auditee"));
    assert.equal(await rows.count(), 2, "signed in, created a token");
    assert.equal(await rows.first().getAttribute("data-action"), "create");
    assert.equal(await rows.last().getAttribute("data-action"), "login");

    // Filter by user and action through the form.
    await page.getByLabel("Filter").fill("username:auditee action:login");
    await Promise.all([page.waitForURL(/\/audit\?q=/), page.getByRole("button", { name: "Filter" }).click()]);
    assert.equal(await rows.count(), 1);
    assert.equal(await rows.first().getAttribute("data-user"), "auditee");
    assert.equal(await rows.first().getAttribute("data-action"), "login");
    assert.match(await page.locator("#audit-count").innerText(), /^1 record\b/);

    // A bad query is a clear message, not an error page.
    await page.getByLabel("Filter").fill("colour:blue");
    await Promise.all([page.waitForURL(/colour/), page.getByRole("button", { name: "Filter" }).click()]);
    assert.match(await page.getByRole("alert").innerText(), /Invalid audit search query.*colour/);
    assert.equal(await rows.count(), 0);
  } finally {
    await context.close();
  }

  // The member gets 403 and no records.
  const member = await pageAs(memberSession);
  try {
    const res = await member.page.goto(serverURL + "/audit");
    assert.equal(res.status(), 403);
    assert.match(await member.page.getByRole("alert").innerText(), /Forbidden/);
    assert.equal(await member.page.locator("tr.audit-row").count(), 0);
  } finally {
    await member.context.close();
  }
});
