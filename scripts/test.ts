// npm test — every test of the project, ending with one summary line:
//   unit + integration (Vitest; on the embedded database, and on a fresh
//   PostgreSQL database when TEST_DATABASE_URL or DATABASE_URL is set), then the
//   production build and the browser tests (Playwright in Debian's Chromium).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { ensureChromium } from "../e2e/support/chromium";

type Tally = { passed: number; failed: number; skipped: number; failures?: string[] };
const RESULTS = "test-results";

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`\n$ ${[command, ...args].join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", env }).status === 0;
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : undefined;
}

function firstLine(text = ""): string {
  return text.split("\n").find((line) => line.trim())?.trim().slice(0, 300) ?? "";
}

/** A stage that crashed before reporting counts as one failure. */
function tallyOf<T>(file: string, count: (report: T) => Tally, ok: boolean): Tally {
  const report = readJson<T>(file);
  if (!report) return { passed: 0, failed: 1, skipped: 0 };
  const tally = count(report);
  if (!ok && tally.failed === 0) tally.failed = 1;
  return tally;
}

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
const tallies: Record<string, Tally> = {};

// 1. Unit and integration tests.
const vitestOk = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${RESULTS}/vitest.json`]);
type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; message?: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
};
tallies["unit + integration"] = tallyOf<VitestReport>(
  `${RESULTS}/vitest.json`,
  (r) => ({
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
    failures: r.testResults.flatMap((file) => {
      const where = file.name.replace(`${process.cwd()}/`, "");
      const tests = file.assertionResults
        .filter((a) => a.status === "failed")
        .map((a) => `${where} › ${a.fullName}: ${firstLine(a.failureMessages[0])}`);
      // A file that failed to load has no test results, only its message.
      return tests.length === 0 && file.message ? [`${where}: ${firstLine(file.message)}`] : tests;
    }),
  }),
  vitestOk,
);

// 2. Browser tests against the production build.
let e2eOk = false;
try {
  const chromium = ensureChromium();
  e2eOk =
    run("node", ["scripts/build-if-stale.mjs"]) &&
    run("npx", ["playwright", "test"], { ...process.env, CHROMIUM_PATH: chromium });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
}
type PlaywrightSuite = { suites?: PlaywrightSuite[]; specs?: { title: string; file: string; line: number; ok: boolean }[] };
const failedSpecs = (suite: PlaywrightSuite): string[] => [
  ...(suite.specs ?? []).filter((spec) => !spec.ok).map((spec) => `${spec.file}:${spec.line} › ${spec.title}`),
  ...(suite.suites ?? []).flatMap(failedSpecs),
];
tallies["browser (e2e)"] = tallyOf<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites: PlaywrightSuite[] }>(
  `${RESULTS}/e2e.json`,
  (r) => ({
    passed: r.stats.expected + r.stats.flaky,
    failed: r.stats.unexpected,
    skipped: r.stats.skipped,
    failures: r.suites.flatMap(failedSpecs),
  }),
  e2eOk,
);

const total: Tally = { passed: 0, failed: 0, skipped: 0 };
console.log("\nSummary");
for (const [stage, t] of Object.entries(tallies)) {
  console.log(`  ${stage.padEnd(20)} ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  for (const failure of t.failures ?? []) console.log(`    ✘ ${failure}`);
  total.passed += t.passed;
  total.failed += t.failed;
  total.skipped += t.skipped;
}
console.log(`\n${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed > 0 ? 1 : 0);
