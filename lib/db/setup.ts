// Everything a database needs before the app can use it: migrations, then the built-in rows.
import type { DbTarget } from "./client";
import { migrate, type PrismaFiles } from "./migrate";
import { interruptAllStreaming } from "./messages";
import { syncBuiltinRoles } from "./roles";

/** Migrates `target` (which must be the process's own database, see db()) and syncs built-in rows. */
export async function setUpDatabase(target: DbTarget, files?: PrismaFiles): Promise<string[]> {
  const applied = await migrate(target, files);
  await syncBuiltinRoles();
  // The embedded database belongs to one process at a time (we hold its lock now), so a reply
  // still marked streaming lost its writer when the last one stopped: say so at once.
  if (target.kind === "embedded") await interruptAllStreaming();
  return applied;
}
