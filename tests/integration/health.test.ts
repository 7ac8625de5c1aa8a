import { afterAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/lib/db/client";

describe("GET /api/health", () => {
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it("answers ok when the database answers", async () => {
    const { GET } = await import("@/app/api/health/route");
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      status: "ok",
      db: "ok",
      database: process.env.DATABASE_URL ? "postgresql" : "embedded",
      models: { source: "openai-compatible", count: 2, default: "test-model" },
      uptimeSeconds: expect.any(Number),
    });
  });

  it("answers 503 naming the problem when the database is unreachable", async () => {
    await closeDb();
    vi.stubEnv("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/nowhere");
    vi.resetModules();
    const { GET } = await import("@/app/api/health/route");
    const response = await GET();
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({ status: "error", db: "unreachable", database: "postgresql" });
    expect(body.error).toMatch(/^Database unreachable: .*127\.0\.0\.1:1/);
    await closeDb();
  });
});
