// Projects in a real Chromium, as the owner: create one (a taken id is
// refused in the server's words beside the field), rename it, add a member
// (an unknown user is refused beside the field) and remove them, see the
// project's ServiceStage authorization with its status in words and delete
// it, delete the project. A member sees their project, without the owner's
// forms.
import { test } from "node:test";
import assert from "node:assert/strict";
import { api, env, errorBeside, open, readable, serverURL, shot, signIn, useBrowser, widths } from "./lib.mjs";

useBrowser();
const ownerSession = env("E2E_SESSION_TOKEN");
const personalToken = env("E2E_PERSONAL_TOKEN");

test("Projects: create, rename, members, authorizations, delete", { timeout: 180_000 }, async (t) => {
  const member = { email: "dave@example.com", username: "dave", password: "a-long-browser-password" };
  assert.equal((await api("POST", "/api/v2/users", ownerSession, member)).status, 201);
  const taken = await api("POST", "/api/v2/projects", ownerSession, { id: "taken", name: "Taken" });
  assert.equal(taken.status, 201, JSON.stringify(taken.body));

  const { page, problems } = await open(t, { session: ownerSession });
  page.on("dialog", (d) => d.accept()); // the deletions' confirmations
  await page.goto(serverURL + "/projects");
  await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();

  // A taken id: the API's words beside the Id field; nothing created.
  const again = await api("POST", "/api/v2/projects", ownerSession, { id: "taken", name: "Team A" });
  assert.equal(again.status, 409, JSON.stringify(again.body));
  await page.getByLabel("Name").fill("Team A");
  await page.getByLabel("Id (optional)").fill("taken");
  await page.getByRole("button", { name: "Create project" }).click();
  await page.getByRole("alert").waitFor();
  assert.equal(await errorBeside(page, "Id (optional)"), again.body.validations[0].detail);
  assert.equal(await page.getByLabel("Name").inputValue(), "Team A");

  await page.getByLabel("Id (optional)").fill("team-a");
  await Promise.all([page.waitForURL(`${serverURL}/projects/team-a?created=true`), page.getByRole("button", { name: "Create project" }).click()]);
  await page.getByRole("heading", { name: "Team A", level: 1 }).waitFor();

  // Rename: the id stays.
  await page.getByLabel("New name").fill("Team A (platform)");
  await Promise.all([page.waitForURL(/renamed=true/), page.getByRole("button", { name: "Rename" }).click()]);
  await page.getByRole("heading", { name: "Team A (platform)", level: 1 }).waitFor();
  assert.equal((await api("GET", "/api/v2/projects/team-a", ownerSession)).body.name, "Team A (platform)");

  // Members: an unknown user is refused beside the field; dave is added.
  const nobody = await api("PUT", "/api/v2/projects/team-a/members/nobody", ownerSession);
  assert.equal(nobody.status, 404);
  const memberField = "Add a member (username)";
  await page.getByLabel(memberField).fill("nobody");
  await page.getByRole("button", { name: "Add member" }).click();
  await page.getByRole("alert").waitFor();
  assert.equal(await errorBeside(page, memberField), nobody.body.message);
  await page.getByLabel(memberField).fill("dave");
  await Promise.all([page.waitForURL(/added=dave/), page.getByRole("button", { name: "Add member" }).click()]);
  const members = page.locator("section", { has: page.getByRole("heading", { name: "Members" }) });
  assert.match(await members.innerText(), /dave/);
  const listed = await api("GET", "/api/v2/projects/team-a/members", ownerSession);
  assert.deepEqual(listed.body.map((m) => m.username), ["dave"]);

  // An authorization made by a ServiceStage client (the fake provider's
  // personal token), shown with its status in words.
  const daveSession = await signIn(member.email, member.password);
  const created = await fetch(`${serverURL}/v1/team-a/git/auths/github/personal`, {
    method: "POST",
    headers: { "X-Auth-Token": daveSession, "Content-Type": "application/json" },
    body: JSON.stringify({ name: "ci-github", token: personalToken }),
  });
  assert.equal(created.status, 200, await created.text());
  await page.goto(serverURL + "/projects/team-a");
  const row = page.getByRole("row").filter({ hasText: "ci-github" });
  const cells = await row.getByRole("cell").allInnerTexts();
  assert.equal(cells[0], "ci-github");
  assert.equal(cells[1], "github");
  assert.match(cells[2], /octocat/);
  assert.equal(cells[4], "Valid (0)", "status 0 in words");
  await shot(page, "project.png", { docs: true });
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await readable(page, `project page at ${width}px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // The member sees the project and its authorization, not the owner's forms.
  const { page: davePage, problems: daveProblems } = await open(t, { session: daveSession });
  await davePage.goto(serverURL + "/projects");
  await davePage.getByRole("link", { name: "Team A (platform)" }).click();
  await davePage.getByRole("row").filter({ hasText: "ci-github" }).waitFor();
  assert.equal(await davePage.getByLabel("New name").count(), 0);
  assert.equal(await davePage.getByRole("button", { name: /Delete project/ }).count(), 0);
  assert.deepEqual(daveProblems(), []);

  // Delete the authorization.
  await Promise.all([page.waitForURL(/deleted=ci-github/), row.getByRole("button", { name: "Delete authorization ci-github" }).click()]);
  assert.equal(await page.getByRole("row").filter({ hasText: "ci-github" }).count(), 0);
  const auths = await fetch(`${serverURL}/v1/team-a/git/auths`, { headers: { "X-Auth-Token": ownerSession } });
  assert.equal(auths.status, 200);
  assert.equal((await auths.json()).count, 0);

  // Remove the member.
  await Promise.all([page.waitForURL(/removed=dave/), page.getByRole("button", { name: "Remove dave" }).click()]);
  assert.deepEqual((await api("GET", "/api/v2/projects/team-a/members", ownerSession)).body, []);

  // Delete the project.
  await page.goto(serverURL + "/projects");
  await shot(page, "projects.png");
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await readable(page, `projects page at ${width}px`);
  }
  await page.goto(serverURL + "/projects/team-a");
  await Promise.all([page.waitForURL(/\/projects\?deleted=team-a/), page.getByRole("button", { name: /^Delete project/ }).click()]);
  assert.equal(await page.getByRole("link", { name: "Team A (platform)" }).count(), 0);
  assert.equal((await api("GET", "/api/v2/projects/team-a", ownerSession)).status, 404);

  assert.deepEqual(problems(), []);
});
