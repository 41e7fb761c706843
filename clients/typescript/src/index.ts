// A typed client of gitauthd's API. The types (schema.ts) are generated from
// api/openapi.yaml by openapi-typescript (`npm run generate`, or `make clients`);
// requests go through openapi-fetch. This file is the small hand-written part:
// sessions.
//
//   const session = await signIn("http://127.0.0.1:3000", "admin@example.com", "…");
//   const { data } = await session.client.GET("/api/v2/users/{user}", { params: { path: { user: "me" } } });
//   const token = await session.createToken("ci");      // a long-lived API token
//   const ci = connect("http://127.0.0.1:3000", token);  // a client that sends it
//   await session.signOut();
//
// A client made with a key sends it where each API expects it: in the
// Coder-Session-Token header on /api/v2, in X-Auth-Token on /v1 (ServiceStage).
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths };

/** A client of every operation of the contract. */
export type GitauthdClient = Client<paths>;

/** The error bodies of the two dialects: Coder's (/api/v2) and ServiceStage's (/v1). */
export type CoderError = components["schemas"]["Response"];
export type ServiceStageError = components["schemas"]["ServiceStageError"];

export interface ClientOptions {
  /** fetch to use (default: the global fetch). */
  fetch?: typeof globalThis.fetch;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

/** An error answer of the API, with its status and body. */
export class APIError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`gitauthd answered ${status}: ${JSON.stringify(body)}`);
    this.name = "APIError";
  }
}

/** A middleware that authenticates every request with key, as its API expects. */
export function keyMiddleware(key: string): Middleware {
  return {
    onRequest({ request }) {
      const path = new URL(request.url).pathname;
      request.headers.set(path.startsWith("/v1/") ? "X-Auth-Token" : "Coder-Session-Token", key);
      return request;
    },
  };
}

/** A client without credentials, for the operations that need none. */
export function anonymous(baseUrl: string, options: ClientOptions = {}): GitauthdClient {
  return createClient<paths>({ baseUrl: trimSlash(baseUrl), fetch: options.fetch, headers: options.headers });
}

/** A client that authenticates with key: a session token or an API token (`{id}-{secret}`). */
export function connect(baseUrl: string, key: string, options: ClientOptions = {}): GitauthdClient {
  const client = anonymous(baseUrl, options);
  client.use(keyMiddleware(key));
  return client;
}

/**
 * ok returns the data of a successful answer and throws APIError otherwise.
 *
 *   const me = ok(await client.GET("/api/v2/users/{user}", { params: { path: { user: "me" } } }));
 */
export function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new APIError(result.response.status, result.error);
  }
  return result.data as T;
}

/** A signed-in user: the session token and a client that sends it. */
export class Session {
  readonly client: GitauthdClient;

  constructor(
    readonly baseUrl: string,
    readonly token: string,
    private readonly options: ClientOptions = {},
  ) {
    this.client = connect(baseUrl, token, options);
  }

  /** The signed-in user. */
  async me(): Promise<components["schemas"]["User"]> {
    return ok(await this.client.GET("/api/v2/users/{user}", { params: { path: { user: "me" } } }));
  }

  /**
   * Creates a long-lived API token of the signed-in user and returns it
   * (shown only once). lifetimeNs 0 means the deployment's default lifetime.
   */
  async createToken(name: string, lifetimeNs = 0): Promise<string> {
    const res = ok(
      await this.client.POST("/api/v2/users/{user}/keys/tokens", {
        params: { path: { user: "me" } },
        body: { token_name: name, lifetime: lifetimeNs },
      }),
    );
    return res.key;
  }

  /** A client that authenticates with another key (for example an API token). */
  withKey(key: string): GitauthdClient {
    return connect(this.baseUrl, key, this.options);
  }

  /** Ends the session: its token stops working. */
  async signOut(): Promise<void> {
    ok(await this.client.POST("/api/v2/users/logout"));
  }
}

/** Signs in with an email and a password and returns the session. */
export async function signIn(
  baseUrl: string,
  email: string,
  password: string,
  options: ClientOptions = {},
): Promise<Session> {
  const res = ok(await anonymous(baseUrl, options).POST("/api/v2/users/login", { body: { email, password } }));
  return new Session(trimSlash(baseUrl), res.session_token, options);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
