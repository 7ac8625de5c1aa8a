// Writes an import in one transaction: all of a file's sessions, roles and
// messages, or nothing. The file is read while the transaction is open, a batch
// of rows written at a time; rows that already exist (the same file imported
// before) are skipped by id.
import { db, type DbClient } from "./client";
import type { Prisma } from "./generated/client";

export type ImportRows = {
  roles: Prisma.RoleCreateManyInput[];
  sessions: Prisma.SessionCreateManyInput[];
  messages: Prisma.MessageCreateManyInput[];
};

/** How long an import's transaction may stay open: reading and writing a large file. */
const IMPORT_TIMEOUT_MS = 15 * 60_000;

export function inImportTransaction<T>(work: (tx: DbClient) => Promise<T>): Promise<T> {
  return db().$transaction(work, { timeout: IMPORT_TIMEOUT_MS, maxWait: 30_000 });
}

/** Which of these session ids exist already. */
export async function existingSessionIds(ids: string[], tx: DbClient): Promise<Set<string>> {
  const rows = await tx.session.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return new Set(rows.map((row) => row.id));
}

export async function knownRoleIds(ids: string[], tx: DbClient): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.role.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return new Set(rows.map((row) => row.id));
}

export function countOwnRoles(userId: string, tx: DbClient): Promise<number> {
  return tx.role.count({ where: { userId } });
}

export async function writeImportRows(rows: ImportRows, tx: DbClient): Promise<void> {
  if (rows.roles.length) await tx.role.createMany({ data: rows.roles, skipDuplicates: true });
  if (rows.sessions.length) await tx.session.createMany({ data: rows.sessions, skipDuplicates: true });
  // Parents before children: a message's parent always has a smaller seq.
  for (let at = 0; at < rows.messages.length; at += 1000) {
    await tx.message.createMany({ data: rows.messages.slice(at, at + 1000), skipDuplicates: true });
  }
}
