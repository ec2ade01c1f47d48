import { defineConfig } from "vitest/config";

const integration = (database: "pglite" | "postgres") => ({
  extends: true as const,
  test: {
    name: database,
    include: ["tests/integration/**/*.test.ts"],
    env: { TEST_DATABASE: database },
  },
});

// `npm test` runs the integration suite twice: on embedded PGlite and on real PostgreSQL.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { LOG_LEVEL: "silent" },
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      integration("pglite"),
      integration("postgres"),
    ],
  },
});
