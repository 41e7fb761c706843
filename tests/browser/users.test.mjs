// Users in a real Chromium, as the owner: create a user (a taken username
// is refused in the server's words beside the field), give and take roles,
// suspend and activate (an owner cannot be suspended: the server's words
// beside that user), delete. The navigation shows each person the pages
// their roles reach; a member is refused the Users page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { api, env, errorBeside, open, readable, serverURL, shot, signIn, useBrowser, widths } from "./lib.mjs";

useBrowser();
const ownerSession = env("E2E_SESSION_TOKEN");

async function navLinks(page) {
  return page.getByRole("navigation", { name: "Main" }).getByRole("link").allInnerTexts();
}

async function userOf(username) {
  const r = await api("GET", `/api/v2/users/${username}`, ownerSession);
  return r.status === 200 ? r.body : null;
}

test("Users: create, roles, suspend and activate, delete; the nav follows the roles", { timeout: 180_000 }, async (t) => {
  const erin = { email: "erin@example.com", username: "erin", password: "a-long-browser-password" };
  const { page, problems } = await open(t, { session: ownerSession });
  page.on("dialog", (d) => d.accept()); // the deletion's confirmation
  await page.goto(serverURL + "/users");
  await page.getByRole("heading", { name: "Users", level: 1 }).waitFor();
  assert.deepEqual(await navLinks(page), ["Your accounts", "API tokens", "Projects", "Users", "Audit"]);
  assert.equal(await page.getByRole("link", { name: "Users" }).getAttribute("aria-current"), "page");

  // A taken username: the API's words beside the field.
  const taken = await api("POST", "/api/v2/users", ownerSession, { ...erin, username: "admin" });
  assert.equal(taken.status, 409, JSON.stringify(taken.body));
  const form = page.locator("section", { has: page.getByRole("heading", { name: "Create a user" }) });
  await form.getByLabel("Email").fill(erin.email);
  await form.getByLabel("Username").fill("admin");
  await form.getByLabel("Password").fill(erin.password);
  await form.getByRole("button", { name: "Create user" }).click();
  await page.getByRole("alert").waitFor();
  assert.equal(await errorBeside(page, "Username"), taken.body.validations[0].detail);
  assert.equal(await userOf("erin"), null);

  await form.getByLabel("Username").fill(erin.username);
  await form.getByLabel("Password").fill(erin.password);
  await Promise.all([page.waitForURL(/created=erin/), form.getByRole("button", { name: "Create user" }).click()]);
  const card = page.locator("#user-erin");
  assert.match(await card.innerText(), /erin@example\.com/);
  const erinSession = await signIn(erin.email, erin.password);

  // A member's nav has no Users or Audit, and the Users page refuses them.
  {
    const { page: p, problems: pp } = await open(t, { session: erinSession });
    const res = await p.goto(serverURL + "/users");
    assert.equal(res.status(), 403);
    assert.deepEqual(await navLinks(p), ["Your accounts", "API tokens", "Projects"]);
    assert.deepEqual(pp(), []);
  }

  // Roles: auditor; erin's nav now has Audit.
  await card.getByLabel("Auditor").check();
  await Promise.all([page.waitForURL(/roles=erin/), card.getByRole("button", { name: "Save roles of erin" }).click()]);
  assert.deepEqual((await userOf("erin")).roles.map((r) => r.name), ["auditor"]);
  assert.equal(await page.locator("#user-erin").getByLabel("Auditor").isChecked(), true);
  {
    const { page: p } = await open(t, { session: erinSession });
    await p.goto(serverURL + "/");
    assert.deepEqual(await navLinks(p), ["Your accounts", "API tokens", "Projects", "Audit"]);
  }

  // An owner cannot be suspended: the server's words, beside erin.
  await page.locator("#user-erin").getByLabel("Owner").check();
  await Promise.all([page.waitForURL(/roles=erin/), page.locator("#user-erin").getByRole("button", { name: "Save roles of erin" }).click()]);
  const refused = await api("PUT", "/api/v2/users/erin/status/suspend", ownerSession);
  assert.equal(refused.status, 400, JSON.stringify(refused.body));
  await page.locator("#user-erin").getByRole("button", { name: "Suspend erin" }).click();
  const alert = page.locator("#user-erin").getByRole("alert");
  await alert.waitFor();
  assert.equal((await alert.innerText()).trim(), refused.body.message);
  assert.equal((await userOf("erin")).status, "active");

  // Take the owner role back, then suspend: erin's session ends; activate.
  await page.locator("#user-erin").getByLabel("Owner").uncheck();
  await Promise.all([page.waitForURL(/roles=erin/), page.locator("#user-erin").getByRole("button", { name: "Save roles of erin" }).click()]);
  assert.deepEqual((await userOf("erin")).roles.map((r) => r.name), ["auditor"]);
  await Promise.all([page.waitForURL(/suspended=erin/), page.locator("#user-erin").getByRole("button", { name: "Suspend erin" }).click()]);
  assert.equal(await page.locator("#user-erin .user-status").innerText(), "suspended");
  assert.equal((await api("GET", "/api/v2/users/me", erinSession)).status, 401);
  await shot(page, "users.png", { docs: true });
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await readable(page, `Users at ${width}px`);
  }
  await Promise.all([page.waitForURL(/activated=erin/), page.locator("#user-erin").getByRole("button", { name: "Activate erin" }).click()]);
  assert.equal((await userOf("erin")).status, "active");

  // The owner's own card offers no changes to themselves.
  assert.equal(await page.locator("#user-admin").getByRole("button").count(), 0);

  // Delete.
  await Promise.all([page.waitForURL(/deleted=erin/), page.locator("#user-erin").getByRole("button", { name: "Delete erin" }).click()]);
  assert.equal(await page.locator("#user-erin").count(), 0);
  assert.equal(await userOf("erin"), null);

  assert.deepEqual(problems(), []);
});
