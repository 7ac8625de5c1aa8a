// GET /api/health: is the process up, can it reach its database, which models does it offer?
import { defaultModelId, listModels } from "./ai/providers";
import { pingDatabase } from "./db/health";

const startedAt = Date.now();

export type HealthReport = {
  status: "ok" | "error";
  db: "ok" | "unreachable";
  database: "postgresql" | "embedded";
  models: { source: "openai-compatible" | "local"; count: number; default: string };
  uptimeSeconds: number;
  error?: string;
};

export async function healthReport(): Promise<HealthReport> {
  const ping = await pingDatabase();
  const offered = listModels();
  const models = { source: offered.some((m) => m.local) ? ("local" as const) : ("openai-compatible" as const), count: offered.length, default: defaultModelId() };
  const common = { database: ping.database, models, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
  return ping.ok
    ? { status: "ok", db: "ok", ...common }
    : { status: "error", db: "unreachable", ...common, error: `Database unreachable: ${ping.error}` };
}
