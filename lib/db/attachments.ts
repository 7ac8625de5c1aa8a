// Attachments: one row per user per content (SHA-256). Messages refer to them
// by url in their `file` parts, so "is it still used?" asks the messages.
import { db, type DbClient } from "./client";
import type { Prisma } from "./generated/client";

export type AttachmentRow = Prisma.AttachmentGetPayload<object>;
/** The pool, or a transaction (an import writes its files in its own). */
type Client = DbClient;
export type AttachmentInfo = Omit<AttachmentRow, "data">;

const INFO = { omit: { data: true } } as const;

/** Stores the attachment unless the user has these bytes already; either way, the stored row (without its bytes). */
export async function storeAttachment(data: Omit<Prisma.AttachmentUncheckedCreateInput, "id" | "createdAt">, client: Client = db()): Promise<AttachmentInfo> {
  return client.attachment.upsert({ where: { userId_sha256: { userId: data.userId, sha256: data.sha256 } }, create: data, update: {}, ...INFO });
}

export function findAttachmentBySha(userId: string, sha256: string, client: Client = db()): Promise<AttachmentInfo | null> {
  return client.attachment.findUnique({ where: { userId_sha256: { userId, sha256 } }, ...INFO });
}

/** The user's attachment with its bytes, or null (someone else's is null too). */
export function findAttachment(userId: string, id: string): Promise<AttachmentRow | null> {
  return db().attachment.findFirst({ where: { id, userId } });
}

/** The user's attachments among `ids`, with their bytes when asked. */
export function findAttachments(userId: string, ids: string[], withData: boolean): Promise<AttachmentRow[] | AttachmentInfo[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return withData ? db().attachment.findMany({ where: { userId, id: { in: ids } } }) : db().attachment.findMany({ where: { userId, id: { in: ids } }, ...INFO });
}

export async function bytesStored(userId: string, client: Client = db()): Promise<number> {
  const { _sum } = await client.attachment.aggregate({ where: { userId }, _sum: { size: true } });
  return _sum.size ?? 0;
}

/** The ids of the attachments the messages of a session refer to. */
export async function attachmentsOfSession(sessionId: string): Promise<string[]> {
  const rows = await db().$queryRaw<Array<{ url: string }>>`
    SELECT DISTINCT part->>'url' AS url FROM "Message" m, jsonb_array_elements(m.parts) part
    WHERE m."sessionId" = ${sessionId}::uuid AND part->>'type' = 'file' AND part->>'url' LIKE '/api/files/%'`;
  return rows.map((row) => row.url.slice("/api/files/".length));
}

/**
 * Deletes the user's attachments that no message of theirs refers to: those in
 * `ids` (after a session is deleted), or all unsent uploads older than `olderThan`.
 */
export async function deleteUnused(userId: string, scope: { ids: string[] } | { olderThan: Date }, client: Client = db()): Promise<number> {
  const candidates =
    "ids" in scope
      ? await client.attachment.findMany({ where: { userId, id: { in: scope.ids } }, select: { id: true } })
      : await client.attachment.findMany({ where: { userId, createdAt: { lt: scope.olderThan } }, select: { id: true } });
  if (candidates.length === 0) return 0;
  return client.$executeRaw`
    DELETE FROM "Attachment" a WHERE a."userId" = ${userId}::uuid AND a.id = ANY(${candidates.map((c) => c.id)}::uuid[])
      AND NOT EXISTS (
        SELECT 1 FROM "Message" m JOIN "Session" s ON s.id = m."sessionId"
        WHERE s."userId" = a."userId" AND m.parts @> jsonb_build_array(jsonb_build_object('type', 'file', 'url', '/api/files/' || a.id::text)))`;
}
