// The production server refuses to start on a bad setting, naming it.
import { expect, test } from "@playwright/test";
import { spawnServer } from "./support/instance";

function startServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawnServer(3299, { ...process.env, ...env });
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("the server stops on a bad DATABASE_URL, naming it", async () => {
  const { code, output } = await startServer({ DATABASE_URL: "mysql://root@localhost/parley" });
  expect(code).toBe(1);
  expect(output).toContain("Invalid configuration:\n  DATABASE_URL: expected a PostgreSQL URL");
});

test("the server stops on an unknown setting value, naming it", async () => {
  const { code, output } = await startServer({ PARLEY_LOG_LEVEL: "loud" });
  expect(code).toBe(1);
  expect(output).toContain('PARLEY_LOG_LEVEL: expected one of debug, info, warn, error, got "loud"');
});
