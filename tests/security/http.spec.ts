// The production server, as a hostile client meets it: forwarding headers that
// try to buy more attempts, the headers on pages and API answers, methods and
// paths the API does not serve.
import { expect, test } from "@playwright/test";
import { baseEnv, freshTestDatabase, startInstance, type Instance } from "../../e2e/support/instance";

test.describe("the client's address", () => {
  let db: Awaited<ReturnType<typeof freshTestDatabase>>;
  let app: Instance | undefined;
  test.beforeAll(async () => {
    db = await freshTestDatabase(true);
  });
  test.afterEach(async () => {
    await app?.stop();
    app = undefined;
  });
  test.afterAll(async () => {
    await db.drop();
  });

  const login = (name: string, forwardedFor?: string) =>
    fetch(`${app!.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
      body: JSON.stringify({ name, password: "wrong-password-123" }),
    });

  test("a spoofed X-Forwarded-For buys no more login attempts: the socket's address is counted", async () => {
    app = await startInstance(3261, baseEnv({ ...db.env, PARLEY_RATE_LOGINS_PER_IP: "3/300" }));
    const statuses = [];
    for (let i = 1; i <= 4; i++) statuses.push((await login(`nobody${i}`, `203.0.113.${i}, 198.51.100.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const refused = await login("nobody5", "203.0.113.99");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  test("behind a proxy the operator trusts, the address it forwards is counted", async () => {
    app = await startInstance(3262, baseEnv({ ...db.env, PARLEY_RATE_LOGINS_PER_IP: "3/300", PARLEY_TRUSTED_PROXIES: "loopback" }));
    // Four clients behind the proxy: each has attempts of its own.
    for (let i = 1; i <= 4; i++) expect((await login(`someone${i}`, `203.0.113.${i}`)).status).toBe(401);
    // One client: its fourth attempt is refused, whatever it puts before the proxy's entry.
    const statuses = [];
    for (let i = 1; i <= 4; i++) statuses.push((await login(`other${i}`, `10.9.9.${i}, 198.51.100.7`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

test("pages carry a nonce-based Content-Security-Policy and the other security headers", async ({ request }) => {
  const nonces = [];
  for (const path of ["/", "/login", "/docs"]) {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    const policy = headers["content-security-policy"]!;
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(policy)?.[1];
    expect(nonce, path).toBeTruthy();
    // Next.js's scripts and our theme script carry it.
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["x-frame-options"]).toBe("DENY");
    nonces.push(nonce);
  }
  expect(new Set(nonces).size).toBe(nonces.length);
});

test("the app runs under its policy: no script is blocked", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/");
  await page.getByRole("textbox").first().fill("你好 [[tokens:3]]");
  await page.keyboard.press("Enter");
  await expect(page.getByText("w3").first()).toBeVisible();
  await page.goto("/docs");
  await page.goto("/login");
  expect(violations).toEqual([]);
});

test("API answers are not cached, not sniffed and not framed; replies still stream uncompressed", async ({ request }) => {
  await request.get("/"); // a guest cookie
  const created = await request.post("/api/sessions", { data: {} });
  expect(created.status()).toBe(201);
  for (const response of [created, await request.get("/api/sessions"), await request.get("/api/nothing-here")]) {
    const headers = response.headers();
    expect(headers["cache-control"]).toContain("no-store");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  }
  const { id } = (await created.json()) as { id: string };
  const reply = await request.post(`/api/sessions/${id}/messages`, { data: { message: "hi [[tokens:3]]" }, headers: { "accept-encoding": "gzip, br" } });
  expect(reply.headers()["content-type"]).toContain("text/event-stream");
  expect(reply.headers()["content-encoding"]).toBeUndefined();
  expect(reply.headers()["cache-control"]).toContain("no-transform");
  expect(await reply.text()).toContain('"delta":" w3"');
});

test("unknown API paths and wrong methods answer in the API's error shape", async ({ request }) => {
  for (const method of ["GET", "POST", "DELETE"]) {
    const response = await request.fetch("/api/no/such/path", { method });
    expect(response.status()).toBe(404);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect((await response.json()).error.code).toBe("not_found");
  }
  const wrong = await request.fetch("/api/sessions", { method: "PUT" });
  expect(wrong.status()).toBe(405);
  expect(wrong.headers()["allow"]).toBe("GET, POST, HEAD, OPTIONS");
  expect((await wrong.json()).error.code).toBe("method_not_allowed");
});
