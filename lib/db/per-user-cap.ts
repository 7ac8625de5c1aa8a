// Per-user caps (roles, tokens) that racing requests cannot pass: the count and
// the insert run with the user's row locked.
import { db } from "./client";
import type { Prisma } from "./generated/client";

/**
 * Runs `create` unless `count` says the user is at `cap` already (null then),
 * inside a transaction that holds the user's row.
 */
export function createWithinCap<T>(
  userId: string,
  cap: number,
  count: (tx: Prisma.TransactionClient) => Promise<number>,
  create: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T | null> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ${userId}::uuid FOR UPDATE`;
    return (await count(tx)) >= cap ? null : create(tx);
  });
}
