// Roles as users see them: the built-in ones and their own.
import * as roles from "./db/roles";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";

export type RoleView = { id: string; name: string; description: string; systemPrompt: string; builtin: boolean };

type RoleRow = Awaited<ReturnType<typeof roles.listRoles>>[number];

export function roleView(row: RoleRow): RoleView {
  return { id: row.id, name: row.name, description: row.description, systemPrompt: row.systemPrompt, builtin: row.userId === null };
}

export async function listRoles(userId: string): Promise<RoleView[]> {
  return (await roles.listRoles(userId)).map(roleView);
}

export async function getRole(userId: string, roleId: string): Promise<RoleView> {
  const row = await roles.findUsableRole(userId, roleId);
  if (!row) throw new NotFoundError("Role");
  return roleView(row);
}

/** How many roles one user may have. */
export const MAX_ROLES_PER_USER = 200;

export async function createRole(userId: string, data: { name: string; description: string; systemPrompt: string }): Promise<RoleView> {
  const role = await roles.createRole(userId, data, MAX_ROLES_PER_USER);
  if (!role) throw new ConflictError("too_many_roles", `You have ${MAX_ROLES_PER_USER} roles, the most one user may have; delete one first.`);
  return roleView(role);
}

/** Built-in roles are visible to all and changeable by none (403); others' roles do not exist for you (404). */
async function ownRoleOr404(userId: string, roleId: string): Promise<void> {
  const usable = await roles.findUsableRole(userId, roleId);
  if (!usable) throw new NotFoundError("Role");
  if (usable.userId === null) throw new ForbiddenError("builtin_role", "Built-in roles cannot be changed; create your own instead.");
}

export async function updateRole(userId: string, roleId: string, data: Partial<{ name: string; description: string; systemPrompt: string }>): Promise<RoleView> {
  await ownRoleOr404(userId, roleId);
  const row = await roles.updateOwnRole(userId, roleId, data);
  if (!row) throw new NotFoundError("Role");
  return roleView(row);
}

export async function deleteRole(userId: string, roleId: string): Promise<void> {
  await ownRoleOr404(userId, roleId);
  if (!(await roles.deleteOwnRole(userId, roleId))) throw new NotFoundError("Role");
}
