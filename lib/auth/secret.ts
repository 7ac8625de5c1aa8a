// The key that signs session cookies: PARLEY_SECRET, or a random one created
// on first use and kept in the data directory (so cookies survive restarts of
// a single instance). Several instances must share PARLEY_SECRET.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getConfig } from "../config";

let value: string | undefined;

function loadOrCreate(dataDir: string): string {
  if (dataDir === "memory://") return randomBytes(32).toString("hex");
  const file = path.join(dataDir, "secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("hex");
    // "wx": if another process created it meanwhile, use theirs.
    try {
      writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return readFileSync(file, "utf8").trim();
    }
  }
}

export function authSecret(): string {
  if (!value) {
    const { secret, dataDir } = getConfig();
    value = secret ?? loadOrCreate(dataDir);
  }
  return value;
}
