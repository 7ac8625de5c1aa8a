// Usage statistics per user: messages, tokens and cost, per model and per day,
// counted from the start of the current period (a reset starts a new one;
// nothing is deleted).
import * as stats from "./db/stats";
import { findUser } from "./db/auth-store";
import { NotFoundError } from "./errors";

export type StatsView = { since: string } & Awaited<ReturnType<typeof stats.usageSince>>;

export async function getStats(userId: string): Promise<StatsView> {
  const user = await findUser(userId);
  if (!user) throw new NotFoundError("User");
  return { since: user.statsFrom.toISOString(), ...(await stats.usageSince(userId, user.statsFrom)) };
}

export async function resetStats(userId: string): Promise<StatsView> {
  const since = await stats.resetStats(userId);
  return { since: since.toISOString(), ...(await stats.usageSince(userId, since)) };
}
