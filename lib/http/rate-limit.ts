// Rate limits on sends, logins, registrations and new guests, per user (or login name) and per client IP,
// from PARLEY_RATE_*; exceeding one answers 429 with Retry-After.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getConfig, type RateLimit } from "../config";
import { redis } from "../redis";
import { ApiError } from "./errors";

type Kind = "sendsPerUser" | "sendsPerIp" | "loginsPerIp" | "loginsPerName" | "signupsPerIp" | "guestsPerIp";

// Kept across `next dev` reloads (counts survive an edit), keyed by the setting too.
const holder = globalThis as typeof globalThis & { __parleyLimiters?: Map<string, RateLimiterAbstract> };
const limiters: Map<string, RateLimiterAbstract> = (holder.__parleyLimiters ??= new Map());

/** Counts in Redis when it is configured (shared by every instance), else in this process. */
async function limiter(kind: Kind): Promise<RateLimiterAbstract | null> {
  const setting: RateLimit = getConfig().rateLimits[kind];
  if (!setting) return null;
  const shared = redis();
  const key = `parley:rate:${kind}:${setting.points}/${setting.seconds}`;
  let existing = limiters.get(key + (shared ? ":redis" : ""));
  if (!existing) {
    const options = { keyPrefix: key, points: setting.points, duration: setting.seconds };
    existing = shared ? new RateLimiterRedis({ ...options, storeClient: (await shared).publisher, useRedisPackage: true }) : new RateLimiterMemory(options);
    limiters.set(key + (shared ? ":redis" : ""), existing);
  }
  return existing;
}

/** 429, with Retry-After in whole seconds. */
function tooMany(what: string, spent: RateLimiterRes): ApiError {
  const seconds = Math.max(1, Math.ceil(spent.msBeforeNext / 1000));
  return new ApiError(429, "rate_limited", `Too many ${what}; try again in ${seconds} s.`, { "retry-after": String(seconds) });
}

/** Counts one request against each of the given limits; throws 429 when one is spent. */
export async function rateLimit(checks: Array<[Kind, string]>): Promise<void> {
  for (const [kind, key] of checks) {
    const limit = await limiter(kind);
    if (!limit) continue;
    try {
      await limit.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw tooMany("requests", rejection);
    }
  }
}

/**
 * A limit on failures only (logins per name and address): spent attempts answer
 * 429 before any work is done, a failure costs a point, a success starts over.
 * Keyed by name *and* address, so nobody elsewhere can use up an account's attempts.
 */
export async function failureLimit(kind: Kind, key: string): Promise<{ failed(): Promise<void>; succeeded(): Promise<void> }> {
  const limit = await limiter(kind);
  if (!limit) return { failed: async () => {}, succeeded: async () => {} };
  const spent = await limit.get(key);
  if (spent && spent.consumedPoints >= limit.points) throw tooMany("failed attempts", spent);
  return {
    failed: async () => void (await limit.penalty(key, 1)),
    succeeded: async () => void (await limit.delete(key)),
  };
}
