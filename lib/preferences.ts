// A user's choices that follow them to every browser: the UI's language and
// the role and model new chats start with. Stored as one JSON object on the user;
// a default that stopped existing (a deleted role, a model no longer offered)
// falls back to the server's default rather than failing a new chat.
import { z } from "zod";
import { preferencesBody } from "./api/schemas";
import { defaultModelId, isKnownModel } from "./ai/providers";
import { DEFAULT_ROLE_ID } from "./ai/roles";
import { loadPreferences, mergePreferences } from "./db/auth-store";
import { findUsableRole } from "./db/roles";
import { InvalidInputError } from "./errors";

/** defaultRoleId null: new chats have no role. */
export type Preferences = z.infer<typeof preferencesBody>;

/** What is stored, read leniently: anything unreadable counts as not chosen. */
export function readPreferences(stored: unknown): Preferences {
  const parsed = preferencesBody.safeParse(stored);
  return parsed.success ? parsed.data : {};
}

export async function getPreferences(userId: string): Promise<Preferences> {
  return readPreferences(await loadPreferences(userId));
}

/** Merges a change into the stored choices; a role or model that cannot be used is refused (422). */
export async function updatePreferences(userId: string, change: Preferences): Promise<Preferences> {
  if (change.defaultRoleId && !(await findUsableRole(userId, change.defaultRoleId))) {
    throw new InvalidInputError("unknown_role", `No role "${change.defaultRoleId}"; GET /api/roles lists yours.`);
  }
  if (change.defaultModel !== undefined && !isKnownModel(change.defaultModel)) {
    throw new InvalidInputError("unknown_model", `Model "${change.defaultModel}" is not offered; GET /api/models lists them.`);
  }
  return readPreferences(await mergePreferences(userId, change));
}

/** The role and model a new chat gets when the request names none: the user's defaults, else the server's. */
export async function newChatDefaults(userId: string): Promise<{ roleId: string | null; model: string }> {
  const { defaultRoleId, defaultModel } = await getPreferences(userId);
  const roleUsable = defaultRoleId === null || (defaultRoleId !== undefined && (await findUsableRole(userId, defaultRoleId)) !== null);
  return {
    roleId: roleUsable ? defaultRoleId! : DEFAULT_ROLE_ID,
    model: defaultModel !== undefined && isKnownModel(defaultModel) ? defaultModel : defaultModelId(),
  };
}
