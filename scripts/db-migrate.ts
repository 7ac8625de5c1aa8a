// npm run db:migrate — brings the configured database (DATABASE_URL, else the
// embedded one) up to date. Exits non-zero with the reason when it cannot.
import { getConfig } from "../lib/config";
import { closeDb, dbTarget } from "../lib/db/client";
import { setUpDatabase } from "../lib/db/setup";

try {
  getConfig();
  const target = dbTarget();
  const where = target.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `the embedded database in ${target.database.dir}`;
  const applied = await setUpDatabase(target);
  console.log(
    applied.length > 0
      ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}`
      : `${where}: already up to date`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDb().catch(() => {});
}
// The wasm schema engine leaves a ten-second timer behind; nothing else is pending.
process.exit();
