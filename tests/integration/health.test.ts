import { afterAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/lib/db/client";
import { guestCookie } from "../support/api";

const stranger = () => new Request("http://parley.test/api/health");
const signedIn = async (cookie?: string) => new Request("http://parley.test/api/health", { headers: { cookie: cookie ?? (await guestCookie()).cookie } });

describe("GET /api/health", () => {
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it("tells a stranger only that it is ok", async () => {
    const { GET } = await import("@/app/api/health/route");
    const response = await GET(stranger());
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("shows a signed-in caller the database and models", async () => {
    const { GET } = await import("@/app/api/health/route");
    const response = await GET(await signedIn());
    expect(await response.json()).toEqual({
      status: "ok",
      db: "ok",
      database: process.env.DATABASE_URL ? "postgresql" : "embedded",
      models: { source: "openai-compatible", count: 2, default: "test-model" },
      uptimeSeconds: expect.any(Number),
    });
  });

  it("answers 503 unavailable when the database is unreachable, never with the driver's own words", async () => {
    const { cookie } = await guestCookie();
    await closeDb();
    vi.stubEnv("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/nowhere");
    vi.resetModules();
    const { GET } = await import("@/app/api/health/route");
    const response = await GET(stranger());
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable" });
    // Who asks cannot be checked without the database: a signed-in caller learns no more.
    const signedInAnswer = await GET(await signedIn(cookie));
    expect(signedInAnswer.status).toBe(503);
    expect(await signedInAnswer.json()).toEqual({ status: "unavailable" });
    await closeDb();
  });
});
