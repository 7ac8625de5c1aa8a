// Vitest global setup of the "postgres" project: creates the run's database,
// sets it up as `npm run db:migrate` does, and drops it when the run ends.
import type { TestProject } from "vitest/node";
import { closeDb, dbTarget } from "../../lib/db/client";
import { setUpDatabase } from "../../lib/db/setup";
import { createDatabase, dropDatabase } from "./postgres";

export default async function setup(project: TestProject) {
  const url = project.config.env.DATABASE_URL!;
  const name = new URL(url).pathname.slice(1);
  const server = project.config.env.TEST_SERVER_URL!;
  await createDatabase(server, name);

  // db() reads DATABASE_URL from this process's environment: point it at the new database just for the setup.
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    await setUpDatabase(dbTarget());
  } finally {
    await closeDb();
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
  return async () => {
    await dropDatabase(server, name);
  };
}
