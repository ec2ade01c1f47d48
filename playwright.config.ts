import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3200);
const baseURL = `http://127.0.0.1:${PORT}`;

// Debian's Chromium (never a downloaded browser), against the production build on a fresh
// embedded database of its own (never the developer's .data/pglite).
export default defineConfig({
  testDir: "tests",
  testMatch: ["api/**/*.spec.ts", "e2e/**/*.spec.ts"],
  outputDir: "test-results/playwright",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  // CI also writes JSON (PLAYWRIGHT_JSON_OUTPUT_FILE) for its closing summary line.
  reporter: process.env.CI ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    { name: "api", testMatch: "api/**/*.spec.ts" },
    {
      name: "chromium",
      testMatch: "e2e/**/*.spec.ts",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "rm -rf .data/e2e && npm run serve",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      NEXTAUTH_URL: baseURL,
      PGLITE_DIR: "./.data/e2e/pglite",
      // E2E_DATABASE_URL runs the same server on PostgreSQL instead (CI does, for the API tests).
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      NEXTAUTH_SECRET: process.env.E2E_DATABASE_URL ? "e2e-only-secret-that-is-long-enough-0123456789" : "",
      LOG_LEVEL: "warn",
      // The REST API specs fire 50 concurrent requests at one store (the duplicate storm); the
      // rate-limit spec reads the burst back from X-Tokens-Remaining, so any value works there.
      RATE_LIMIT_BURST: process.env.RATE_LIMIT_BURST ?? "200",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
