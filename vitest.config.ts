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
    // Rules post webhooks to servers the tests start on 127.0.0.1, signed with the server secret.
    env: { LOG_LEVEL: "silent", WEBHOOK_ALLOWED_HOSTS: "127.0.0.1", NEXTAUTH_SECRET: "test-only-secret-that-is-long-enough-0123456789" },
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      integration("pglite"),
      integration("postgres"),
    ],
  },
});
