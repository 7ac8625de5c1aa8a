import { db, dbTarget } from "./client";

const PING_TIMEOUT_MS = 3000;

export type Ping = { ok: true; database: "postgresql" | "embedded" } | { ok: false; database: "postgresql" | "embedded"; error: string };

/** One round trip to the database, bounded so a hung server cannot hang the caller. */
export async function pingDatabase(): Promise<Ping> {
  const database = dbTarget().kind === "postgres" ? "postgresql" : "embedded";
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db().$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, database };
  } catch (error) {
    const message = error instanceof Error ? error.message.trim().split("\n").pop()! : String(error);
    return { ok: false, database, error: message };
  } finally {
    clearTimeout(timer);
  }
}
