// The client's journey against a live gitauthd (clients/run-tests.sh starts one,
// with the fake provider approving device codes by itself, and creates the owner):
// sign in, create a token, read build info and deployment config, link an account
// with the device flow, and list a project's ServiceStage authorizations.
//
// Environment: GITAUTHD_URL, GITAUTHD_EMAIL, GITAUTHD_PASSWORD (the owner),
// GITAUTHD_PROVIDER_ID and GITAUTHD_PROVIDER_URL (the fake provider).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { anonymous, APIError, ok, type GitauthdClient, type Session, signIn } from "../src/index.js";

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run clients/run-tests.sh`);
  return v;
}

const baseUrl = env("GITAUTHD_URL");
const email = env("GITAUTHD_EMAIL");
const password = env("GITAUTHD_PASSWORD");
const providerID = env("GITAUTHD_PROVIDER_ID");
const providerURL = env("GITAUTHD_PROVIDER_URL");
const project = "ts-client";

let session: Session;
let api: GitauthdClient; // authenticated with an API token, not the session

before(async () => {
  session = await signIn(baseUrl, email, password);
});

after(async () => {
  await session?.signOut();
});

test("build info needs no credentials", async () => {
  const info = ok(await anonymous(baseUrl).GET("/api/v2/buildinfo"));
  assert.match(info.version, /^v\d+\.\d+\.\d+/);
  assert.equal(info.external_url, baseUrl);
  assert.equal(info.workspace_proxy, false);
});

test("sign in", async () => {
  const me = await session.me();
  assert.equal(me.email, email);
  assert.ok(me.roles.some((r) => r.name === "owner"), "the first user is the owner");

  await assert.rejects(signIn(baseUrl, email, "not-the-password"), (e: unknown) => e instanceof APIError && e.status === 401);
});

test("create an API token and use it", async () => {
  const token = await session.createToken("ts-client");
  assert.match(token, /^[A-Za-z0-9]{10}-[A-Za-z0-9]+$/);
  api = session.withKey(token);
  const tokens = ok(await api.GET("/api/v2/users/{user}/keys/tokens", { params: { path: { user: "me" } } }));
  assert.ok(tokens.some((t) => t.token_name === "ts-client" && t.id === token.split("-")[0]));
});

test("deployment config (owner only)", async () => {
  const config = ok(await api.GET("/api/v2/deployment/config"));
  assert.equal(config.config.access_url?.host, new URL(baseUrl).host);
  const names = config.options.map((o) => o.flag);
  assert.ok(names.includes("http-address"), `options: ${names.join(", ")}`);
  const secret = config.options.find((o) => o.flag === "external-token-encryption-keys");
  assert.equal(secret?.value, null, "secrets are never shown");
});

test("link the fake provider with the device flow", { timeout: 60_000 }, async () => {
  const path = { externalauth: providerID };
  const before = ok(await api.GET("/api/v2/external-auth/{externalauth}", { params: { path } }));
  assert.equal(before.device, true);

  const device = ok(await api.GET("/api/v2/external-auth/{externalauth}/device", { params: { path } }));
  assert.ok(device.user_code && device.verification_uri.startsWith(providerURL));
  const deadline = Date.now() + 45_000;
  for (;;) {
    await sleep(device.interval * 1000);
    const res = await api.POST("/api/v2/external-auth/{externalauth}/device", {
      params: { path },
      body: { device_code: device.device_code },
    });
    if (res.response.status === 204) break;
    assert.equal(res.response.status, 400);
    assert.ok(["authorization_pending", "slow_down"].includes(res.error?.detail ?? ""), JSON.stringify(res.error));
    assert.ok(Date.now() < deadline, "the fake provider approves the code within seconds");
  }

  const linked = ok(await api.GET("/api/v2/external-auth/{externalauth}", { params: { path } }));
  assert.equal(linked.authenticated, true);
  assert.equal(linked.user?.login, "octocat");
});

test("ServiceStage authorizations of a project", async () => {
  ok(await api.POST("/api/v2/projects", { body: { id: project, name: "TypeScript client" } }));

  // A token the provider accepts: the one just linked, as git would get it.
  const creds = ok(
    await api.GET("/api/v2/git-credentials", { params: { query: { match: `${providerURL}/octocat/hello.git` } } }),
  );
  assert.ok(creds.access_token, "the link gives git a token");

  const empty = ok(await api.GET("/v1/{project_id}/git/auths", { params: { path: { project_id: project } } }));
  assert.deepEqual(empty, { authorizations: [], count: 0 });

  const created = ok(
    await api.POST("/v1/{project_id}/git/auths/{repo_type}/personal", {
      params: { path: { project_id: project, repo_type: "github" } },
      body: { name: "ts-octocat", token: creds.access_token },
    }),
  );
  assert.equal(created.authorization.repo_user, "octocat");

  const list = ok(await api.GET("/v1/{project_id}/git/auths", { params: { path: { project_id: project } } }));
  assert.equal(list.count, 1);
  const auth = list.authorizations[0];
  assert.equal(auth?.name, "ts-octocat");
  assert.equal(auth?.token_type, "personal");
  assert.equal(auth?.status, 0, "the provider accepts the token");

  // ServiceStage errors have their own dialect.
  const missing = await api.GET("/v1/{project_id}/git/auths", { params: { path: { project_id: "no-such-project" } } });
  assert.equal(missing.response.status, 404);
  assert.equal(missing.error?.error_code, "SVCSTG.REPO.0404");
});
