// First-load JavaScript of the chat pages, from the production build's manifests:
// the framework's root chunks plus the chunks the root layout and the page import,
// which the browser fetches before the page is interactive. Chunks the page loads
// later (the Markdown renderer, fetched when the browser is idle) are listed apart;
// those loaded on demand by them (a language's grammar, diagrams) are not counted.
// Run after `next build`: npx tsx bench/page-weight.ts
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

const BUDGET_GZIP_KB = 350;
const NEXT = path.resolve(".next");

const ROUTES = [
  { route: "/", dir: "", page: "app/page" },
  { route: "/c/[id]", dir: "c/[id]", page: "app/c/[id]/page" },
];

type ClientManifest = { entryJSFiles: Record<string, string[]> };

function clientManifest(dir: string): ClientManifest {
  const file = path.join(NEXT, "server/app", dir, "page_client-reference-manifest.js");
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npx next build\` first.`);
  // The manifest is a script that assigns globalThis.__RSC_MANIFEST[<page>].
  const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, ClientManifest> } };
  runInNewContext(readFileSync(file, "utf8"), sandbox);
  return Object.values(sandbox.globalThis.__RSC_MANIFEST!)[0]!;
}

function entryFiles(dir: string, page: string): string[] {
  const build = JSON.parse(readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const { entryJSFiles } = clientManifest(dir);
  const entries = ["[project]/app/layout", `[project]/${page}`].flatMap((entry) => entryJSFiles[entry] ?? []);
  return [...new Set([...build.rootMainFiles, ...entries])];
}

/** Chunks the entry chunks import dynamically (Turbopack names them in its loader calls). */
function deferredFiles(entry: string[]): string[] {
  const named = entry.flatMap((file) => readFileSync(path.join(NEXT, file), "utf8").match(/static\/chunks\/[\w.-]+\.js/g) ?? []);
  return [...new Set(named)].filter((file) => !entry.includes(file));
}

function weigh(files: string[]) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(NEXT, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: files.length, raw, gzip };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1).padStart(8);
const row = (cells: string[]) => console.log(cells[0]!.padEnd(28) + cells.slice(1).map((c) => c.padStart(9)).join(""));

console.log(`First-load JavaScript of the chat pages (budget: ${BUDGET_GZIP_KB} KB gzip)\n`);
row(["route", "files", "raw KB", "gzip KB", "budget"]);
let over = false;
for (const { route, dir, page } of ROUTES) {
  const entry = entryFiles(dir, page);
  const first = weigh(entry);
  const ratio = first.gzip / 1024 / BUDGET_GZIP_KB;
  over ||= ratio > 1;
  row([`${route} first load`, String(first.files), kb(first.raw), kb(first.gzip), `${(ratio * 100).toFixed(0)}%`]);
  const later = weigh(deferredFiles(entry));
  row([`${route} after interactive`, String(later.files), kb(later.raw), kb(later.gzip), "-"]);
}
process.exitCode = over ? 1 : 0;
