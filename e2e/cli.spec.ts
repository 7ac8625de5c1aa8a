// The parley CLI against the running production server: a plain REST client.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";

type Run = { code: number | null; stdout: string; stderr: string };

function parley(args: string[], env: Record<string, string>, input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/parley.mjs", ...args], { env: { ...process.env, NO_COLOR: "1", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

async function tokenFor(request: APIRequestContext): Promise<string> {
  await request.get("/"); // a page view makes us a guest (identity cookie)
  const created = await request.post("/api/tokens", { data: { name: "cli test" } });
  expect(created.status()).toBe(201);
  return (await created.json()).token;
}

test("chat one turn, then list sessions and read the history", async ({ request, baseURL }) => {
  const env = { PARLEY_URL: baseURL!, PARLEY_TOKEN: await tokenFor(request) };
  const tag = `cli-${Date.now()}`;
  const chat = await parley(["chat", "--role", "teacher", "-m", `hello from the terminal ${tag}`], env);
  expect(chat.stderr).toMatch(/session [0-9a-f-]{36}/);
  expect(chat.stdout).toContain(`Echo: hello from the terminal ${tag} (turn 1)`);
  expect(chat.code).toBe(0);
  const sessionId = /session ([0-9a-f-]{36})/.exec(chat.stderr)![1]!;

  const sessions = await parley(["sessions"], env);
  expect(sessions.code).toBe(0);
  expect(sessions.stdout).toContain(sessionId);
  const found = await parley(["sessions", "--search", tag], env);
  expect(found.stdout).toContain(sessionId);

  const history = await parley(["history", sessionId], env);
  expect(history.stdout).toContain(`you: hello from the terminal ${tag}`);
  expect(history.stdout).toContain(`parley: Echo: hello from the terminal ${tag} (turn 1)`);

  const json = JSON.parse((await parley(["history", sessionId, "--json"], env)).stdout);
  expect(json.messages).toHaveLength(2);

  const markdown = await parley(["export", sessionId, "--markdown"], env);
  expect(markdown.stdout).toContain(`## You\n\nhello from the terminal ${tag}`);
  const everything = JSON.parse((await parley(["export"], env)).stdout) as { format: string; sessions: Array<{ id: string }> };
  expect(everything.format).toBe("parley");
  expect(everything.sessions.map((s) => s.id)).toContain(sessionId);
  // Into another account: once, then nothing new.
  const file = path.join(mkdtempSync(path.join(tmpdir(), "parley-cli-")), "chats.json");
  writeFileSync(file, JSON.stringify(everything));
  const other = { PARLEY_URL: baseURL!, PARLEY_TOKEN: await tokenFor(await playwrightRequest.newContext({ baseURL })) };
  expect((await parley(["import", file], other)).stdout).toMatch(new RegExp(`^Imported ${everything.sessions.length} session\\(s\\)`));

  // A read-only link, readable by anyone (a plain fetch: no cookie, no token).
  const shared = await parley(["share", sessionId], env);
  expect(shared.code).toBe(0);
  const url = shared.stdout.trim();
  expect(url).toMatch(new RegExp(`^${baseURL}/s/[\\w-]{22}$`));
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(`hello from the terminal ${tag}`);
  expect((await parley(["import", file], other)).stdout).toContain(`Imported 0 session(s), 0 message(s); ${everything.sessions.length} already here.`);
});

test("chat reads one message per line from a pipe, in one session, with memory", async ({ request, baseURL }) => {
  const env = { PARLEY_URL: baseURL!, PARLEY_TOKEN: await tokenFor(request) };
  const run = await parley(["chat"], env, "first line\nsecond line\n");
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("Echo: first line (turn 1)");
  expect(run.stdout).toContain("Echo: second line (turn 2)");
});

test("roles and models list what the server offers", async ({ request, baseURL }) => {
  const env = { PARLEY_URL: baseURL!, PARLEY_TOKEN: await tokenFor(request) };
  const roles = await parley(["roles"], env);
  expect(roles.stdout).toMatch(/^teacher\s+Teacher/m);
  const models = await parley(["models"], env);
  expect(models.stdout).toContain("test-model (default)");
});

test("register makes an account and prints its token, with no browser involved", async ({ baseURL }) => {
  const name = `cli${Date.now().toString(36)}`;
  const registered = await parley(["register", name], { PARLEY_URL: baseURL! }, "a long enough passphrase\n");
  expect(registered.code).toBe(0);
  expect(registered.stderr).toContain(`Registered as ${name}.`);
  const token = /^export PARLEY_TOKEN=(\S+)$/m.exec(registered.stdout)![1]!;
  const chat = await parley(["chat", "-m", "hi from a fresh account"], { PARLEY_URL: baseURL!, PARLEY_TOKEN: token });
  expect(chat.stdout).toContain("Echo: hi from a fresh account (turn 1)");
  const weak = await parley(["register", `${name}x`], { PARLEY_URL: baseURL! }, "short\n");
  expect(weak.code).toBe(1);
  expect(weak.stderr).toMatch(/at least 10 characters/);
});

test("a bad token or a model error is reported, with a non-zero exit", async ({ request, baseURL }) => {
  const bad = await parley(["sessions"], { PARLEY_URL: baseURL!, PARLEY_TOKEN: "pk_revoked-or-unknown-token-value" });
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("The API token is unknown, expired or revoked.");
  const env = { PARLEY_URL: baseURL!, PARLEY_TOKEN: await tokenFor(request) };
  const failing = await parley(["chat", "-m", "[[status:500]]"], env);
  expect(failing.code).toBe(1);
  expect(failing.stdout).toMatch(/\[error\] The model server failed \(HTTP 500\)/);
});
