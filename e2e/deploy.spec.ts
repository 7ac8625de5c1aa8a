// The deploy story README tells: the standalone build copied to another folder
// (nothing of the project beside it) and started with `node server.js`, against
// a migrated PostgreSQL database. A turn, a turn whose client leaves, and a stop.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { spawn, type ChildProcess } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { postgresServerUrl } from "../tests/support/postgres";
import { baseEnv, deltas, freshTestDatabase, visitor, waitFor, type TestDatabase } from "./support/instance";
import { readUntil } from "../tests/support/sse";

test.describe.configure({ timeout: 90_000 });

const PORT = 3240;
const url = `http://127.0.0.1:${PORT}`;
let db: TestDatabase | undefined;
let server: ChildProcess | undefined;
let folder: string | undefined;

test.afterEach(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server!.once("exit", resolve));
  }
  if (folder) rmSync(folder, { recursive: true, force: true });
  await db?.drop();
});

test("the standalone server, copied elsewhere and started with node server.js, runs turns, keeps a reply whose client left, and stops one", async () => {
  test.skip(!postgresServerUrl(), "needs TEST_DATABASE_URL (a PostgreSQL server)");
  db = await freshTestDatabase();
  folder = mkdtempSync(path.join(tmpdir(), "parley-deploy-"));
  cpSync(".next/standalone", folder, { recursive: true });
  let output = "";
  server = spawn(process.execPath, ["server.js"], { cwd: folder, env: baseEnv({ ...db.env, PORT: String(PORT), HOSTNAME: "127.0.0.1" }) });
  server.stdout!.on("data", (chunk) => (output += chunk));
  server.stderr!.on("data", (chunk) => (output += chunk));
  const healthy = await waitFor(
    () => fetch(`${url}/api/health`).then((r) => r.status, () => 0),
    (status) => status === 200,
  );
  expect(healthy, output).toBe(200);

  // The page and its static assets come from the copied folder.
  const page = await fetch(`${url}/`);
  expect(page.status).toBe(200);
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(await page.text())![1]!;
  expect((await fetch(url + script)).status).toBe(200);

  const client = await visitor(url);
  const newSession = async () => ((await (await client(url, "/api/sessions", { method: "POST", body: "{}" })).json()) as { id: string }).id;
  type Message = { role: string; status: string; text: string };
  const thread = async (id: string) => ((await (await client(url, `/api/sessions/${id}/messages`)).json()) as { messages: Message[] }).messages;

  // A turn.
  const first = await newSession();
  const json = await client(url, `/api/sessions/${first}/messages`, { method: "POST", body: JSON.stringify({ message: "hello 你好" }), headers: { accept: "application/json" } });
  expect(((await json.json()) as Message).text).toBe("Echo: hello 你好 (turn 1)");

  // A client that leaves mid-reply: the reply runs on and is stored whole.
  const left = await newSession();
  const abort = new AbortController();
  const started = await client(url, `/api/sessions/${left}/messages`, { method: "POST", body: JSON.stringify({ message: "[[tokens:60]] [[delay:20]]" }), signal: abort.signal });
  const { text } = await readUntil(started, (seen) => seen.includes('"delta":" w3"'));
  expect(deltas(text)).toMatch(/^w1 w2 w3/);
  abort.abort();
  const stored = await waitFor(() => thread(left), (messages) => messages[1]?.status === "complete");
  expect(stored[1]!.text.split(" ")).toHaveLength(60);

  // A stop.
  const stopped = await newSession();
  const long = await client(url, `/api/sessions/${stopped}/messages`, { method: "POST", body: JSON.stringify({ message: "[[tokens:400]] [[delay:20]]" }) });
  const reading = await readUntil(long, (seen) => seen.includes('"delta":" w5"'));
  const stop = (await (await client(url, `/api/sessions/${stopped}/stop`, { method: "POST" })).json()) as { stopped: boolean; message: Message };
  expect(stop).toMatchObject({ stopped: true, message: { status: "stopped" } });
  await reading.reader.cancel();
  expect((await thread(stopped))[1]!.text.split(" ").length).toBeLessThan(400);
});
