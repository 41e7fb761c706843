// The device flow on /external-auth/<id> in a real Chromium: the page's own
// script starts the flow, shows the code, polls at the provider's interval
// and lands on "Connected" once the fake provider approves the code by itself.
//
// Run through run.sh, which starts the fake provider and gitauthd and passes:
//   E2E_SERVER_URL     gitauthd's URL
//   E2E_SESSION_TOKEN  a session token of a signed-in user (the cookie)
//   E2E_PROVIDER_ID    the device-flow provider's id
//   E2E_FAKE_URL       the fake provider's URL
//   E2E_GITAUTHD_BIN   the gitauthd binary (its git-credential helper)
//   E2E_CHROMIUM       the Chromium executable
//   E2E_ARTIFACTS      where the screenshot goes
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { env, serverOrigin, serverURL, shot, useBrowser } from "./lib.mjs";

const browser = useBrowser();
const session = env("E2E_SESSION_TOKEN");
const providerID = env("E2E_PROVIDER_ID");
const fakeURL = env("E2E_FAKE_URL");
const gitauthd = env("E2E_GITAUTHD_BIN");

// helper runs `gitauthd git-credential get` with input on stdin.
function helper(input) {
  return new Promise((resolve) => {
    const child = execFile(
      gitauthd,
      ["git-credential", "get"],
      { env: { PATH: process.env.PATH, GITAUTHD_URL: serverURL, GITAUTHD_SESSION_TOKEN: session }, timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin.end(input);
  });
}

test("device flow on the external auth page", { timeout: 120_000 }, async (t) => {
  const context = await browser().newContext({ viewport: { width: 1000, height: 700 } });
  t.after(() => context.close());
  await context.addCookies([
    { name: "coder_session_token", value: session, url: serverURL, httpOnly: true, sameSite: "Lax" },
  ]);

  const deviceAPI = `${serverOrigin}/api/v2/external-auth/${encodeURIComponent(providerID)}/device`;
  const requests = [];
  const problems = [];
  const pending = []; // the device polls answered "authorization_pending"
  const polls = []; // the device polls' statuses
  context.on("request", (r) => requests.push(`${r.method()} ${r.url()}`));
  context.on("response", async (r) => {
    if (r.request().method() !== "POST" || r.url() !== deviceAPI) return;
    polls.push(r.status());
    if (r.status() === 400) {
      // Coder's API answers a pending device code with 400 and
      // detail "authorization_pending": the page polls on.
      pending.push(r.text().then((t) => JSON.parse(t).detail, (e) => `unreadable: ${e.message}`));
    }
  });
  context.on("requestfailed", (r) => {
    // The page leaves as soon as the final poll answers 204 (no body), which
    // can abort that finished request; anything else is a problem.
    if (r.url() === deviceAPI && r.failure()?.errorText === "net::ERR_ABORTED" && polls.includes(204)) return;
    problems.push(`request failed: ${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // Chromium logs every 4xx fetch; the 400s of the pending polls are expected.
    if (m.location().url === deviceAPI && /status of 400/.test(m.text())) return;
    problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));

  const pageURL = `${serverURL}/external-auth/${encodeURIComponent(providerID)}`;
  const res = await page.goto(pageURL);
  assert.equal(res.status(), 200);
  assert.match(res.headers()["content-security-policy"] ?? "", /default-src 'self'/);
  await page.getByText("Not connected.").waitFor();
  assert.equal(await page.locator(".device-box").isHidden(), true, "the code box is hidden before the flow starts");

  // Start the flow: the code appears, with the provider's verification page.
  await page.getByRole("button", { name: "Connect with a code" }).click();
  const code = page.locator(".device-code");
  await code.waitFor({ state: "visible", timeout: 15_000 });
  await page.waitForFunction(() => document.querySelector(".device-code").textContent.trim() !== "");
  const userCode = (await code.textContent()).trim();
  assert.match(userCode, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/, "a user code is shown");
  const verification = await page.locator(".device-uri").getAttribute("href");
  assert.ok(verification.startsWith(fakeURL + "/"), `the verification link points at the provider: ${verification}`);
  assert.equal(await page.getByRole("button", { name: "Connect with a code" }).isDisabled(), true);
  assert.match(await page.locator(".device-state").textContent(), /Waiting for you to enter the code/);
  assert.match(await page.locator(".device-expiry").textContent(), /^The code expires in \d+:\d\d\.$/, "a live countdown");

  // The page polls at the provider's interval (1 s); the fake approves the
  // code after 2 s; the page then reloads and shows the link.
  await page.waitForURL((u) => u.searchParams.get("redirected") === "true", { timeout: 30_000 });
  await page.getByText("Connected as").waitFor({ timeout: 10_000 });
  const status = (await page.locator("#status").textContent()).replace(/\s+/g, " ");
  assert.match(status, /Connected as octocat/);
  assert.match(await page.locator("main").textContent(), /account is connected\. You can close this page\./);
  assert.equal(await page.locator("#status").getAttribute("data-authenticated"), "true");
  assert.equal(await page.getByRole("button", { name: "Disconnect" }).isVisible(), true);

  await shot(page, "device-flow.png");

  // The page polled at the interval, not in a tight loop, until the 204.
  assert.ok(polls.length >= 1 && polls.length <= 10, `device polls: ${polls}`);
  assert.equal(polls.at(-1), 204, `device polls: ${polls}`);
  assert.ok(polls.slice(0, -1).every((s) => s === 400), `device polls: ${polls}`);
  for (const detail of await Promise.all(pending)) assert.equal(detail, "authorization_pending");

  assert.deepEqual(problems, [], "no console errors, page errors or failed requests");
  const foreign = requests.filter((r) => new URL(r.split(" ")[1]).origin !== serverOrigin);
  assert.deepEqual(foreign, [], "no request to another origin than the server");

  // The account linked in the browser now answers git.
  const fakeHost = new URL(fakeURL).host;
  const out = await helper(`protocol=http\nhost=${fakeHost}\npath=octocat/hello.git\n\n`);
  assert.equal(out.code, 0, `git-credential: ${out.stderr}`);
  assert.match(out.stdout, /^username=gho_[A-Za-z0-9]+\npassword=\n$/);
});
