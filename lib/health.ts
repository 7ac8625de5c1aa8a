// GET /api/health: is the process up, can it reach its database, which models does it offer?
// Strangers learn only ok/unavailable; why the database failed goes to the log, never to a client.
import { defaultModelId, listModels } from "./ai/providers";
import { pingDatabase } from "./db/health";
import { log } from "./log";

const startedAt = Date.now();

export type HealthReport = {
  status: "ok" | "unavailable";
  db: "ok" | "unreachable";
  database: "postgresql" | "embedded";
  models: { source: "openai-compatible" | "local"; count: number; default: string };
  uptimeSeconds: number;
};

export async function healthReport(): Promise<HealthReport> {
  const ping = await pingDatabase();
  const offered = listModels();
  const models = { source: offered.some((m) => m.local) ? ("local" as const) : ("openai-compatible" as const), count: offered.length, default: defaultModelId() };
  const common = { database: ping.database, models, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
  if (ping.ok) return { status: "ok", db: "ok", ...common };
  log.warn("health: database unreachable", { error: ping.error });
  return { status: "unavailable", db: "unreachable", ...common };
}
