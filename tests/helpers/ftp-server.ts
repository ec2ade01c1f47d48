import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo, Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FtpSrv } from "ftp-srv";

export interface FtpServer {
  port: number;
  /** The temp directory the FTP user lands in ("/" on the server); it outlives stop(), so remove it when done. */
  root: string;
  username: string;
  password: string;
  /** Closes the port (open sessions are dropped); `start()` listens on the same port again. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * Passive data ports: below Linux's ephemeral range (32768+) so port-0 servers never take them,
 * and each server starts at a random point of the range so parallel test files rarely collide.
 */
const PASV_FIRST = 30_000;
const PASV_LAST = 30_999;

let certificate: { key: string; cert: string } | undefined;

/** Whether this machine can make the throwaway certificate FTPS tests need (the openssl CLI). */
export function canServeFtps(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A self-signed certificate for 127.0.0.1, made once per test process (no key is committed). */
function selfSignedCertificate() {
  if (!certificate) {
    const dir = mkdtempSync(join(tmpdir(), "switchyard-cert-"));
    const [key, cert] = [join(dir, "key.pem"), join(dir, "cert.pem")];
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
      { stdio: "ignore" },
    );
    certificate = { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
    rmSync(dir, { recursive: true, force: true });
  }
  return certificate;
}

const quiet = { child: () => quiet, trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {} };
const SIGNALS = ["SIGTERM", "SIGINT", "SIGQUIT"] as const;

/**
 * A real FTP server (ftp-srv) on 127.0.0.1 with one user, serving a fresh temp directory. With
 * `tls`, it speaks FTPS (explicit: AUTH TLS; implicit: TLS from the start) with a self-signed
 * certificate.
 */
export async function startFtpServer(options: { port?: number; username?: string; password?: string; tls?: "explicit" | "implicit" } = {}): Promise<FtpServer> {
  const root = mkdtempSync(join(tmpdir(), "switchyard-ftp-"));
  const username = options.username ?? "exporter";
  const password = options.password ?? "s3cret-pass";
  let port = options.port ?? 0;
  let server: FtpSrv | undefined;

  const start = async () => {
    if (server) return;
    const before = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
    const pasvMin = PASV_FIRST + Math.floor(Math.random() * (PASV_LAST - PASV_FIRST - 100));
    const next = new FtpSrv({
      url: `${options.tls === "implicit" ? "ftps" : "ftp"}://127.0.0.1:${port}`,
      pasv_url: "127.0.0.1",
      pasv_min: pasvMin,
      pasv_max: PASV_LAST,
      anonymous: false,
      log: quiet,
      greeting: "Switchyard test FTP",
      tls: options.tls ? selfSignedCertificate() : false,
    });
    // ftp-srv exits the process on these signals; a test run must not inherit that.
    for (const signal of SIGNALS) {
      for (const listener of process.listeners(signal)) if (!before.get(signal)?.includes(listener)) process.off(signal, listener);
    }
    next.on("login", ({ username: user, password: pass }, resolve, reject) => {
      if (user === username && pass === password) resolve({ root });
      else reject(new Error("Invalid username or password"));
    });
    next.on("client-error", () => {});
    await next.listen();
    port = ((next as unknown as { server: Server }).server.address() as AddressInfo).port;
    server = next;
  };

  const stop = async () => {
    const current = server;
    server = undefined;
    if (current) await current.close();
  };

  await start();
  return { port, root, username, password, stop, start };
}
