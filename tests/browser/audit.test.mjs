// The audit page in a real Chromium: the owner lists the trail, filters it
// with the API's query syntax, pages through it; a member is refused.
//
// Run through run.sh, which passes E2E_SERVER_URL, E2E_SESSION_TOKEN (the
// owner's session), E2E_CHROMIUM and E2E_ARTIFACTS.
import { test } from "node:test";
import assert from "node:assert/strict";
import { api, env, serverURL, shot, signIn, useBrowser } from "./lib.mjs";

const browser = useBrowser();
const ownerSession = env("E2E_SESSION_TOKEN");

// pageAs opens a browser context signed in with session.
async function pageAs(session) {
  const context = await browser().newContext();
  await context.addCookies([{ name: "coder_session_token", value: session, url: serverURL }]);
  return { context, page: await context.newPage() };
}

test("the owner lists and filters the audit trail; a member is refused", async () => {
  // A member with a few records of her own: created, signed in, a token.
  const created = await api("POST", "/api/v2/users", ownerSession,
    { email: "auditee@example.com", username: "auditee", password: "a-long-browser-password" });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const memberSession = await signIn("auditee@example.com", "a-long-browser-password");
  const tok = await api("POST", "/api/v2/users/me/keys/tokens", memberSession, { token_name: "browser-ci" });
  assert.equal(tok.status, 201, JSON.stringify(tok.body));

  const { context, page } = await pageAs(ownerSession);
  try {
    const res = await page.goto(serverURL + "/audit");
    assert.equal(res.status(), 200);
    await page.getByRole("heading", { name: "Audit trail" }).waitFor();
    const rows = page.locator("tr.audit-row");
    assert.ok((await rows.count()) >= 4, "the trail lists the records so far");
    await shot(page, "audit.png");

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
