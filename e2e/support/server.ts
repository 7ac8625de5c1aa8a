// The app as the browser tests see it: the production build served as `npm start` serves it,
// on a fresh database (a new PostgreSQL database when TEST_DATABASE_URL or
// DATABASE_URL names a server, else a new embedded one), removed afterwards,
// with the model served by the project's OpenAI-compatible test server.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startModelServer } from "../../tests/support/model-server";
import { createDatabase, dropDatabase, freshDatabaseName, postgresServerUrl } from "../../tests/support/postgres";
import { MIGRATE, spawnServer } from "./instance";

const port = process.env.E2E_PORT ?? "3210";
const modelPort = Number(process.env.E2E_MODEL_PORT ?? "4010");
const server = postgresServerUrl();
// Realistic pacing, so the browser sees a reply grow token by token.
const models = await startModelServer({ port: modelPort, tokenDelayMs: 15, firstTokenDelayMs: 100 });

const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  DATABASE_URL: "",
  TEST_DATABASE_URL: "",
  OPENAI_BASE_URL: models.url,
  OPENAI_API_KEY: "e2e-key",
  PARLEY_MODELS: "test-model,test-model-2",
  PARLEY_VISION_MODELS: "test-model-2",
  PARLEY_MODEL_RETRIES: "0",
  NEXT_MANUAL_SIG_HANDLE: "true",
  // Every browser context of the tests is a new guest, all from 127.0.0.1.
  PARLEY_RATE_GUESTS_PER_IP: "off",
};
let cleanup: () => Promise<void>;

if (server) {
  const name = freshDatabaseName("parley_e2e");
  env.DATABASE_URL = await createDatabase(server, name);
  cleanup = () => dropDatabase(server, name);
} else {
  const dir = mkdtempSync(path.join(tmpdir(), "parley-e2e-"));
  env.PARLEY_DATA_DIR = dir;
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

const migrated = spawnSync(process.execPath, [MIGRATE], { env, stdio: "inherit" });
if (migrated.status !== 0) {
  await cleanup();
  process.exit(1);
}

// Node itself, not npm: a signal to npm does not reach the server it started.
const next = spawnServer(Number(port), env, { stdio: "inherit" });
let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await new Promise((resolve) => (next.exitCode === null ? next.once("exit", resolve) : resolve(null)));
  await models.close();
  await cleanup().catch((error) => console.error("cleanup failed:", error));
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
next.on("exit", (code) => void stop(code ?? 1));
