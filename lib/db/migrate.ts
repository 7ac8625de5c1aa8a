// Applies prisma/migrations with Prisma's schema engine compiled to WebAssembly,
// so no native binary is downloaded. It records what it applied in
// _prisma_migrations exactly as `prisma migrate deploy` does: the folder stays
// usable by the Prisma CLI wherever that CLI can fetch its engine.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineModule from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import type { DbTarget } from "./client";
import { IN_MEMORY, openEmbeddedDatabase } from "./embedded";
import { PGliteAdapterFactory } from "./pglite-adapter";
import { asDriverAdapterError } from "./script-errors";

/** Where the schema and its migrations are; tests point these at copies. */
export type PrismaFiles = { schemaFile: string; migrationsDir: string };

const DEFAULT_FILES: PrismaFiles = {
  schemaFile: path.resolve("prisma/schema.prisma"),
  migrationsDir: path.resolve("prisma/migrations"),
};
const NO_FILTERS = { externalTables: [], externalEnums: [] };

export class MigrationError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = "MigrationError";
  }
}

type EngineModule = typeof engineModule & { __wbg_set_wasm(exports: unknown): void };
let engineReady: Promise<EngineModule> | undefined;

/** Instantiates the engine's .wasm by hand: Node 20 cannot import .wasm modules unflagged. */
function loadEngine(): Promise<EngineModule> {
  engineReady ??= (async () => {
    const bindings = engineModule as EngineModule;
    const bindingsFile = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmFile = path.join(path.dirname(bindingsFile), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmFile), {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return engineReady;
}

/**
 * The engine's connection to the target. Connections are kept so they can be
 * closed after use: an open one would hold the engine's advisory lock and make
 * the next migration wait ten seconds for it.
 */
function connectionFactory(target: DbTarget) {
  // The PGlite adapter is typed against an older @prisma/driver-adapter-utils; the interface is the same.
  const factory =
    target.kind === "postgres"
      ? new PrismaPg({ connectionString: target.url })
      : (new PGliteAdapterFactory(target.database.pglite) as unknown as PrismaPg);
  const wholeScripts = target.kind === "postgres";
  const opened: Array<{ dispose(): Promise<void> }> = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      opened.push(adapter);
      if (wholeScripts) {
        // @prisma/adapter-pg runs a script by splitting it at every ";", which breaks
        // function bodies and comments. PostgreSQL runs a multi-statement simple
        // query as one transaction, as Prisma's native engine sends migrations.
        const pool = adapter.underlyingDriver() as pg.Pool;
        adapter.executeScript = async (script: string) => {
          try {
            await pool.query(script);
          } catch (error) {
            throw asDriverAdapterError(error);
          }
        };
      }
      return adapter;
    },
    async connectToShadowDb() {
      const adapter = await factory.connectToShadowDb();
      opened.push(adapter);
      return adapter;
    },
  };
  return {
    factory: bindMigrationAwareSqlAdapterFactory(tracked),
    close: () => Promise.all(opened.map((adapter) => adapter.dispose())),
  };
}

async function withEngine<T>(target: DbTarget, schema: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngine();
  const connection = connectionFactory(target);
  const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => {}, connection.factory);
  try {
    return await run(engine);
  } finally {
    engine.free();
    await connection.close();
  }
}

/** The migrations folder as the engine wants it, in name (= time) order. */
export async function readMigrations(dir = DEFAULT_FILES.migrationsDir): Promise<MigrationList> {
  const names = existsSync(dir)
    ? (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: await readFile(path.join(dir, name, "migration.sql"), "utf8") },
      },
    })),
  );
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** The engine's message without its Rust span trace, naming the failed migration. */
function failure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = message.split(/\n\s+0: /)[0]!.replace(/^external connector error\n/, "").trim();
  const migration = /migration_name="([^"]+)"/.exec(message)?.[1];
  return migration ? `Database migration ${migration} failed: ${text}` : `Database migration failed: ${text}`;
}

/** Applies the migrations not yet applied; returns their names. Twice is a no-op. */
export async function migrate(target: DbTarget, files = DEFAULT_FILES): Promise<string[]> {
  const migrationsList = await readMigrations(files.migrationsDir);
  const schema = await readFile(files.schemaFile, "utf8");
  try {
    const result = await withEngine(target, schema, (engine) =>
      engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
    );
    return result.appliedMigrationNames;
  } catch (error) {
    throw new MigrationError(failure(error), { cause: error });
  }
}

/**
 * The SQL that would bring an embedded database to schema.prisma ("" when none).
 * PostgreSQL servers are compared through their catalogs instead: @prisma/adapter-pg
 * cannot read the "char" columns the engine's schema description queries.
 */
export async function schemaDrift(target: DbTarget & { kind: "embedded" }, schemaFile = DEFAULT_FILES.schemaFile): Promise<string> {
  const schema = await readFile(schemaFile, "utf8");
  const result = await withEngine(target, schema, (engine) =>
    engine.diff({
      from: { tag: "schemaDatasource", files: [{ path: schemaFile, content: schema }], configDir: path.dirname(schemaFile) },
      to: { tag: "schemaDatamodel", files: [{ path: schemaFile, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    }),
  );
  const sql = result.stdout ?? "";
  return sql.includes("This is an empty migration.") ? "" : sql.trim();
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/**
 * Writes the next migration: the SQL from the current migrations (replayed on a
 * throwaway in-memory database) to schema.prisma. Returns its folder, or null
 * when schema.prisma has not changed.
 */
export async function createMigration(name: string, files = DEFAULT_FILES): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new MigrationError(`Migration name "${name}" must be lower-case letters, digits and underscores`);
  }
  const scratch = openEmbeddedDatabase(IN_MEMORY);
  try {
    const target = { kind: "embedded" as const, database: scratch };
    await migrate(target, files);
    const sql = await schemaDrift(target, files.schemaFile);
    if (!sql) return null;
    const dir = files.migrationsDir;
    const folder = path.join(dir, `${timestamp(new Date())}_${name}`);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, "migration.sql"), `${sql}\n`);
    const lockPath = path.join(dir, "migration_lock.toml");
    if (!existsSync(lockPath)) {
      await writeFile(
        lockPath,
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
      );
    }
    return folder;
  } finally {
    await scratch.close();
  }
}
