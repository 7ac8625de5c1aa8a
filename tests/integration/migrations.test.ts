// Migrations in prisma/migrations produce exactly the schema of schema.prisma,
// on PGlite and on a PostgreSQL server, and migrating is safe to repeat.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { IN_MEMORY, openEmbeddedDatabase } from "@/lib/db/embedded";
import { createMigration, migrate, MigrationError, schemaDrift, type PrismaFiles } from "@/lib/db/migrate";
import { describeSchema } from "../support/catalog";
import { freshDatabase, postgresServerUrl } from "../support/postgres";

const onPostgres = Boolean(process.env.DATABASE_URL);
const server = postgresServerUrl();

function scratchPrisma(): PrismaFiles {
  const dir = mkdtempSync(path.join(tmpdir(), "parley-prisma-"));
  cpSync("prisma", dir, { recursive: true });
  return { schemaFile: path.join(dir, "schema.prisma"), migrationsDir: path.join(dir, "migrations") };
}

async function withEmbedded<T>(run: (target: { kind: "embedded"; database: ReturnType<typeof openEmbeddedDatabase> }) => Promise<T>) {
  const database = openEmbeddedDatabase(IN_MEMORY);
  try {
    return await run({ kind: "embedded", database });
  } finally {
    await database.close();
  }
}

describe.skipIf(onPostgres)("migrations on the embedded database", () => {
  it("produce exactly schema.prisma, and a second run is a no-op", async () => {
    await withEmbedded(async (target) => {
      const applied = await migrate(target);
      expect(applied.length).toBe(readdirSync("prisma/migrations").filter((n) => !n.endsWith(".toml")).length);
      expect(await schemaDrift(target)).toBe("");
      expect(await migrate(target)).toEqual([]);
    });
  });

  it("record what they applied as prisma migrate deploy does", async () => {
    await withEmbedded(async (target) => {
      await migrate(target);
      const { rows } = await target.database.pglite.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
        `SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name`,
      );
      const names = readdirSync("prisma/migrations").filter((n) => !n.endsWith(".toml")).sort();
      expect(rows.map((r) => r.migration_name)).toEqual(names);
      for (const row of rows) {
        expect(row.finished_at).not.toBeNull();
        expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      }
    });
  });

  it("drift between schema.prisma and the migrations is detected", async () => {
    const files = scratchPrisma();
    const schema = readFileSync(files.schemaFile, "utf8");
    writeFileSync(files.schemaFile, schema.replace("  pinned        Boolean", "  archived      Boolean     @default(false)\n  pinned        Boolean"));
    await withEmbedded(async (target) => {
      await migrate(target, files);
      expect(await schemaDrift(target, files.schemaFile)).toContain(`ALTER TABLE "Session" ADD COLUMN     "archived" BOOLEAN NOT NULL DEFAULT false`);
    });
  });

  it("db:migration writes the next migration from a schema change, and nothing without one", async () => {
    const files = scratchPrisma();
    expect(await createMigration("nothing", files)).toBeNull();
    const schema = readFileSync(files.schemaFile, "utf8");
    writeFileSync(files.schemaFile, schema.replace("  pinned        Boolean", "  archived      Boolean     @default(false)\n  pinned        Boolean"));
    const folder = await createMigration("add_archived", files);
    expect(folder).toMatch(/\/\d{14}_add_archived$/);
    expect(readFileSync(path.join(folder!, "migration.sql"), "utf8")).toContain(`ADD COLUMN     "archived"`);
    await withEmbedded(async (target) => {
      expect((await migrate(target, files)).at(-1)).toBe(path.basename(folder!));
      expect(await schemaDrift(target, files.schemaFile)).toBe("");
    });
  });

  it("a failing migration gives a clear error and is not recorded as applied", async () => {
    const files = scratchPrisma();
    const broken = path.join(files.migrationsDir, "99990101000000_broken");
    mkdirSync(broken);
    writeFileSync(path.join(broken, "migration.sql"), `ALTER TABLE "Nope" ADD COLUMN "x" INTEGER;\n`);
    await withEmbedded(async (target) => {
      const failure = migrate(target, files);
      await expect(failure).rejects.toBeInstanceOf(MigrationError);
      await expect(failure).rejects.toThrow("Database migration 99990101000000_broken failed: No such table: Nope");
      const { rows } = await target.database.pglite.query<{ finished_at: Date | null }>(
        `SELECT finished_at FROM _prisma_migrations WHERE migration_name = '99990101000000_broken'`,
      );
      expect(rows.map((r) => r.finished_at)).toEqual([null]);
    });
  });

  it("move accounts from before Better Auth over: names, password hashes and guests keep working", async () => {
    const files = scratchPrisma();
    const later = readdirSync(files.migrationsDir).filter((name) => /^\d{14}_/.test(name) && name >= "20261130200320");
    const held = mkdtempSync(path.join(tmpdir(), "parley-later-"));
    for (const name of later) cpSync(path.join(files.migrationsDir, name), path.join(held, name), { recursive: true });
    for (const name of later) rmSync(path.join(files.migrationsDir, name), { recursive: true });
    await withEmbedded(async (target) => {
      await migrate(target, files);
      const hash = await hashPassword("old pass");
      const ids = { ada: crypto.randomUUID(), shouting: crypto.randomUUID(), wei: crypto.randomUUID(), guest: crypto.randomUUID() };
      await target.database.pglite.query(
        `INSERT INTO "User"(id, name, "passwordHash", "createdAt") VALUES ($1, 'Ada', $5, now() - interval '2 days'), ($2, 'ADA', $5, now() - interval '1 day'), ($3, '张伟', $5, now()), ($4, NULL, NULL, now())`,
        [ids.ada, ids.shouting, ids.wei, ids.guest, hash],
      );
      for (const name of later) cpSync(path.join(held, name), path.join(files.migrationsDir, name), { recursive: true });
      expect(await migrate(target, files)).toEqual(later);

      const { rows: users } = await target.database.pglite.query<{ id: string; name: string | null; nameKey: string | null; isAnonymous: boolean; email: string }>(
        `SELECT id, name, "nameKey", "isAnonymous", email FROM "User"`,
      );
      const byId = Object.fromEntries(users.map((u) => [u.id, u]));
      expect(byId[ids.ada]).toMatchObject({ name: "Ada", nameKey: "ada", isAnonymous: false });
      // Two names that are now one: the older account keeps it; the other's key cannot match a typed name.
      expect(byId[ids.shouting]).toMatchObject({ name: "ADA", nameKey: `ada#${ids.shouting}` });
      expect(byId[ids.wei]).toMatchObject({ name: "张伟", nameKey: "张伟", isAnonymous: false });
      expect(byId[ids.guest]).toMatchObject({ name: null, nameKey: null, isAnonymous: true });
      expect(new Set(users.map((u) => u.email)).size).toBe(4);

      const { rows: accounts } = await target.database.pglite.query<{ userId: string; providerId: string; password: string }>(`SELECT "userId", "providerId", password FROM "Account"`);
      expect(accounts.map((a) => a.userId).sort()).toEqual([ids.ada, ids.shouting, ids.wei].sort());
      for (const account of accounts) {
        expect(account.providerId).toBe("credential");
        expect(await verifyPassword("old pass", account.password)).toBe(true);
      }
    });
  });

  it("refuses a database that already holds other tables", async () => {
    await withEmbedded(async (target) => {
      await target.database.pglite.exec(`CREATE TABLE "User" (id int)`);
      await expect(migrate(target)).rejects.toThrow(/^Database migration failed: The database schema is not empty/);
    });
  });
});

describe.skipIf(!onPostgres)("migrations on a PostgreSQL server", () => {
  const dropAfter: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of dropAfter) await drop();
  });

  async function emptyDatabase(): Promise<string> {
    const { url, drop } = await freshDatabase(server!);
    dropAfter.push(drop);
    return url;
  }

  it("produce the same schema as on the embedded database (where it matches schema.prisma)", async () => {
    const url = await emptyDatabase();
    expect((await migrate({ kind: "postgres", url })).length).toBeGreaterThan(0);
    expect(await migrate({ kind: "postgres", url })).toEqual([]);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const onServer = await describeSchema(async (sql) => (await client.query(sql)).rows).finally(() => client.end());

    const embedded = await withEmbedded(async (target) => {
      await migrate(target);
      expect(await schemaDrift(target)).toBe("");
      return describeSchema(async (sql) => (await target.database.pglite.query<Record<string, unknown>>(sql)).rows);
    });
    const tables = new Set(onServer.columns.map((c) => c.table_name));
    expect([...tables].sort()).toEqual(["Account", "ApiToken", "Attachment", "AuthSession", "Message", "Role", "Session", "Share", "User", "Verification", "_prisma_migrations"]);
    expect(onServer).toEqual(embedded);
  });

  it("compress the values rewritten while replies run with LZ4 (the embedded database, without it, keeps pglz)", async () => {
    const url = await emptyDatabase();
    await migrate({ kind: "postgres", url });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client
      .query<{ column: string }>(`SELECT attrelid::regclass || '.' || attname AS column FROM pg_attribute JOIN pg_class ON pg_class.oid = attrelid WHERE attcompression = 'l' AND relkind = 'r' ORDER BY 1`)
      .finally(() => client.end());
    expect(rows.map((r) => r.column)).toEqual(['"Message".parts', '"Message".text', '"Session".contentVector']);
  });

  it("applies each migration whole: a failing one leaves nothing half-done", async () => {
    const url = await emptyDatabase();
    const files = scratchPrisma();
    const broken = path.join(files.migrationsDir, "99990101000000_broken");
    mkdirSync(broken);
    writeFileSync(path.join(broken, "migration.sql"), `CREATE TABLE "Half" (id int);\n-- a comment; with a semicolon\nALTER TABLE "Nope" ADD COLUMN "x" INTEGER;\n`);
    await expect(migrate({ kind: "postgres", url }, files)).rejects.toThrow(/^Database migration 99990101000000_broken failed: .*Nope/s);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(`SELECT to_regclass('public."Half"') AS half, to_regclass('public."Session"') AS session`).finally(() => client.end());
    expect(rows[0]).toEqual({ half: null, session: '"Session"' });
  });

  it("npm run db:migrate stops with a clear message when a migration fails", async () => {
    const url = await emptyDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE TABLE "User" (id int)`).finally(() => client.end());
    const run = spawnSync("npx", ["tsx", "scripts/db-migrate.ts"], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Database migration failed: The database schema is not empty");
  });

  it("npm run db:migrate names the variable when DATABASE_URL is not a PostgreSQL URL", () => {
    const run = spawnSync("npx", ["tsx", "scripts/db-migrate.ts"], {
      env: { ...process.env, DATABASE_URL: "mysql://root@localhost/parley" },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Invalid configuration:\n  DATABASE_URL: expected a PostgreSQL URL");
  });
});
