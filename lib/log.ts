// Plain structured-enough logging to stderr/stdout, filtered by PARLEY_LOG_LEVEL.
import { getConfig } from "./config";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

function write(level: Level, message: string, detail?: unknown) {
  if (LEVELS[level] < LEVELS[getConfig().logLevel]) return;
  const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}`;
  const print = level === "error" || level === "warn" ? console.error : console.log;
  if (detail === undefined) print(line);
  else print(line, detail instanceof Error ? (detail.stack ?? detail.message) : detail);
}

export const log = {
  debug: (message: string, detail?: unknown) => write("debug", message, detail),
  info: (message: string, detail?: unknown) => write("info", message, detail),
  warn: (message: string, detail?: unknown) => write("warn", message, detail),
  error: (message: string, detail?: unknown) => write("error", message, detail),
};
