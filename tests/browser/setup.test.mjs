// First-user setup, sign-out and sign-in in a real Chromium, on a fresh
// deployment. run.sh runs this file first, alone: it leaves the owner's
// session in E2E_STATE/session for the other files.
//
// On a deployment without users "/" is the setup form, with the rules and the
// words of POST /api/v2/users/first; the owner it creates is signed in and
// lands on Your accounts. Signed out, "/" is the sign-in form.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { api, env, errorBeside, open, readable, serverURL, session, shot, useBrowser, widths } from "./lib.mjs";

useBrowser();
const state = env("E2E_STATE");

const owner = { email: "admin@example.com", username: "admin", password: "a-long-browser-password" };

test("setup, sign out, sign in", { timeout: 120_000 }, async (t) => {
  // The API's own answer to the same bad input (a password equal to the
  // username, which the domain refuses): the page must say the same.
  const bad = { ...owner, username: "admin-person", password: "admin-person" };
  const refused = await api("POST", "/api/v2/users/first", "", bad);
  assert.equal(refused.status, 400, JSON.stringify(refused.body));
  const apiWords = refused.body.validations.find((v) => v.field === "password")?.detail;
  assert.ok(apiWords, JSON.stringify(refused.body));

  for (const width of widths) {
    const { page, problems } = await open(t, { width });
    const res = await page.goto(serverURL + "/");
    assert.equal(res.status(), 200);
    await page.getByRole("heading", { name: "Set up gitauthd" }).waitFor();
    await readable(page, `setup at ${width}px`);
    if (width === 1280) await shot(page, "setup.png", { docs: true });
    assert.deepEqual(problems(), [], `setup page at ${width}px`);
  }

  const { context, page, problems } = await open(t);
  await page.goto(serverURL + "/");

  // The server refuses the password: its words beside the field, the other
  // values kept, the password not.
  await page.getByLabel("Email").fill(bad.email);
  await page.getByLabel("Username").fill(bad.username);
  await page.getByLabel("Password").fill(bad.password);
  const [posted] = await Promise.all([
    page.waitForResponse((r) => r.url() === serverURL + "/setup" && r.request().method() === "POST"),
    page.getByRole("button", { name: "Create the owner and sign in" }).click(),
  ]);
  assert.equal(posted.status(), 400);
  assert.equal(await errorBeside(page, "Password"), apiWords);
  assert.equal(await page.getByLabel("Username").inputValue(), bad.username);
  assert.equal(await page.getByLabel("Email").inputValue(), bad.email);
  assert.equal(await page.getByLabel("Password").inputValue(), "");
  assert.equal((await api("GET", "/api/v2/users/first")).status, 404, "still no user");

  // Right this time: the owner is created, signed in, on Your accounts.
  await page.getByLabel("Username").fill(owner.username);
  await page.getByLabel("Password").fill(owner.password);
  await Promise.all([page.waitForURL(serverURL + "/"), page.getByRole("button", { name: "Create the owner and sign in" }).click()]);
  await page.getByRole("heading", { name: "Your accounts" }).waitFor();
  assert.match(await page.locator("header").innerText(), /signed in as admin/);
  assert.equal((await api("GET", "/api/v2/users/first")).status, 200, "the first user exists");

  // Setup is over: /setup goes home.
  await page.goto(serverURL + "/setup");
  assert.equal(new URL(page.url()).pathname, "/");
  await page.getByRole("heading", { name: "Your accounts" }).waitFor();

  // Sign out: the session ends; "/" is the sign-in form.
  const before = await session(context);
  await Promise.all([page.waitForURL(serverURL + "/"), page.getByRole("button", { name: "Sign out" }).click()]);
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  assert.equal((await api("GET", "/api/v2/users/me", before)).status, 401, "the old session no longer works");

  // A wrong password: the server's words, the email kept.
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("alert").waitFor();
  const wrong = await api("POST", "/api/v2/users/login", "", { email: owner.email, password: "not-the-password" });
  assert.equal(wrong.status, 401);
  assert.equal((await page.getByRole("alert").innerText()).trim(), wrong.body.message);
  assert.equal(await page.getByLabel("Email").inputValue(), owner.email);

  await page.getByLabel("Password").fill(owner.password);
  await Promise.all([page.waitForURL(serverURL + "/"), page.getByRole("button", { name: "Sign in" }).click()]);
  await page.getByRole("heading", { name: "Your accounts" }).waitFor();
  await readable(page, "Your accounts");
  assert.deepEqual(problems(), []);

  const token = await session(context);
  assert.equal((await api("GET", "/api/v2/users/me", token)).body.username, "admin");
  await writeFile(path.join(state, "session"), token + "\n", { mode: 0o600 });
});
