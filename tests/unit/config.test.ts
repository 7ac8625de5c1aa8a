import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("defaults to the embedded database under .data", () => {
    const config = parseConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve(".data"));
    expect(config.logLevel).toBe("info");
  });

  it("treats an empty variable as unset", () => {
    expect(parseConfig({ DATABASE_URL: "" }).databaseUrl).toBeUndefined();
  });

  it("accepts postgres:// and postgresql:// URLs", () => {
    expect(parseConfig({ DATABASE_URL: "postgresql://u:p@db:5432/parley" }).databaseUrl).toBe("postgresql://u:p@db:5432/parley");
    expect(parseConfig({ DATABASE_URL: "postgres://db/parley" }).databaseUrl).toBe("postgres://db/parley");
  });

  it("keeps memory:// as the in-memory embedded database", () => {
    expect(parseConfig({ PARLEY_DATA_DIR: "memory://" }).dataDir).toBe("memory://");
  });

  it("names the variable and what it expects for a bad DATABASE_URL", () => {
    expect(problems({ DATABASE_URL: "mysql://root@localhost/parley" })).toEqual([
      'DATABASE_URL: expected a PostgreSQL URL like postgresql://user:password@host:5432/database, got "mysql://root@localhost/parley"',
    ]);
    expect(problems({ DATABASE_URL: "not a url" })[0]).toMatch(/^DATABASE_URL: expected a PostgreSQL URL/);
  });

  it("rejects a value outside a setting's choices", () => {
    expect(problems({ PARLEY_LOG_LEVEL: "loud" })).toEqual([
      'PARLEY_LOG_LEVEL: expected one of debug, info, warn, error, got "loud"',
    ]);
  });

  it("rejects an unknown PARLEY_ setting, listing the known ones", () => {
    const [problem] = problems({ PARLEY_DATADIR: "/tmp" });
    expect(problem).toMatch(/^PARLEY_DATADIR: unknown setting \(known: .*PARLEY_DATA_DIR/);
  });

  it("reports every problem at once in the error message", () => {
    try {
      parseConfig({ DATABASE_URL: "x", PARLEY_LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/^Invalid configuration:\n {2}DATABASE_URL: .*\n {2}PARLEY_LOG_LEVEL: /);
    }
  });

  it("ignores variables outside its namespace", () => {
    expect(() => parseConfig({ HOME: "/root", PATH: "/bin", NODE_ENV: "production" })).not.toThrow();
  });
});

describe("model settings", () => {
  it("uses only the local model when no server is configured", () => {
    expect(parseConfig({}).models).toMatchObject({ remote: null, defaultId: undefined });
  });

  it("reads an OpenAI-compatible server with its models; the first is the default", () => {
    const { models } = parseConfig({ OPENAI_BASE_URL: "http://localhost:11434/v1", PARLEY_MODELS: "llama3.2, qwen3 ,", PARLEY_TITLE_MODEL: "llama3.2" });
    expect(models.remote).toEqual({ baseURL: "http://localhost:11434/v1", apiKey: undefined, ids: ["llama3.2", "qwen3"] });
    expect(models.defaultId).toBe("llama3.2");
    expect(models.titleId).toBe("llama3.2");
  });

  it("defaults the base URL to OpenAI's when only a key is given", () => {
    expect(parseConfig({ OPENAI_API_KEY: "sk-x", PARLEY_MODELS: "gpt-4o-mini" }).models.remote?.baseURL).toBe("https://api.openai.com/v1");
  });

  it("requires PARLEY_MODELS with a server, and a default model from that list", () => {
    expect(problems({ OPENAI_API_KEY: "sk-x" })[0]).toMatch(/^PARLEY_MODELS: expected a comma-separated list/);
    expect(problems({ OPENAI_API_KEY: "sk-x", PARLEY_MODELS: "a,b", PARLEY_DEFAULT_MODEL: "c" })).toEqual([
      'PARLEY_DEFAULT_MODEL: expected one of PARLEY_MODELS (a, b), got "c"',
    ]);
    expect(problems({ PARLEY_MODELS: "a" })[0]).toMatch(/^PARLEY_MODELS: set OPENAI_BASE_URL/);
  });

  it("parses prices in USD per million tokens", () => {
    expect(parseConfig({ PARLEY_PRICES: "gpt-4o-mini=0.15/0.60, deepseek-chat=0.27/1.1" }).models.prices).toEqual({
      "gpt-4o-mini": { input: 0.15, output: 0.6 },
      "deepseek-chat": { input: 0.27, output: 1.1 },
    });
    expect(problems({ PARLEY_PRICES: "gpt-4o=cheap" })[0]).toMatch(/^PARLEY_PRICES: expected model=input\/output/);
  });

  it("checks numbers against their range", () => {
    expect(problems({ PARLEY_MAX_STEPS: "0" })[0]).toMatch(/^PARLEY_MAX_STEPS: expected a whole number from 1 to 50, got "0"/);
    expect(problems({ PARLEY_CONTEXT_TOKENS: "lots" })[0]).toMatch(/^PARLEY_CONTEXT_TOKENS: expected a whole number/);
    expect(parseConfig({ PARLEY_MODEL_TIMEOUT_MS: "5000" }).models.timeoutMs).toBe(5000);
  });

  it("reads MCP servers as a JSON array of url or command entries", () => {
    const servers = [{ name: "docs", url: "https://mcp.example.com/mcp" }, { name: "fs", command: "npx", args: ["-y", "server"] }];
    expect(parseConfig({ PARLEY_MCP_SERVERS: JSON.stringify(servers) }).mcpServers).toEqual(servers);
    expect(problems({ PARLEY_MCP_SERVERS: "docs=https://x" })[0]).toBe('PARLEY_MCP_SERVERS: expected a JSON array, got "docs=https://x"');
    expect(problems({ PARLEY_MCP_SERVERS: '[{"name":"bad name!","url":"https://x"}]' })[0]).toMatch(/^PARLEY_MCP_SERVERS: expected a JSON array of/);
  });
});

describe("other settings", () => {
  it("trusts no proxy unless told, and names a bad PARLEY_TRUSTED_PROXIES", () => {
    expect(parseConfig({}).trustsProxy("127.0.0.1", 0)).toBe(false);
    const { trustsProxy } = parseConfig({ PARLEY_TRUSTED_PROXIES: "loopback, 10.0.0.0/8" });
    expect(trustsProxy("127.0.0.1", 0)).toBe(true);
    expect(trustsProxy("10.1.2.3", 1)).toBe(true);
    expect(trustsProxy("203.0.113.9", 1)).toBe(false);
    expect(problems({ PARLEY_TRUSTED_PROXIES: "10.0.0.0/99" })[0]).toMatch(/^PARLEY_TRUSTED_PROXIES: expected addresses, CIDR ranges/);
  });

  it("reads rate limits as N/S or off", () => {
    const { rateLimits } = parseConfig({ PARLEY_RATE_SENDS_PER_USER: "10/30", PARLEY_RATE_LOGINS_PER_IP: "off" });
    expect(rateLimits.sendsPerUser).toEqual({ points: 10, seconds: 30 });
    expect(rateLimits.loginsPerIp).toBeNull();
    expect(rateLimits.sendsPerIp).toEqual({ points: 300, seconds: 60 });
    expect(problems({ PARLEY_RATE_SENDS_PER_USER: "fast" })[0]).toMatch(/^PARLEY_RATE_SENDS_PER_USER: expected N\/S/);
  });

  it("never prints a secret or a password in an error", () => {
    expect(problems({ PARLEY_SECRET: "short" })).toEqual(["PARLEY_SECRET: expected at least 32 characters (e.g. openssl rand -hex 32), got (hidden)"]);
    expect(problems({ DATABASE_URL: "mysql://root:hunter2@db/parley" })[0]).toContain('got "mysql://root:***@db/parley"');
  });
});
