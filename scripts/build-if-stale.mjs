// Runs `next build` unless .next already holds a build of exactly these sources
// (or --force), so `npm start` builds on first run and after a change, and starts
// at once otherwise. The build is the standalone server in .next/standalone, made
// complete here: Next.js leaves the static files for a CDN to serve, Parley serves them.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUTS = [
  "app", "components", "lib", "public", "prisma/schema.prisma", "instrumentation.ts", "proxy.ts", "scripts/db-migrate.ts",
  "next.config.mjs", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "i18n", "messages",
];
const STAMP = ".next/parley-sources.sha256";

function* files(entry) {
  if (!existsSync(entry)) return;
  if (statSync(entry).isFile()) {
    yield entry;
    return;
  }
  for (const name of readdirSync(entry).sort()) yield* files(path.join(entry, name));
}

const hash = createHash("sha256");
for (const input of INPUTS) {
  for (const file of files(input)) hash.update(file).update("\0").update(readFileSync(file)).update("\0");
}
const digest = hash.digest("hex");

const MIGRATE = ".next/parley/db-migrate.mjs";
const fresh = existsSync(".next/standalone/server.js") && existsSync(MIGRATE) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === digest;
if (fresh && !process.argv.includes("--force")) {
  console.log("Build is up to date.");
  process.exit(0);
}
console.log("Building Parley (first run, or the sources changed)…");
const require = (await import("node:module")).createRequire(import.meta.url);
const result = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], { stdio: "inherit" });
if (result.status !== 0) process.exit(result.status ?? 1);
cpSync(".next/static", ".next/standalone/.next/static", { recursive: true });
if (existsSync("public")) cpSync("public", ".next/standalone/public", { recursive: true });
// The migrations `npm start` runs, bundled to JavaScript now, so nothing is compiled when it starts.
const { build } = await import("esbuild");
await build({
  entryPoints: ["scripts/db-migrate.ts"],
  outfile: MIGRATE,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
writeFileSync(STAMP, digest);
