import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

/**
 * A Switchyard server of a spec's own (the Playwright web server is shared by the other specs):
 * on an embedded database in `dataDir` (wiped first unless `keepData`), with extra environment.
 */
export async function startServer(options: { port: number; dataDir: string; env?: Record<string, string>; keepData?: boolean }) {
  const base = `http://127.0.0.1:${options.port}`;
  if (!options.keepData) rmSync(options.dataDir, { recursive: true, force: true });
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/http/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      PGLITE_DIR: `${options.dataDir}/pglite`,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: "spec-server-secret-that-is-long-enough-0123",
      SEED_DEMO: "false",
      LOG_LEVEL: "warn",
      ...options.env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; i < 120; i++) {
    if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) {
      return {
        base,
        /** Graceful stop (SIGTERM) or a crash (SIGKILL: no cleanup, like a power cut). */
        stop: async (signal: NodeJS.Signals = "SIGTERM") => {
          if (child.exitCode === null) child.kill(signal);
          await exited;
        },
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill("SIGKILL");
  throw new Error(`the server on port ${options.port} did not start`);
}
