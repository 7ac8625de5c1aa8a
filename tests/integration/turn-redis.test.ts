// With REDIS_URL: running replies are followed and stopped through Redis, and
// rate limits are counted there, so any app instance can serve any client.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { browserUser, readSse, textFromChunks } from "../support/api";
import { readUntil } from "../support/sse";
import { redisAvailable, TEST_REDIS_URL } from "../support/redis";

const available = await redisAvailable();

describe.skipIf(!available)("with Redis", () => {
  beforeAll(() => {
    vi.stubEnv("REDIS_URL", TEST_REDIS_URL);
    // Unique limits per run: counters in Redis outlive the test process.
    vi.stubEnv("PARLEY_RATE_SENDS_PER_USER", `${1000 + Math.floor(Math.random() * 1000)}/60`);
    vi.resetModules();
  });
  afterAll(async () => {
    const { closeRedis } = await import("@/lib/redis");
    await closeRedis();
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("streams a reply and a second client follows it from the first chunk", async () => {
    const ada = await browserUser();
    const session = await ada.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    const first = await ada.call("POST", `/api/sessions/${session.id}/messages`, { body: { message: "via redis [[tokens:40]] [[delay:10]]" } });
    const reader = first.body!.getReader();
    await reader.read();
    const resumed = await readSse(await ada.call("GET", `/api/sessions/${session.id}/stream`));
    expect(resumed.chunks[0]).toMatchObject({ type: "start" });
    expect(textFromChunks(resumed.chunks).trim().split(" ")).toHaveLength(40);
    expect(resumed.done).toBe(true);
    await reader.cancel();
    const reply = await db().message.findFirstOrThrow({ where: { sessionId: session.id, role: "assistant" } });
    expect(reply.status).toBe("complete");
    // After the end there is nothing to follow: the stored thread has it.
    expect((await ada.call("GET", `/api/sessions/${session.id}/stream`)).status).toBe(204);
  });

  it("stops a running reply through a Redis message, keeping the partial text", async () => {
    const ada = await browserUser();
    const session = await ada.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    const response = await ada.call("POST", `/api/sessions/${session.id}/messages`, { body: { message: "long [[tokens:500]] [[delay:10]]" } });
    const { reader, text: seen } = await readUntil(response, (text) => text.includes(' w5"'));
    expect(seen, "ended early").toContain(' w5"');
    const stop = await ada.json<{ stopped: boolean; message: { status: string; text: string } }>("POST", `/api/sessions/${session.id}/stop`);
    expect(stop.stopped).toBe(true);
    expect(stop.message.status).toBe("stopped");
    expect(stop.message.text.split(" ").length).toBeLessThan(500);
    await reader.cancel();
  });
});
