// Swagger UI at /swagger/ in a real Chromium: the page loads under its CSP with no
// console error and no request leaving the server's origin, lists every tag of
// the contract, and "Authorize" with a session token followed by "Try it out" on
// GET /api/v2/users/{user} (user = me) answers 200 with the signed-in user.
//
// Run through run.sh, which starts gitauthd, signs the first user in and passes:
//   E2E_SERVER_URL     gitauthd's URL
//   E2E_SESSION_TOKEN  a session token of the first user ("admin")
//   E2E_CHROMIUM       the Chromium executable
//   E2E_ARTIFACTS      where the screenshot goes
import { test } from "node:test";
import assert from "node:assert/strict";
import { artifacts, env, serverOrigin, serverURL, useBrowser } from "./lib.mjs";
import { mkdir } from "node:fs/promises";
import path from "node:path";

const browser = useBrowser();
const session = env("E2E_SESSION_TOKEN");

test("Swagger UI: every tag, Authorize, Try it out on GET /api/v2/users/{user}", { timeout: 120_000 }, async (t) => {
  // The contract as the server serves it: its tags are what the page must list.
  const spec = await (await fetch(`${serverURL}/swagger/openapi.json`)).json();
  const tags = spec.tags.map((tag) => tag.name);
  assert.ok(tags.length >= 6, `tags: ${tags}`);

  const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
  t.after(() => context.close());
  const requests = [];
  const problems = [];
  const reports = []; // CSP violation reports the page sends
  context.on("request", (r) => {
    requests.push(`${r.method()} ${r.url()}`);
    if (r.url() === `${serverOrigin}/api/v2/csp/reports`) reports.push(r.postData());
  });
  context.on("requestfailed", (r) => problems.push(`request failed: ${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));

  const res = await page.goto(`${serverURL}/swagger/`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()["content-security-policy"] ?? "", /default-src 'self'/);
  await page.locator(".information-container .title").getByText("gitauthd").waitFor({ timeout: 30_000 });

  // Every tag of the contract is a section of the page.
  for (const tag of tags) {
    await page.locator(`h3.opblock-tag[data-tag="${tag}"]`).waitFor({ timeout: 10_000 });
  }
  const shown = await page.locator("h3.opblock-tag").evaluateAll((els) => els.map((e) => e.dataset.tag));
  assert.deepEqual([...shown].sort(), [...tags].sort(), "the page lists exactly the contract's tags");

  // Authorize: the session token for the Coder-Session-Token scheme.
  await page.locator(".auth-wrapper .btn.authorize").click();
  const dialog = page.locator(".dialog-ux .modal-ux");
  await dialog.waitFor();
  const scheme = dialog.locator(".auth-container").filter({ hasText: "CoderSessionToken" });
  await scheme.locator("input").fill(session);
  await scheme.locator("button.authorize").click();
  await scheme.locator("button", { hasText: "Logout" }).waitFor();
  await scheme.locator("button.btn-done").click();
  await dialog.waitFor({ state: "detached" });

  // Try it out: GET /api/v2/users/{user} with user = me.
  const op = page.locator("#operations-Users-getUser");
  await op.locator(".opblock-summary").click();
  await op.getByRole("button", { name: "Try it out" }).click();
  await op.locator('tr[data-param-name="user"] input').fill("me");
  const answer = page.waitForResponse((r) => r.url() === `${serverOrigin}/api/v2/users/me`);
  await op.getByRole("button", { name: "Execute" }).click();
  const api = await answer;
  assert.equal(api.status(), 200);
  assert.equal(api.request().headers()["coder-session-token"], session, "Swagger UI sent the token it was given");

  const live = op.locator(".live-responses-table");
  await live.locator(".response-col_status").getByText("200", { exact: true }).waitFor({ timeout: 10_000 });
  const body = await live.locator(".response-col_description pre.microlight").first().textContent();
  const user = JSON.parse(body);
  assert.equal(user.username, "admin");
  assert.equal(user.email, "admin@example.com");
  assert.ok(user.roles.some((r) => r.name === "owner"));

  await mkdir(artifacts, { recursive: true });
  await op.screenshot({ path: path.join(artifacts, "swagger.png") });

  assert.deepEqual(problems, [], "no console errors, page errors or failed requests");
  assert.deepEqual(reports, [], "no CSP violation");
  const foreign = requests.filter((r) => new URL(r.split(" ")[1]).origin !== serverOrigin);
  assert.deepEqual(foreign, [], "no request to another origin than the server");
});
