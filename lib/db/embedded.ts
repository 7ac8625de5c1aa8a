// The embedded PostgreSQL (PGlite) used when no DATABASE_URL is set.
// PGlite is a single-process database: a lock file keeps a second process
// (say, `npm run db:migrate` while the app runs) from opening the same files.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";

/** A data directory that lives only as long as the process (tests). */
export const IN_MEMORY = "memory://";

export type EmbeddedDatabase = { pglite: PGlite; dir: string; close(): Promise<void> };

export class EmbeddedDatabaseBusyError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is in use by process ${pid}. ` +
        `Stop that process first, or set DATABASE_URL to use a PostgreSQL server.`,
    );
    this.name = "EmbeddedDatabaseBusyError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Claims `dir` for this process; a lock left by a dead process is taken over. */
function takeLock(dir: string): () => void {
  const lockFile = path.join(dir, "parley.pid");
  let holder = NaN;
  try {
    holder = Number(readFileSync(lockFile, "utf8"));
  } catch {
    // no lock yet
  }
  if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
    throw new EmbeddedDatabaseBusyError(dir, holder);
  }
  writeFileSync(lockFile, String(process.pid));
  const release = () => rmSync(lockFile, { force: true });
  process.once("exit", release);
  return release;
}

/** Opens the embedded database in `dir` (created on first use), or an in-memory one. */
export function openEmbeddedDatabase(dir: string): EmbeddedDatabase {
  if (dir === IN_MEMORY) {
    const pglite = new PGlite();
    return { pglite, dir, close: () => pglite.close() };
  }
  mkdirSync(dir, { recursive: true });
  const release = takeLock(dir);
  const pglite = new PGlite({ dataDir: dir });
  return {
    pglite,
    dir,
    async close() {
      if (!pglite.closed) await pglite.close();
      release();
    },
  };
}
