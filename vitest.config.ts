import { defineConfig } from "vitest/config";
import { databaseUrl, freshDatabaseName, postgresServerUrl } from "./tests/support/postgres.ts";

// Integration tests run twice: on the embedded database (always) and on a fresh
// database of the PostgreSQL server in TEST_DATABASE_URL / DATABASE_URL (when set).
const server = postgresServerUrl();

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "embedded",
          include: ["tests/integration/**/*.test.ts", "tests/security/**/*.test.ts"],
          env: { DATABASE_URL: "", PARLEY_DATA_DIR: "memory://" },
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/setup.ts"],
        },
      },
      ...(server
        ? [
            {
              extends: true as const,
              test: {
                name: "postgres",
                include: ["tests/integration/**/*.test.ts", "tests/security/**/*.test.ts"],
                env: { DATABASE_URL: databaseUrl(server, freshDatabaseName()), TEST_SERVER_URL: server, PARLEY_DATA_DIR: "memory://" },
                globalSetup: ["tests/support/postgres-global-setup.ts", "tests/support/global-setup.ts"],
                setupFiles: ["tests/support/setup.ts"],
              },
            },
          ]
        : []),
    ],
  },
});
