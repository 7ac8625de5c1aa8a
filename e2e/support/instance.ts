// Extra app instances for reliability tests: servers of the same production
// build, started as `npm start` starts it, on their own ports, killed and
// restarted at will.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, dropDatabase, freshDatabaseName, postgresServerUrl } from "../../tests/support/postgres";

export const MODEL_SERVER = `http://127.0.0.1:${process.env.E2E_MODEL_PORT ?? "4010"}/v1`;
/** The migrations as `npm start` runs them: bundled to JavaScript by the build (scripts/build-if-stale.mjs), no tsx. */
export const MIGRATE = ".next/parley/db-migrate.mjs";
export const SHARED_SECRET = "e2e-shared-secret-e2e-shared-secret-0123456789";

/** Settings every extra instance shares: the test model server, one signing secret. */
export function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: "",
    TEST_DATABASE_URL: "",
    OPENAI_BASE_URL: MODEL_SERVER,
    OPENAI_API_KEY: "e2e-key",
    PARLEY_MODELS: "test-model",
    PARLEY_MODEL_RETRIES: "0",
    PARLEY_SECRET: SHARED_SECRET,
    NEXT_MANUAL_SIG_HANDLE: "true",
    // Every browser context of the tests is a new guest, all from 127.0.0.1.
    PARLEY_RATE_GUESTS_PER_IP: "off",
    ...extra,
  };
}

export type Instance = {
  url: string;
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/** The production server as `npm start` runs it (the standalone build), on 127.0.0.1:`port`. */
export function spawnServer(port: number, env: NodeJS.ProcessEnv, options: { stdio?: "inherit" } = {}): ChildProcess {
  return spawn(process.execPath, ["scripts/start.mjs"], { env: { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" }, ...options });
}

export async function startInstance(port: number, env: NodeJS.ProcessEnv): Promise<Instance> {
  const child = spawnServer(port, env);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).status < 500) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || i > 150) throw new Error(`instance on ${port} did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    process: child,
    output: () => output,
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export type TestDatabase = { env: Record<string, string>; kind: "postgres" | "embedded"; drop(): Promise<void> };

/** A fresh, migrated database: on the PostgreSQL server when there is one, else embedded. */
export async function freshTestDatabase(preferEmbedded = false): Promise<TestDatabase> {
  const server = postgresServerUrl();
  let db: TestDatabase;
  if (server && !preferEmbedded) {
    const name = freshDatabaseName("parley_e2e");
    const url = await createDatabase(server, name);
    db = { env: { DATABASE_URL: url }, kind: "postgres", drop: () => dropDatabase(server, name) };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "parley-e2e-db-"));
    db = { env: { PARLEY_DATA_DIR: dir }, kind: "embedded", drop: async () => {} };
  }
  const migrated = spawnSync(process.execPath, [MIGRATE], { env: baseEnv(db.env), encoding: "utf8" });
  if (migrated.status !== 0) throw new Error(`migration failed: ${migrated.stderr}`);
  return db;
}

/** A browser-like client of an instance: the identity cookie of a page view, same-origin headers. */
export async function visitor(url: string) {
  const page = await fetch(`${url}/`, { redirect: "manual" });
  const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
  return forCookie(cookie);
}

export function forCookie(cookie: string) {
  return (url: string, path: string, init: RequestInit = {}) =>
    fetch(url + path, {
      ...init,
      headers: { cookie, origin: url, "content-type": "application/json", ...(init.headers as Record<string, string>) },
    });
}


export function deltas(sse: string): string {
  return [...sse.matchAll(/"type":"text-delta","id":"[^"]*","delta":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`)).join("");
}

/** Polls `probe` until `ok` holds on what it returns, or `timeoutMs` passes; returns the last value. */
export async function waitFor<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
