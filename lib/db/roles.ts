import { BUILTIN_ROLES } from "../ai/roles";
import { db } from "./client";
import { createWithinCap } from "./per-user-cap";

/** Writes the built-in roles (no owner) so sessions can refer to them. */
export async function syncBuiltinRoles(): Promise<void> {
  const prisma = db();
  await prisma.$transaction(
    BUILTIN_ROLES.map((role) =>
      prisma.role.upsert({
        where: { id: role.id },
        create: { ...role, userId: null },
        update: { name: role.name, description: role.description, systemPrompt: role.systemPrompt },
      }),
    ),
  );
}

/** Built-in roles and the user's own, built-ins first. */
export function listRoles(userId: string) {
  return db().role.findMany({
    where: { OR: [{ userId: null }, { userId }] },
    orderBy: [{ userId: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
  });
}

/** A role the user may use: built-in or their own; null otherwise. */
export function findUsableRole(userId: string, roleId: string) {
  return db().role.findFirst({ where: { id: roleId, OR: [{ userId: null }, { userId }] } });
}

/** A role the user owns (built-ins cannot be changed); null otherwise. */
export function findOwnRole(userId: string, roleId: string) {
  return db().role.findFirst({ where: { id: roleId, userId } });
}

/** Creates a role unless the user has `cap` already (null then). */
export function createRole(userId: string, data: { name: string; description: string; systemPrompt: string }, cap: number) {
  return createWithinCap(
    userId,
    cap,
    (tx) => tx.role.count({ where: { userId } }),
    (tx) => tx.role.create({ data: { ...data, userId } }),
  );
}

/** Updates a role the user owns; null when there is no such role of theirs. */
export async function updateOwnRole(
  userId: string,
  roleId: string,
  data: Partial<{ name: string; description: string; systemPrompt: string }>,
) {
  const { count } = await db().role.updateMany({ where: { id: roleId, userId }, data });
  return count === 0 ? null : db().role.findUnique({ where: { id: roleId } });
}

/** Deletes a role the user owns; sessions that used it fall back to no role. */
export async function deleteOwnRole(userId: string, roleId: string): Promise<boolean> {
  const { count } = await db().role.deleteMany({ where: { id: roleId, userId } });
  return count > 0;
}
