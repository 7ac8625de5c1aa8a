// API tokens for programs: shown once at creation, stored only as a SHA-256 hash.
import { createHash, randomBytes } from "node:crypto";

const PREFIX = "pk_";

export function newToken(): string {
  return PREFIX + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeToken(value: string): boolean {
  return value.startsWith(PREFIX) && value.length > PREFIX.length + 20;
}
