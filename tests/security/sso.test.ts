// Single sign-on against a real OpenID Connect provider (oidc-provider, the
// certified Node implementation) started here on a local port: discovery, the
// code flow with PKCE, the token exchange and the ID token all go over HTTP.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { browserUser, call, ORIGIN } from "../support/api";

const CLIENT = { client_id: "parley", client_secret: "a client secret for the tests" };
let server: Server;
let issuer: string;

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ ...CLIENT, redirect_uris: [`${ORIGIN}/api/auth/callback/sso`], grant_types: ["authorization_code"], response_types: ["code"] }],
    // Anyone who types a login name at the provider's development login form is that person.
    async findAccount(_ctx, sub) {
      return { accountId: sub, claims: async () => ({ sub, preferred_username: `${sub}`, name: `${sub} (SSO)`, email: `${sub}@example.com` }) };
    },
    claims: { openid: ["sub"], profile: ["name", "preferred_username"], email: ["email"] },
    cookies: { keys: ["a cookie key for the tests"] },
  });
  server.on("request", provider.callback());
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

function configure() {
  vi.stubEnv("PARLEY_PUBLIC_URL", ORIGIN);
  vi.stubEnv("PARLEY_OIDC_ISSUER", issuer);
  vi.stubEnv("PARLEY_OIDC_CLIENT_ID", CLIENT.client_id);
  vi.stubEnv("PARLEY_OIDC_CLIENT_SECRET", CLIENT.client_secret);
  vi.resetModules();
}

/** A browser's cookies: enough of a jar for two sites that each set a handful. */
class Jar {
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair!.indexOf("=");
      const [name, value] = [pair!.slice(0, at), pair!.slice(at + 1)];
      if (value === "" || /max-age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** Follows the provider's pages as a person would: log in as `login`, then consent. */
async function throughProvider(start: string, login: string): Promise<string> {
  const jar = new Jar();
  let url = start;
  for (let hop = 0; hop < 12; hop++) {
    if (url.startsWith(ORIGIN)) return url;
    let response = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.take(response);
    if (response.status === 200 && url.includes("/interaction/")) {
      const page = await response.text();
      const form = /<form[^>]*action="([^"]+)"/.exec(page)![1]!;
      const fields = new URLSearchParams(page.includes('name="login"') ? { prompt: "login", login, password: "anything" } : { prompt: "consent" });
      response = await fetch(new URL(form, issuer), { method: "POST", redirect: "manual", headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" }, body: fields });
      jar.take(response);
    }
    expect([302, 303]).toContain(response.status);
    url = new URL(response.headers.get("location")!, url).href;
  }
  throw new Error("the provider never sent the browser back");
}

async function signOn(login: string, cookie?: string): Promise<{ response: Response; cookie: string }> {
  const start = await call("GET", "/api/auth/sso", { headers: cookie ? { cookie } : {} });
  expect(start.status).toBe(302);
  const state = start.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const back = await throughProvider(start.headers.get("location")!, login);
  const response = await call("GET", back.slice(ORIGIN.length), { headers: { cookie: [cookie, state].filter(Boolean).join("; ") } });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("parley.session="));
  return { response, cookie: session?.split(";")[0] ?? "" };
}

describe("single sign-on (OpenID Connect)", () => {
  it("is 404 when not configured", async () => {
    const response = await call("GET", "/api/auth/sso");
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("sso_not_configured");
  });

  it("signs a person in through the provider, as the same account each time", async () => {
    configure();
    const login = `carol${Date.now()}`;
    const first = await signOn(login);
    expect(first.response.status).toBe(302);
    expect(first.response.headers.get("location")).toMatch(/\/$/);
    const me = (await (await call("GET", "/api/auth/me", { headers: { cookie: first.cookie } })).json()).user;
    expect(me).toMatchObject({ name: login, guest: false });

    const again = await signOn(login);
    expect((await (await call("GET", "/api/auth/me", { headers: { cookie: again.cookie } })).json()).user.id).toBe(me.id);
  });

  it("a guest who signs on keeps their chats", async () => {
    configure();
    const guest = await browserUser();
    await guest.json("POST", "/api/sessions", { body: { title: "before signing on" } });
    const { cookie } = await signOn(`dave${Date.now()}`, guest.cookie);
    const titles = (await (await call("GET", "/api/sessions", { headers: { cookie } })).json()).sessions.map((s: { title: string }) => s.title);
    expect(titles).toEqual(["before signing on"]);
  });

  it("works with sign-up closed: the provider decides who comes in", async () => {
    configure();
    vi.stubEnv("PARLEY_SIGNUP", "closed");
    vi.resetModules();
    const { cookie } = await signOn(`erin${Date.now()}`);
    expect((await call("GET", "/api/auth/me", { headers: { cookie } })).status).toBe(200);
  });

  it("a forged or replayed callback signs nobody in", async () => {
    configure();
    const forged = await call("GET", "/api/auth/callback/sso?code=forged&state=forged");
    expect(forged.headers.getSetCookie().some((c) => c.startsWith("parley.session=") && !/max-age=0/i.test(c))).toBe(false);
    expect(forged.status).toBe(302);
    expect(forged.headers.get("location")).toMatch(/error/);
  });
});
