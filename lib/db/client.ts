// The one database client of the process: PostgreSQL through @prisma/adapter-pg
// when DATABASE_URL is set, else the embedded PGlite under PARLEY_DATA_DIR.
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { getConfig } from "../config";
import { IN_MEMORY, openEmbeddedDatabase, type EmbeddedDatabase } from "./embedded";
import { PrismaClient, type Prisma } from "./generated/client";
import { PGliteAdapterFactory } from "./pglite-adapter";

/** A transaction (or the pool) to run lib/db functions in: services pass it along without looking inside. */
export type DbClient = Prisma.TransactionClient;

/** Where the data lives: what migrations and health checks need to know. */
export type DbTarget = { kind: "postgres"; url: string } | { kind: "embedded"; database: EmbeddedDatabase };

type Connection = { prisma: PrismaClient; target: DbTarget };

// Kept on globalThis so `next dev` hot reloads reuse one client instead of
// opening a new pool (or a second PGlite on the same files) per reload.
const holder = globalThis as typeof globalThis & { __parleyDb?: Connection };

function connect(): Connection {
  const { databaseUrl, dataDir, dbPoolSize } = getConfig();
  if (databaseUrl) {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: dbPoolSize }) });
    return { prisma, target: { kind: "postgres", url: databaseUrl } };
  }
  const dir = dataDir === IN_MEMORY ? IN_MEMORY : path.join(dataDir, "pglite");
  const database = openEmbeddedDatabase(dir);
  const prisma = new PrismaClient({ adapter: new PGliteAdapterFactory(database.pglite) });
  return { prisma, target: { kind: "embedded", database } };
}

function connection(): Connection {
  holder.__parleyDb ??= connect();
  return holder.__parleyDb;
}

/** The Prisma client. Only modules under lib/db call this. */
export function db(): PrismaClient {
  return connection().prisma;
}

export function dbTarget(): DbTarget {
  return connection().target;
}

/** Closes the client (and the embedded database); the next db() reconnects. */
export async function closeDb(): Promise<void> {
  const current = holder.__parleyDb;
  if (!current) return;
  holder.__parleyDb = undefined;
  await current.prisma.$disconnect();
  if (current.target.kind === "embedded") await current.target.database.close();
}
