// Rate limits: per user and per IP on sends, per IP and per name on logins.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { browserUser, call } from "../support/api";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("send limits", () => {
  it("the 51st send in a minute gets 429 with Retry-After, and nothing is written", async () => {
    const ada = await browserUser();
    const sessions = await Promise.all(Array.from({ length: 5 }, () => ada.json<{ id: string }>("POST", "/api/sessions", { body: {} })));
    for (let i = 0; i < 50; i++) {
      const response = await ada.call("POST", `/api/sessions/${sessions[i % 5]!.id}/messages`, { body: { message: `send ${i}` }, headers: { accept: "application/json" } });
      expect([i, response.status]).toEqual([i, 200]);
    }
    const before = await db().message.count({ where: { session: { userId: ada.userId } } });
    const refused = await ada.call("POST", `/api/sessions/${sessions[0]!.id}/messages`, { body: { message: "one too many" } });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({ error: { code: "rate_limited", message: expect.stringContaining("try again in") } });
    expect(await db().message.count({ where: { session: { userId: ada.userId } } })).toBe(before);
    // Other users are not affected.
    const bob = await browserUser();
    const bobs = await bob.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    expect((await bob.call("POST", `/api/sessions/${bobs.id}/messages`, { body: { message: "hi" }, headers: { accept: "application/json" } })).status).toBe(200);
  });

  it("limits sends per IP across users (PARLEY_RATE_SENDS_PER_IP)", async () => {
    vi.stubEnv("PARLEY_RATE_SENDS_PER_IP", "3/60");
    vi.resetModules();
    const ip = { "x-forwarded-for": "203.0.113.7" };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const user = await browserUser();
      const s = await user.json<{ id: string }>("POST", "/api/sessions", { body: {} });
      statuses.push((await user.call("POST", `/api/sessions/${s.id}/messages`, { body: { message: "hi" }, headers: { ...ip, accept: "application/json" } })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("a limit can be switched off", async () => {
    vi.stubEnv("PARLEY_RATE_SENDS_PER_USER", "off");
    vi.stubEnv("PARLEY_RATE_SENDS_PER_IP", "off");
    vi.resetModules();
    const ada = await browserUser();
    const s = await ada.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    for (let i = 0; i < 55; i++) {
      expect((await ada.call("POST", `/api/sessions/${s.id}/messages`, { body: {} })).status).toBe(422);
    }
    // Malformed requests did not spend the quota.
    expect((await ada.call("POST", `/api/sessions/${s.id}/messages`, { body: { message: "hi" }, headers: { accept: "application/json" } })).status).toBe(200);
  });
});

describe("login limits", () => {
  it("limits login attempts per name and address, and per address", async () => {
    vi.stubEnv("PARLEY_RATE_LOGINS_PER_NAME", "3/300");
    vi.stubEnv("PARLEY_RATE_LOGINS_PER_IP", "5/300");
    vi.resetModules();
    const guess = (name: string, ip: string) =>
      call("POST", "/api/auth/login", { body: { name, password: "wrong password" }, headers: { "x-forwarded-for": ip } });
    const byName = [];
    for (let i = 0; i < 4; i++) byName.push((await guess("VICTIM", "198.51.100.1")).status);
    expect(byName).toEqual([401, 401, 401, 429]);
    const byIp = [];
    for (let i = 0; i < 6; i++) byIp.push((await guess(`someone-${i}`, "198.51.100.200")).status);
    expect(byIp).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await guess("another", "198.51.100.200");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
