// Writes an import in one transaction: all of a file's sessions, roles and
// messages, or nothing. Rows that already exist (the same file imported before)
// are skipped by id.
import { db } from "./client";
import type { Prisma } from "./generated/client";

export type ImportRows = {
  roles: Prisma.RoleCreateManyInput[];
  sessions: Prisma.SessionCreateManyInput[];
  messages: Prisma.MessageCreateManyInput[];
};

/** Which of these session ids exist already. */
export async function existingSessionIds(ids: string[]): Promise<Set<string>> {
  const rows = await db().session.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return new Set(rows.map((row) => row.id));
}

export async function knownRoleIds(ids: string[]): Promise<Set<string>> {
  const rows = await db().role.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return new Set(rows.map((row) => row.id));
}

export function countOwnRoles(userId: string): Promise<number> {
  return db().role.count({ where: { userId } });
}

export async function writeImport(rows: ImportRows): Promise<void> {
  await db().$transaction(
    async (tx) => {
      if (rows.roles.length) await tx.role.createMany({ data: rows.roles, skipDuplicates: true });
      if (rows.sessions.length) await tx.session.createMany({ data: rows.sessions, skipDuplicates: true });
      // Parents before children: a message's parent always has a smaller seq.
      for (let at = 0; at < rows.messages.length; at += 1000) {
        await tx.message.createMany({ data: rows.messages.slice(at, at + 1000), skipDuplicates: true });
      }
    },
    { timeout: 120_000 },
  );
}
