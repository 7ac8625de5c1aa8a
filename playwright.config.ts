import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./e2e/support/chromium";

const port = process.env.E2E_PORT ?? "3210";
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e/output",
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] } },
    // What the production server answers to hostile requests (headers, addresses, paths).
    { name: "security", testDir: "tests/security", testMatch: "**/*.spec.ts", use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: {
    command: "node --import tsx e2e/support/server.ts",
    url: `${baseURL}/api/health`,
    env: { E2E_PORT: port },
    timeout: 120_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
  },
});
