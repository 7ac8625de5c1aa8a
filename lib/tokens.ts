// API tokens as users manage them: the token is shown once, at creation.
import { hashToken, newToken } from "./auth/tokens";
import * as tokens from "./db/tokens";
import { ConflictError, NotFoundError } from "./errors";

export type TokenView = { id: string; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

function tokenView(row: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): TokenView {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** How many live (unrevoked) tokens one user may have. */
export const MAX_TOKENS_PER_USER = 50;

export async function createToken(userId: string, name: string): Promise<TokenView & { token: string }> {
  const token = newToken();
  const row = await tokens.createToken(userId, name, hashToken(token), MAX_TOKENS_PER_USER);
  if (!row) throw new ConflictError("too_many_tokens", `You have ${MAX_TOKENS_PER_USER} tokens, the most one user may have; revoke one first.`);
  return { ...tokenView(row), token };
}

export async function listTokens(userId: string): Promise<TokenView[]> {
  return (await tokens.listTokens(userId)).map(tokenView);
}

export async function revokeToken(userId: string, id: string): Promise<void> {
  if (!(await tokens.revokeToken(userId, id))) throw new NotFoundError("Token");
}
