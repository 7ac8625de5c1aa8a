// Every setting Parley reads from the environment, validated once.
// This is the only module that touches process.env (see docs/architecture.md).
import path from "node:path";
import proxyAddr from "proxy-addr";
import { z } from "zod";

const postgresUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "expected a PostgreSQL URL like postgresql://user:password@host:5432/database");

const httpUrl = z.url({ protocol: /^https?$/, error: "expected an http(s) URL" });

const list = (value: string) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: `expected a whole number from ${min} to ${max}` })
    .int(`expected a whole number from ${min} to ${max}`)
    .min(min, `expected a whole number from ${min} to ${max}`)
    .max(max, `expected a whole number from ${min} to ${max}`);

/** `model=input/output,…`: US dollars per million input and output tokens. */
const prices = z
  .string()
  .transform((value, ctx) => {
    const table: Record<string, { input: number; output: number }> = {};
    for (const entry of list(value)) {
      const match = /^(.+?)=(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(entry);
      if (!match) {
        ctx.addIssue({ code: "custom", message: `expected model=input/output (USD per million tokens), like gpt-4o-mini=0.15/0.60; "${entry}" is not` });
        return z.NEVER;
      }
      table[match[1]!] = { input: Number(match[2]), output: Number(match[3]) };
    }
    return table;
  });

/** `N/S`: at most N requests per S seconds; `off` for no limit. */
const rate = z.string().transform((value, ctx) => {
  if (value.trim().toLowerCase() === "off") return null;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    ctx.addIssue({ code: "custom", message: 'expected N/S (at most N requests per S seconds, e.g. 50/60) or "off"' });
    return z.NEVER;
  }
  return { points: Number(match[1]), seconds: Number(match[2]) };
});
export type RateLimit = { points: number; seconds: number } | null;

const mcpServer = z.union([
  z.object({ name: z.string().regex(/^[a-zA-Z0-9_-]+$/), url: httpUrl, headers: z.record(z.string(), z.string()).optional() }).strict(),
  z
    .object({
      name: z.string().regex(/^[a-zA-Z0-9_-]+$/),
      command: z.string().min(1),
      args: z.array(z.string()).optional(),
      env: z.record(z.string(), z.string()).optional(),
    })
    .strict(),
]);
export type McpServerConfig = z.infer<typeof mcpServer>;

const mcpServers = z.string().transform((value, ctx) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    ctx.addIssue({ code: "custom", message: "expected a JSON array" });
    return z.NEVER;
  }
  const result = z.array(mcpServer).safeParse(parsed);
  if (!result.success) {
    ctx.addIssue({
      code: "custom",
      message: 'expected a JSON array of {"name","url"} or {"name","command","args"} objects (name: letters, digits, _ or -)',
    });
    return z.NEVER;
  }
  return result.data;
});

/** Whether the hop at `address` is a proxy whose X-Forwarded-For entries are believed. */
export type ProxyTrust = (address: string, hop: number) => boolean;

// Addresses, CIDR ranges or proxy-addr's names (loopback, linklocal, uniquelocal) of the proxies
// in front of Parley, compiled once into proxy-addr's test (which also validates them).
const trustedProxies = z.string().transform((value, ctx): ProxyTrust => {
  try {
    return proxyAddr.compile(list(value));
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `expected addresses, CIDR ranges or loopback/linklocal/uniquelocal, comma-separated (${error instanceof Error ? error.message : error})` });
    return z.NEVER;
  }
});

const schema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  // "memory://" keeps the embedded database in memory (tests).
  PARLEY_DATA_DIR: z.string().min(1, "expected a directory path").default(".data"),
  PARLEY_DB_POOL_SIZE: int(1, 500).default(20),
  PARLEY_LOG_LEVEL: z
    .enum(["debug", "info", "warn", "error"], "expected one of debug, info, warn, error")
    .default("info"),

  OPENAI_BASE_URL: httpUrl.optional(),
  OPENAI_API_KEY: z.string().optional(),
  PARLEY_MODELS: z.string().transform(list).optional(),
  PARLEY_DEFAULT_MODEL: z.string().optional(),
  PARLEY_TITLE_MODEL: z.string().optional(),
  PARLEY_VISION_MODELS: z.string().transform(list).optional(),
  PARLEY_ATTACHMENTS_MB_PER_USER: int(1, 1_000_000).default(500),
  PARLEY_PRICES: prices.optional(),
  PARLEY_CONTEXT_TOKENS: int(256, 10_000_000).default(16_000),
  PARLEY_MAX_STEPS: int(1, 50).default(5),
  PARLEY_MODEL_TIMEOUT_MS: int(100, 3_600_000).default(60_000),
  PARLEY_MODEL_RETRIES: int(0, 10).default(1),
  PARLEY_MCP_SERVERS: mcpServers.optional(),
  PARLEY_LOCAL_MODEL_DELAY_MS: int(0, 5_000).default(25),
  PARLEY_RATE_SENDS_PER_USER: rate.default({ points: 50, seconds: 60 }),
  PARLEY_RATE_SENDS_PER_IP: rate.default({ points: 300, seconds: 60 }),
  PARLEY_RATE_LOGINS_PER_IP: rate.default({ points: 20, seconds: 300 }),
  PARLEY_RATE_LOGINS_PER_NAME: rate.default({ points: 10, seconds: 300 }),
  PARLEY_RATE_SIGNUPS_PER_IP: rate.default({ points: 10, seconds: 3600 }),
  PARLEY_RATE_GUESTS_PER_IP: rate.default({ points: 60, seconds: 3600 }),
  PARLEY_SIGNUP: z.enum(["open", "closed"], 'expected "open" or "closed"').default("open"),
  PARLEY_GUESTS: z.enum(["on", "off"], 'expected "on" or "off"').default("on"),
  PARLEY_SHARING: z.enum(["on", "off"], 'expected "on" or "off"').default("on"),
  PARLEY_ADMINS: z.string().transform(list).optional(),
  PARLEY_PUBLIC_URL: httpUrl.optional(),
  PARLEY_OIDC_ISSUER: httpUrl.optional(),
  PARLEY_OIDC_CLIENT_ID: z.string().optional(),
  PARLEY_OIDC_CLIENT_SECRET: z.string().optional(),
  PARLEY_OIDC_NAME: z.string().max(60).default("Single sign-on"),
  PARLEY_TRUSTED_PROXIES: trustedProxies.prefault(""),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "expected a Redis URL like redis://localhost:6379" }).optional(),
  PARLEY_SHUTDOWN_GRACE_MS: int(0, 600_000).default(10_000),
  // Next.js's own switch: with it, Parley (not Next) handles SIGTERM/SIGINT, so running replies end cleanly.
  NEXT_MANUAL_SIG_HANDLE: z.string().optional(),
  PARLEY_SECRET: z.string().min(32, "expected at least 32 characters (e.g. openssl rand -hex 32)").optional(),
});

type Env = z.infer<typeof schema>;

export type Config = {
  /** Real PostgreSQL when set; otherwise the embedded database under dataDir. */
  databaseUrl: string | undefined;
  /** Where the embedded database and other local state live (absolute path, or memory://). */
  dataDir: string;
  /** Connections to DATABASE_URL this process may open. */
  dbPoolSize: number;
  logLevel: Env["PARLEY_LOG_LEVEL"];
  models: {
    /** The OpenAI-compatible server, or null: only the built-in local model. */
    remote: { baseURL: string; apiKey: string | undefined; ids: string[] } | null;
    defaultId: string | undefined;
    titleId: string | undefined;
    /** The models that take images (PARLEY_VISION_MODELS; "*": all). */
    vision: string[];
    prices: Record<string, { input: number; output: number }>;
    contextTokens: number;
    maxSteps: number;
    timeoutMs: number;
    retries: number;
    localDelayMs: number;
  };
  mcpServers: McpServerConfig[];
  /** The most all of one user's attachments may take, in bytes. */
  attachmentBytesPerUser: number;
  /** Signs session cookies; unset: a random secret kept in dataDir. */
  secret: string | undefined;
  /** The proxies whose X-Forwarded-For entries are believed (lib/http/client-address.ts). */
  trustsProxy: ProxyTrust;
  rateLimits: {
    sendsPerUser: RateLimit;
    sendsPerIp: RateLimit;
    loginsPerIp: RateLimit;
    loginsPerName: RateLimit;
    signupsPerIp: RateLimit;
    guestsPerIp: RateLimit;
  };
  /** Who may come in: registration open to anyone (closed: existing accounts, admins and SSO), guests on or off. */
  access: { signup: "open" | "closed"; guests: boolean; admins: string[]; sharing: boolean };
  /** Where browsers reach Parley (PARLEY_PUBLIC_URL): single sign-on's redirects need it. */
  publicUrl: string | undefined;
  /** OpenID Connect single sign-on, or null. */
  sso: { issuer: string; clientId: string; clientSecret: string | undefined; label: string } | null;
  /** Shared state across instances (running replies, stop, rate limits); unset: in-process. */
  redisUrl: string | undefined;
  /** On SIGTERM: how long running replies may take to finish before they are cut and saved. */
  shutdownGraceMs: number;
  /** Whether this process handles termination signals itself (NEXT_MANUAL_SIG_HANDLE). */
  handlesSignals: boolean;
  /** Worker threads that generate replies; 0: the server's own thread. */
};

const OPENAI_API = "https://api.openai.com/v1";

/** Thrown when the environment holds a setting Parley cannot use. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Variables read by Parley's command-line client, not by the server. */
const CLIENT_VARIABLES = ["PARLEY_URL", "PARLEY_TOKEN"];

/** A bad value as it may be printed: secrets hidden, URL passwords masked. */
function shown(name: string, value: string): string {
  if (/KEY|SECRET|TOKEN|PASSWORD/.test(name)) return "(hidden)";
  return JSON.stringify(value.replace(/(\/\/[^/:@]*:)[^/@]*@/, "$1***@"));
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as in most shells' `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const problems: string[] = [];

  const known = new Set([...Object.keys(schema.shape), ...CLIENT_VARIABLES]);
  for (const name of Object.keys(present)) {
    if (name.startsWith("PARLEY_") && !known.has(name)) {
      problems.push(`${name}: unknown setting (known: ${[...known].filter((k) => k.startsWith("PARLEY_")).join(", ")})`);
    }
  }

  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      problems.push(`${name}: ${issue.message}, got ${shown(name, present[name]!)}`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);

  const e = parsed.data;
  const remote = e.OPENAI_BASE_URL || e.OPENAI_API_KEY ? { baseURL: e.OPENAI_BASE_URL ?? OPENAI_API, apiKey: e.OPENAI_API_KEY, ids: e.PARLEY_MODELS ?? [] } : null;
  if (e.PARLEY_OIDC_ISSUER && !e.PARLEY_OIDC_CLIENT_ID) problems.push("PARLEY_OIDC_CLIENT_ID: required with PARLEY_OIDC_ISSUER (the client id registered at the provider)");
  if (e.PARLEY_OIDC_ISSUER && !e.PARLEY_PUBLIC_URL) {
    problems.push("PARLEY_PUBLIC_URL: required with PARLEY_OIDC_ISSUER (the provider sends people back to <PARLEY_PUBLIC_URL>/api/auth/callback/sso)");
  }
  if (remote && remote.ids.length === 0) {
    problems.push("PARLEY_MODELS: expected a comma-separated list of the server's model names, e.g. gpt-4o-mini,gpt-4o (required with OPENAI_BASE_URL or OPENAI_API_KEY)");
  }
  if (!remote && e.PARLEY_MODELS) {
    problems.push("PARLEY_MODELS: set OPENAI_BASE_URL (and OPENAI_API_KEY if the server needs one) to use these models");
  }
  const offered = remote?.ids ?? [];
  if (e.PARLEY_DEFAULT_MODEL && remote && !offered.includes(e.PARLEY_DEFAULT_MODEL)) {
    problems.push(`PARLEY_DEFAULT_MODEL: expected one of PARLEY_MODELS (${offered.join(", ")}), got ${JSON.stringify(e.PARLEY_DEFAULT_MODEL)}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.PARLEY_DATA_DIR === "memory://" ? e.PARLEY_DATA_DIR : path.resolve(e.PARLEY_DATA_DIR),
    dbPoolSize: e.PARLEY_DB_POOL_SIZE,
    logLevel: e.PARLEY_LOG_LEVEL,
    models: {
      remote,
      defaultId: remote ? (e.PARLEY_DEFAULT_MODEL ?? offered[0]) : undefined,
      titleId: remote ? (e.PARLEY_TITLE_MODEL ?? e.PARLEY_DEFAULT_MODEL ?? offered[0]) : undefined,
      vision: e.PARLEY_VISION_MODELS ?? [],
      prices: e.PARLEY_PRICES ?? {},
      contextTokens: e.PARLEY_CONTEXT_TOKENS,
      maxSteps: e.PARLEY_MAX_STEPS,
      timeoutMs: e.PARLEY_MODEL_TIMEOUT_MS,
      retries: e.PARLEY_MODEL_RETRIES,
      localDelayMs: e.PARLEY_LOCAL_MODEL_DELAY_MS,
    },
    mcpServers: e.PARLEY_MCP_SERVERS ?? [],
    attachmentBytesPerUser: e.PARLEY_ATTACHMENTS_MB_PER_USER * 1024 * 1024,
    secret: e.PARLEY_SECRET,
    rateLimits: {
      sendsPerUser: e.PARLEY_RATE_SENDS_PER_USER,
      sendsPerIp: e.PARLEY_RATE_SENDS_PER_IP,
      loginsPerIp: e.PARLEY_RATE_LOGINS_PER_IP,
      loginsPerName: e.PARLEY_RATE_LOGINS_PER_NAME,
      signupsPerIp: e.PARLEY_RATE_SIGNUPS_PER_IP,
      guestsPerIp: e.PARLEY_RATE_GUESTS_PER_IP,
    },
    access: { signup: e.PARLEY_SIGNUP, guests: e.PARLEY_GUESTS === "on", admins: e.PARLEY_ADMINS ?? [], sharing: e.PARLEY_SHARING === "on" },
    publicUrl: e.PARLEY_PUBLIC_URL?.replace(/\/+$/, ""),
    sso: e.PARLEY_OIDC_ISSUER
      ? { issuer: e.PARLEY_OIDC_ISSUER.replace(/\/+$/, ""), clientId: e.PARLEY_OIDC_CLIENT_ID!, clientSecret: e.PARLEY_OIDC_CLIENT_SECRET, label: e.PARLEY_OIDC_NAME }
      : null,
    trustsProxy: e.PARLEY_TRUSTED_PROXIES,
    redisUrl: e.REDIS_URL,
    shutdownGraceMs: e.PARLEY_SHUTDOWN_GRACE_MS,
    handlesSignals: e.NEXT_MANUAL_SIG_HANDLE === "true",
  };
}

let cached: Config | undefined;

/** The process's configuration, parsed on first use. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
