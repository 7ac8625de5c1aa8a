// Never lose a message: replies survive closed clients, crashes, database
// outages, restarts and shutdowns, and two instances serve one conversation.
// Each test runs its own app instances (the standalone server) of the production build.
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { postgresServerUrl } from "../tests/support/postgres";
import { redisAvailable, TEST_REDIS_URL } from "../tests/support/redis";
import { baseEnv, deltas, freshTestDatabase, MIGRATE, startInstance, visitor, waitFor, type TestDatabase } from "./support/instance";
import { readRest, readUntil } from "../tests/support/sse";
import { startTcpProxy } from "./support/tcp-proxy";

test.describe.configure({ timeout: 90_000 });

type Message = { id: string; role: string; status: string; text: string };

async function thread(client: ReturnType<typeof visitor> extends Promise<infer C> ? C : never, url: string, sessionId: string): Promise<Message[]> {
  const response = await client(url, `/api/sessions/${sessionId}/messages`);
  return ((await response.json()) as { messages: Message[] }).messages;
}

let db: TestDatabase | undefined;
test.afterEach(async () => {
  await db?.drop();
  db = undefined;
});

test("two instances sharing PostgreSQL and Redis: start on one, resume and stop from the other", async () => {
  test.skip(!postgresServerUrl(), "needs TEST_DATABASE_URL (a PostgreSQL server)");
  test.skip(!(await redisAvailable()), `needs Redis at ${TEST_REDIS_URL}`);
  db = await freshTestDatabase();
  const env = baseEnv({ ...db.env, REDIS_URL: TEST_REDIS_URL });
  const [a, b] = await Promise.all([startInstance(3221, env), startInstance(3222, env)]);
  try {
    const client = await visitor(a.url);
    const session = (await (await client(a.url, "/api/sessions", { method: "POST", body: "{}" })).json()) as { id: string };
    const started = await client(a.url, `/api/sessions/${session.id}/messages`, { method: "POST", body: JSON.stringify({ message: "across instances [[tokens:400]] [[delay:20]]" }) });
    const onA = await readUntil(started, (text) => text.includes('"delta":" w5"'));

    // B replays the reply from its first chunk and follows it live.
    const resumed = await client(b.url, `/api/sessions/${session.id}/stream`);
    expect(resumed.status).toBe(200);
    const onB = await readUntil(resumed, (text) => text.includes('"delta":" w20"'));
    expect(onB.text).toContain('"type":"start"');
    expect(deltas(onB.text)).toMatch(/^w1 w2 w3 w4 w5 .* w20/);

    // B stops it; A (the producer) ends the reply and stores what was generated.
    const stop = (await (await client(b.url, `/api/sessions/${session.id}/stop`, { method: "POST" })).json()) as { stopped: boolean; message: Message };
    expect(stop.stopped).toBe(true);
    expect(stop.message.status).toBe("stopped");
    const restOnA = await readRest(onA.reader);
    expect(restOnA).toContain('"type":"abort"');
    const restOnB = await readRest(onB.reader);
    expect(restOnB).toContain("[DONE]");
    const stored = await thread(client, b.url, session.id);
    expect(stored.map((m) => [m.role, m.status])).toEqual([
      ["user", "complete"],
      ["assistant", "stopped"],
    ]);
    // What is stored is what A's client saw, cut short.
    expect(stored[1]!.text.trim()).toBe(deltas(onA.text + restOnA).trim());
    expect(stored[1]!.text.split(" ").length).toBeLessThan(400);
    // Either instance takes the next message.
    const next = await client(b.url, `/api/sessions/${session.id}/messages`, { method: "POST", body: JSON.stringify({ message: "on b" }), headers: { accept: "application/json" } });
    expect(((await next.json()) as Message).text).toBe("Echo: on b (turn 2)");
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

for (const kind of ["postgres", "embedded"] as const) {
  test(`a crash (kill -9) mid-reply keeps the checkpointed text; after restart it shows as interrupted (${kind})`, async () => {
    test.skip(kind === "postgres" && !postgresServerUrl(), "needs TEST_DATABASE_URL");
    db = await freshTestDatabase(kind === "embedded");
    const env = baseEnv(db.env);
    let app = await startInstance(3223, env);
    const client = await visitor(app.url);
    const session = (await (await client(app.url, "/api/sessions", { method: "POST", body: "{}" })).json()) as { id: string };
    const started = await client(app.url, `/api/sessions/${session.id}/messages`, { method: "POST", body: JSON.stringify({ message: "crash me [[tokens:400]] [[delay:25]]" }) });
    const seen = await readUntil(started, (text) => text.includes('"delta":" w80"'));
    await new Promise((resolve) => setTimeout(resolve, 4_000)); // a checkpoint (≤ 2 s apart) after w80, with room for a busy machine
    await app.stop("SIGKILL");
    await seen.reader.cancel().catch(() => {});

    // Restart as npm start does: migrate, then serve.
    const migrated = spawnSync(process.execPath, [MIGRATE], { env, encoding: "utf8" });
    expect(migrated.status).toBe(0);
    app = await startInstance(3223, env);
    try {
      if (kind === "embedded") {
        // One process owns the embedded database: at start-up it knows the reply's writer is gone.
        expect((await thread(client, app.url, session.id))[1]?.status).toBe("interrupted");
      }
      const afterCrash = await waitFor(
        () => thread(client, app.url, session.id),
        (messages) => messages[1]?.status === "interrupted",
      );
      expect(afterCrash.map((m) => [m.role, m.status])).toEqual([
        ["user", "complete"],
        ["assistant", "interrupted"],
      ]);
      const partial = afterCrash[1]!.text;
      expect(partial).toMatch(/^w1 w2 w3 .* w80/);
      expect(partial.split(" ").length).toBeLessThan(400);
      // The session takes new messages.
      const next = await client(app.url, `/api/sessions/${session.id}/messages`, { method: "POST", body: JSON.stringify({ message: "still here?" }), headers: { accept: "application/json" } });
      expect(next.status).toBe(200);
      expect(((await next.json()) as Message).text).toBe("Echo: still here? (turn 2)");
    } finally {
      await app.stop();
    }
  });
}

/** An instance whose database connections pass through a proxy the test can cut, with a session ready. */
async function appBehindProxy(port: number) {
  db = await freshTestDatabase();
  const target = new URL(db.env.DATABASE_URL!);
  const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const viaProxy = new URL(target);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  const app = await startInstance(port, baseEnv({ DATABASE_URL: viaProxy.toString() }));
  const client = await visitor(app.url);
  const session = (await (await client(app.url, "/api/sessions", { method: "POST", body: "{}" })).json()) as { id: string };
  return { app, proxy, client, session };
}

test("a database outage mid-reply: the stream completes; the final write is retried and lands when the database returns", async () => {
  test.skip(!postgresServerUrl(), "needs TEST_DATABASE_URL");
  const { app, proxy, client, session } = await appBehindProxy(3224);
  try {
    const started = await client(app.url, `/api/sessions/${session.id}/messages`, { method: "POST", body: JSON.stringify({ message: "outage [[tokens:120]] [[delay:20]]" }) });
    const first = await readUntil(started, (text) => text.includes('"delta":" w10"'));
    await proxy.cut();
    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: "unavailable" });
    setTimeout(() => void proxy.restore(), 3_000);
    const rest = await readRest(first.reader);
    const all = first.text + rest;
    expect(deltas(all).trim().split(" ")).toHaveLength(120); // every token reached the client
    expect(all).toContain('"type":"finish"');
    expect(all).not.toContain("could not be saved");
    const stored = await thread(client, app.url, session.id);
    expect(stored[1]).toMatchObject({ status: "complete" });
    expect(stored[1]!.text.trim().split(" ")).toHaveLength(120);
  } finally {
    await app.stop();
    await proxy.close();
  }
});

test("a database that stays down: the client is told the reply was not saved; the user message is kept", async () => {
  test.skip(!postgresServerUrl(), "needs TEST_DATABASE_URL");
  const { app, proxy, client, session } = await appBehindProxy(3225);
  try {
    const started = await client(app.url, `/api/sessions/${session.id}/messages`, { method: "POST", body: JSON.stringify({ message: "doomed [[tokens:40]] [[delay:20]]" }) });
    const first = await readUntil(started, (text) => text.includes('"delta":" w5"'));
    await proxy.cut();
    const all = first.text + (await readRest(first.reader));
    expect(deltas(all).trim().split(" ")).toHaveLength(40);
    expect(all).toMatch(/"type":"error","errorText":"The reply could not be saved/);
    await proxy.restore();
    const stored = await thread(client, app.url, session.id);
    expect(stored[0]).toMatchObject({ role: "user", text: "doomed [[tokens:40]] [[delay:20]]" });
  } finally {
    await app.stop();
    await proxy.close();
  }
});

test("SIGTERM lets running replies finish, refuses new ones meanwhile, and exits cleanly", async () => {
  db = await freshTestDatabase();
  const app = await startInstance(3226, baseEnv(db.env));
  const client = await visitor(app.url);
  const session = (await (await client(app.url, "/api/sessions", { method: "POST", body: "{}" })).json()) as { id: string };
  const other = (await (await client(app.url, "/api/sessions", { method: "POST", body: "{}" })).json()) as { id: string };
  const started = await client(app.url, `/api/sessions/${session.id}/messages`, { method: "POST", body: JSON.stringify({ message: "finish me [[tokens:60]] [[delay:25]]" }) });
  const first = await readUntil(started, (text) => text.includes('"delta":" w5"'));
  app.process.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 200));
  const refused = await client(app.url, `/api/sessions/${other.id}/messages`, { method: "POST", body: JSON.stringify({ message: "too late" }) });
  expect(refused.status).toBe(503);
  expect(refused.headers.get("retry-after")).toBe("5");
  const all = first.text + (await readRest(first.reader));
  expect(deltas(all).trim().split(" ")).toHaveLength(60);
  expect(await app.exited).toBe(0);
  expect(app.output()).toContain("shutdown complete");

  const again = await startInstance(3226, baseEnv(db.env));
  try {
    const stored = await thread(client, again.url, session.id);
    expect(stored[1]).toMatchObject({ status: "complete" });
  } finally {
    await again.stop();
  }
});

test("SIGTERM with a reply longer than the grace period: it is cut, stored as interrupted, and the process exits", async () => {
  db = await freshTestDatabase();
  const env = baseEnv({ ...db.env, PARLEY_SHUTDOWN_GRACE_MS: "500" });
  const app = await startInstance(3227, env);
  const client = await visitor(app.url);
  const session = (await (await client(app.url, "/api/sessions", { method: "POST", body: "{}" })).json()) as { id: string };
  const started = await client(app.url, `/api/sessions/${session.id}/messages`, { method: "POST", body: JSON.stringify({ message: "too long [[tokens:1000]] [[delay:20]]" }) });
  const first = await readUntil(started, (text) => text.includes('"delta":" w5"'));
  app.process.kill("SIGTERM");
  const all = first.text + (await readRest(first.reader));
  expect(all).toContain('"type":"abort"');
  expect(await app.exited).toBe(0);
  const again = await startInstance(3227, env);
  try {
    const stored = await thread(client, again.url, session.id);
    expect(stored[1]!.status).toBe("interrupted");
    expect(stored[1]!.text).toMatch(/^w1 w2 w3 w4 w5/);
  } finally {
    await again.stop();
  }
});
