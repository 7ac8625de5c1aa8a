// Debian's Chromium for Playwright: `npx playwright install` cannot download
// browsers on closed networks, so tests use the system's.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium", "/usr/bin/google-chrome"];

/** Flags for a headless run as root on a closed network (see ENVIRONMENT.md). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

/** Finds Chromium, installing Debian's package when it is missing and we may. */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  const canInstall = process.getuid?.() === 0 && spawnSync("which", ["apt-get"]).status === 0;
  if (!canInstall) {
    throw new Error("Chromium not found. Install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH.");
  }
  console.log("Installing Debian's chromium package for the browser tests…");
  const install = () => spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { stdio: "inherit" }).status === 0;
  if (!install()) {
    execFileSync("apt-get", ["update"], { stdio: "inherit" });
    if (!install()) throw new Error("apt-get install chromium failed");
  }
  const installed = findChromium();
  if (!installed) throw new Error("chromium was installed but not found at " + CANDIDATES.join(", "));
  return installed;
}
