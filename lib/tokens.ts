// API tokens as users manage them: the token is shown once, at creation.
import { hashToken, newToken } from "./auth/tokens";
import * as tokens from "./db/tokens";
import { ConflictError, NotFoundError } from "./errors";

export type TokenAccess = "read-write" | "read-only";

export type TokenView = {
  id: string;
  name: string;
  access: TokenAccess;
  expiresAt: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

type TokenRow = { id: string; name: string; canWrite: boolean; expiresAt: Date | null; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

function tokenView(row: TokenRow): TokenView {
  return {
    id: row.id,
    name: row.name,
    access: row.canWrite ? "read-write" : "read-only",
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** How many live (unrevoked) tokens one user may have. */
export const MAX_TOKENS_PER_USER = 50;

const DAY_MS = 24 * 3600 * 1000;

export async function createToken(userId: string, options: { name: string; access: TokenAccess; expiresInDays?: number }): Promise<TokenView & { token: string }> {
  const token = newToken();
  const expiresAt = options.expiresInDays ? new Date(Date.now() + options.expiresInDays * DAY_MS) : null;
  const row = await tokens.createToken(userId, { name: options.name, tokenHash: hashToken(token), canWrite: options.access === "read-write", expiresAt }, MAX_TOKENS_PER_USER);
  if (!row) throw new ConflictError("too_many_tokens", `You have ${MAX_TOKENS_PER_USER} tokens, the most one user may have; revoke one first.`);
  return { ...tokenView(row), token };
}

export async function listTokens(userId: string): Promise<TokenView[]> {
  return (await tokens.listTokens(userId)).map(tokenView);
}

export async function revokeToken(userId: string, id: string): Promise<void> {
  if (!(await tokens.revokeToken(userId, id))) throw new NotFoundError("Token");
}
