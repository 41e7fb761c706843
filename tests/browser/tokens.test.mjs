// API tokens in a real Chromium, as the owner: create one with a name and
// a lifetime up to the deployment's maximum, see it once with a copy button
// (and never again, nor in any URL), use it, refuse a taken name in the
// server's words beside the field, delete it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { api, env, errorBeside, open, readable, serverOrigin, serverURL, shot, useBrowser, widths } from "./lib.mjs";

useBrowser();
const ownerSession = env("E2E_SESSION_TOKEN");

test("API tokens: create, see once, use, refuse a taken name, delete", { timeout: 120_000 }, async (t) => {
  const { context, page, problems } = await open(t, { session: ownerSession });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: serverOrigin });
  const urls = [];
  context.on("request", (r) => urls.push(r.url()));

  await page.goto(serverURL + "/tokens");
  await page.getByRole("heading", { name: "API tokens", level: 1 }).waitFor();

  // The lifetimes offered end at the deployment's maximum.
  const config = await api("GET", "/api/v2/users/me/keys/tokens/tokenconfig", ownerSession);
  assert.equal(config.status, 200, JSON.stringify(config.body));
  const maxSeconds = config.body.max_token_lifetime / 1e9;
  const offered = await page.getByLabel("Lifetime").locator("option").evaluateAll((os) => os.map((o) => Number(o.value)));
  assert.ok(offered.length >= 2, `lifetimes: ${offered}`);
  assert.equal(Math.max(...offered), maxSeconds, "the longest lifetime is the maximum");

  await page.getByLabel("Name").fill("ci-pipeline");
  await page.getByLabel("Lifetime").selectOption({ label: "7 days" });
  const [created] = await Promise.all([
    page.waitForResponse((r) => r.url() === serverURL + "/tokens" && r.request().method() === "POST"),
    page.getByRole("button", { name: "Create token" }).click(),
  ]);
  assert.equal(created.status(), 201);
  const secret = (await page.locator("#new-token").innerText()).trim();
  assert.match(secret, /^[A-Za-z0-9]{10}-[A-Za-z0-9]{22}$/, "the new token, shown once");
  await page.getByRole("button", { name: "Copy token" }).click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
  await shot(page, "tokens.png", { docs: true });

  // It works, as the owner, and lives the chosen week.
  const me = await api("GET", "/api/v2/users/me", secret);
  assert.equal(me.status, 200, JSON.stringify(me.body));
  assert.equal(me.body.username, "admin");
  const listed = (await api("GET", "/api/v2/users/me/keys/tokens", ownerSession)).body.find((k) => k.token_name === "ci-pipeline");
  assert.ok(listed);
  const week = Date.parse(listed.expires_at) - Date.parse(listed.created_at);
  assert.ok(Math.abs(week - 7 * 24 * 3600e3) < 60e3, `expires a week after it was made: ${listed.created_at} → ${listed.expires_at}`);

  // Never again: not on the page next time, never in a URL.
  await page.goto(serverURL + "/tokens");
  assert.equal(await page.locator("#new-token").count(), 0);
  assert.equal((await page.content()).includes(secret), false);
  const row = page.getByRole("row").filter({ hasText: "ci-pipeline" });
  const cells = await row.getByRole("cell").allInnerTexts();
  assert.equal(cells[0], "ci-pipeline");
  assert.match(cells[1], /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/, "created");
  assert.match(cells[2], /^(never|\d{4}-\d\d-\d\d \d\d:\d\d UTC)$/, "last used");
  assert.equal(cells[3], new Date(listed.expires_at).toISOString().slice(0, 16).replace("T", " ") + " UTC", "expires");

  // A taken name: the API's words, beside the field.
  const taken = await api("POST", "/api/v2/users/me/keys/tokens", ownerSession, { token_name: "ci-pipeline" });
  assert.equal(taken.status, 409, JSON.stringify(taken.body));
  await page.getByLabel("Name").fill("ci-pipeline");
  await page.getByRole("button", { name: "Create token" }).click();
  await page.getByRole("alert").waitFor();
  assert.equal(await errorBeside(page, "Name (optional)"), taken.body.validations[0].detail);
  assert.equal((await page.getByRole("alert").innerText()).trim(), taken.body.message);
  assert.equal(await page.getByLabel("Name").inputValue(), "ci-pipeline");
  assert.equal(await page.locator("#new-token").count(), 0);

  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await readable(page, `API tokens at ${width}px`);
  }

  // Delete: gone from the list, and it no longer works.
  await page.goto(serverURL + "/tokens");
  await page.getByRole("button", { name: "Delete token ci-pipeline" }).click();
  await page.getByRole("status").getByText("Token ci-pipeline deleted").waitFor();
  assert.equal(await page.getByRole("row").filter({ hasText: "ci-pipeline" }).count(), 0);
  assert.equal((await api("GET", "/api/v2/users/me", secret)).status, 401);

  assert.deepEqual(urls.filter((u) => u.includes(secret)), [], "the token is in no URL");
  assert.deepEqual(problems(), []);
});
