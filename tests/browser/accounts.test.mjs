// Your accounts in a real Chromium, as a member: every provider with its
// icon and name; Connect by browser OAuth against the fake provider, then
// Disconnect (the fake revokes the token); Connect again by the device flow
// with the code, its copy button and countdown, moving on by itself once the
// fake approves; the "use it with git" box with this deployment's URL.
import { test } from "node:test";
import assert from "node:assert/strict";
import { api, env, open, readable, serverURL, serverOrigin, shot, signIn, useBrowser, widths } from "./lib.mjs";

useBrowser();
const ownerSession = env("E2E_SESSION_TOKEN");
const providerID = env("E2E_PROVIDER_ID");
const fakeURL = env("E2E_FAKE_URL");
const fakeOrigin = new URL(fakeURL).origin;
const deviceAPI = `${serverOrigin}/api/v2/external-auth/${encodeURIComponent(providerID)}/device`;

// What a connect flow may do besides the page's own requests: the browser
// flow goes through the provider; Chromium logs the pending device polls'
// 400s; the page leaves as soon as the approving poll answers.
function allow(kind, text) {
  if (kind === "foreign request" && text.includes(` ${fakeOrigin}/`)) return true;
  if (kind === "console error" && text.includes(deviceAPI) && /status of 400/.test(text)) return true;
  if (kind === "request failed" && text.startsWith(`POST ${deviceAPI}:`) && text.endsWith("net::ERR_ABORTED")) return true;
  return false;
}

async function linked(token) {
  const r = await api("GET", `/api/v2/external-auth/${providerID}`, token);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.authenticated;
}

test("Your accounts: connect, disconnect, connect by code", { timeout: 180_000 }, async (t) => {
  const member = { email: "carol@example.com", username: "carol", password: "a-long-browser-password" };
  const created = await api("POST", "/api/v2/users", ownerSession, member);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const token = await signIn(member.email, member.password);
  const providers = await api("GET", "/api/v2/external-auth", token);
  assert.equal(providers.status, 200, JSON.stringify(providers.body));
  const provider = providers.body.providers.find((p) => p.id === providerID);
  assert.ok(provider, JSON.stringify(providers.body));

  const { context, page, problems } = await open(t, { session: token, allow });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: serverOrigin });
  await page.goto(serverURL + "/");
  const card = page.locator(`#account-${providerID}`);
  await card.getByRole("heading", { name: provider.display_name }).waitFor();
  assert.match(await card.innerText(), /Not connected\./);
  const icon = card.locator("img.icon");
  assert.equal(await icon.getAttribute("src"), provider.display_icon);
  assert.ok(await icon.evaluate((img) => img.complete && img.naturalWidth > 0), "the provider's icon loads");

  // The git box names this deployment; its copy button copies it.
  const box = page.locator("#git-config");
  const git = (await box.innerText()).trim();
  assert.ok(git.includes(`export GITAUTHD_URL=${serverURL} `), git);
  assert.ok(git.includes("git config --global credential.helper '!gitauthd git-credential'"), git);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await page.getByRole("button", { name: "Copied" }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), git);

  // Connect by browser OAuth: through the fake's authorize page and back.
  await Promise.all([
    page.waitForURL(`${serverURL}/?connected=${providerID}`, { timeout: 30_000 }),
    card.getByRole("link", { name: `Connect ${provider.display_name}` }).click(),
  ]);
  assert.match(await page.getByRole("status").first().innerText(), new RegExp(`Your ${provider.display_name} account is connected\\.`));
  assert.match(await card.innerText(), /Connected as octocat/);
  assert.equal(await card.getByRole("link", { name: "profile" }).getAttribute("href"), `${fakeURL}/octocat`);
  assert.equal(await linked(token), true);
  // The fake's GitHub App is installed on octocat's account: its configure link.
  const installations = card.locator("section.installations");
  assert.match(await installations.innerText(), /octocat/);
  assert.ok((await installations.getByRole("link", { name: "configure" }).getAttribute("href")).startsWith(fakeURL + "/"));
  await shot(page, "accounts.png", { docs: true });

  // Disconnect: the link is gone and the provider revoked the token.
  await card.getByRole("button", { name: `Disconnect ${provider.display_name}` }).click();
  await page.waitForURL((u) => u.searchParams.get("disconnected") === providerID);
  assert.match(await page.getByRole("status").first().innerText(),
    new RegExp(`Disconnected from ${provider.display_name}, and ${provider.display_name} revoked the token\\.`));
  assert.match(await card.innerText(), /Not connected\./);
  assert.equal(await linked(token), false);

  // Connect by the device flow: the code, its copy button, the provider's
  // page and a countdown; the fake approves after 2 s and the page moves on.
  await card.getByRole("button", { name: "Connect with a code" }).click();
  const code = card.locator(".device-code");
  await page.waitForFunction((el) => el.textContent.trim() !== "", await code.elementHandle(), { timeout: 15_000 });
  const userCode = (await code.innerText()).trim();
  assert.match(userCode, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  assert.ok((await card.locator(".device-uri").getAttribute("href")).startsWith(fakeURL + "/"));
  assert.match(await card.locator(".device-expiry").innerText(), /^The code expires in \d+:\d\d\.$/);
  await card.getByRole("button", { name: "Copy code" }).click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), userCode);
  await page.waitForURL(`${serverURL}/?connected=${providerID}`, { timeout: 30_000 });
  assert.match(await page.locator(`#account-${providerID}`).innerText(), /Connected as octocat/);
  assert.equal(await linked(token), true);

  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await readable(page, `Your accounts at ${width}px`);
  }
  assert.deepEqual(problems(), []);
});

test("a device code not entered in time expires on the page", { timeout: 60_000 }, async (t) => {
  const member = { email: "frank@example.com", username: "frank", password: "a-long-browser-password" };
  assert.equal((await api("POST", "/api/v2/users", ownerSession, member)).status, 201);
  const token = await signIn(member.email, member.password);
  const { page, problems } = await open(t, { session: token, allow });
  await page.clock.install(); // the page's clock: the code's 15 minutes pass at once
  await page.goto(serverURL + "/");
  const card = page.locator(`#account-${providerID}`);
  await card.getByRole("button", { name: "Connect with a code" }).click();
  const code = card.locator(".device-code");
  await page.waitForFunction((el) => el.textContent.trim() !== "", await code.elementHandle(), { timeout: 15_000 });
  assert.match(await card.locator(".device-expiry").innerText(), /^The code expires in 1[45]:\d\d\.$/);

  await page.clock.fastForward("15:01");
  await card.getByText("The code expired before it was entered. Start again for a new one.").waitFor();
  assert.equal(await card.locator(".device-box").isHidden(), true, "the dead code is hidden");
  assert.equal(await card.getByRole("button", { name: "Connect with a code" }).isEnabled(), true, "a new code can be asked for");
  assert.equal(await linked(token), false);
  assert.deepEqual(problems(), []);
});
