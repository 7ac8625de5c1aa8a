import { DriverAdapterError } from "@prisma/driver-adapter-utils";

type PostgresError = { code?: string; severity?: string; message: string; detail?: string; column?: string; hint?: string };

/** A PostgreSQL error (from pg or PGlite) as Prisma's schema engine expects it, so it reports it in its own words. */
export function asDriverAdapterError(error: unknown): unknown {
  const e = error as PostgresError;
  if (!e || typeof e.code !== "string" || typeof e.message !== "string") return error;
  return new DriverAdapterError({
    kind: "postgres",
    code: e.code,
    severity: e.severity ?? "ERROR",
    message: e.message,
    detail: e.detail,
    column: e.column,
    hint: e.hint,
  });
}
