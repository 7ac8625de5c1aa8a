// Prisma's driver adapter for the embedded database (PGlite).
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { asDriverAdapterError } from "./script-errors";

/**
 * pglite-prisma-adapter 0.7.2 with one fix: its executeScript (what migrations
 * run) neither waits for the script nor reports its errors, so a failing
 * migration would be recorded as applied. This one waits, and reports the
 * database's error as Prisma's own PostgreSQL adapter does.
 */
export class PGliteAdapterFactory extends PrismaPGlite {
  constructor(private readonly pglite: PGlite) {
    super(pglite);
  }

  override async connect() {
    const adapter = await super.connect();
    adapter.executeScript = async (script: string) => {
      try {
        await this.pglite.exec(script);
      } catch (error) {
        throw asDriverAdapterError(error);
      }
    };
    return adapter;
  }
}
