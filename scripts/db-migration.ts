// npm run db:migration -- <name> — writes prisma/migrations/<time>_<name>/migration.sql
// from the difference between the existing migrations and prisma/schema.prisma.
import { createMigration } from "../lib/db/migrate";

const name = process.argv[2];
if (!name) {
  console.error("Usage: npm run db:migration -- <name>   (e.g. add_session_archived)");
  process.exit(2);
}
try {
  const folder = await createMigration(name);
  console.log(folder ? `Wrote ${folder}/migration.sql — review it, then run npm run db:migrate` : "schema.prisma matches the migrations: nothing to write");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
// The wasm schema engine leaves a ten-second timer behind; nothing else is pending.
process.exit();
