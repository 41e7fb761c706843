// Every page of the web app at 375 px and 1280 px in a real Chromium: no
// console error, failed request or request to another origin, nothing wider
// than the window, every field labelled; and the keyboard reaches the skip
// link, the navigation and the forms.
import { test } from "node:test";
import assert from "node:assert/strict";
import { api, env, open, readable, serverURL, shot, useBrowser, widths } from "./lib.mjs";

useBrowser();
const ownerSession = env("E2E_SESSION_TOKEN");
const providerID = env("E2E_PROVIDER_ID");

test("every page at both widths", { timeout: 180_000 }, async (t) => {
  assert.equal((await api("POST", "/api/v2/projects", ownerSession, { id: "sweep", name: "Every page" })).status, 201);
  const signedIn = ["/", "/tokens", "/projects", "/projects/sweep", "/users", "/audit", `/external-auth/${providerID}`];
  const signedOut = ["/login", "/"];
  // Pages that answer an error on purpose, with their status.
  const errors = [
    ["/external-auth/no-such-provider", 404],
    ["/projects/no-such-project", 404],
    // A code no browser flow of this user waits for (a ServiceStage client's).
    [`/external-auth/${providerID}/callback?code=a-code&state=a-state`, 400],
  ];

  for (const width of widths) {
    const owner = await open(t, { session: ownerSession, width });
    for (const p of signedIn) {
      const res = await owner.page.goto(serverURL + p);
      assert.equal(res.status(), 200, `${p} at ${width}px`);
      await readable(owner.page, `${p} at ${width}px`);
    }
    for (const [p, status] of errors) {
      const res = await owner.page.goto(serverURL + p);
      assert.equal(res.status(), status, p);
      assert.ok((await owner.page.getByRole("alert").innerText()).trim() !== "", `${p} says why`);
      await readable(owner.page, `${p} at ${width}px`);
    }
    if (width === 375) {
      await owner.page.goto(serverURL + "/");
      await shot(owner.page, "accounts-375.png", { docs: true });
    }
    assert.deepEqual(owner.problems(), [], `signed in at ${width}px`);

    const anon = await open(t, { width });
    for (const p of signedOut) {
      const res = await anon.page.goto(serverURL + p);
      assert.equal(res.status(), 200, `${p} signed out`);
      await anon.page.getByRole("heading", { name: "Sign in" }).waitFor();
      await readable(anon.page, `${p} signed out at ${width}px`);
    }
    if (width === 1280) await shot(anon.page, "login.png");
    assert.deepEqual(anon.problems(), [], `signed out at ${width}px`);
  }
});

test("the keyboard reaches the skip link, the navigation and the forms", { timeout: 60_000 }, async (t) => {
  const { page, problems } = await open(t, { session: ownerSession });
  await page.goto(serverURL + "/tokens");
  const focused = () => page.evaluate(() => (document.activeElement.innerText || document.activeElement.getAttribute("aria-label") || document.activeElement.name || "").trim());

  await page.keyboard.press("Tab");
  assert.equal(await focused(), "Skip to content");
  await page.keyboard.press("Tab");
  assert.equal(await focused(), "gitauthd");
  const nav = [];
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    nav.push(await focused());
  }
  assert.deepEqual(nav, ["Your accounts", "API tokens", "Projects", "Users", "Audit"]);

  // A token made with the keyboard alone: Name, then Enter.
  await page.getByLabel("Name").focus();
  await page.keyboard.type("keyboard-made");
  await page.keyboard.press("Enter");
  await page.locator("#new-token").waitFor();
  const tokens = await api("GET", "/api/v2/users/me/keys/tokens", ownerSession);
  const made = tokens.body.find((k) => k.token_name === "keyboard-made");
  assert.ok(made, "created from the keyboard");
  assert.equal((await api("DELETE", `/api/v2/users/me/keys/${made.id}`, ownerSession)).status, 204);
  assert.deepEqual(problems(), []);
});
