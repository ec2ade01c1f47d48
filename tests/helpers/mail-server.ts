import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface MailServer {
  port: number;
  /** smtp://127.0.0.1:port (with user:password@ when the server requires a login). */
  url: string;
  /** Every message received since start, parsed, oldest first. */
  messages: ParsedMail[];
  /** Resolves once `count` messages in total have arrived. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** Closes the port (open connections are dropped); `start()` listens on the same port again. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (no TLS) that keeps what it receives. With `auth`, it requires
 * that login (to test refused logins); without, anyone may send.
 */
export async function startMailServer(options: { port?: number; auth?: { username: string; password: string } } = {}): Promise<MailServer> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  let port = options.port ?? 0;
  let server: SMTPServer | undefined;

  const create = () =>
    new SMTPServer({
      secure: false,
      disabledCommands: options.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
      authOptional: !options.auth,
      allowInsecureAuth: true,
      logger: false,
      closeTimeout: 50,
      onAuth(auth, _session, callback) {
        const ok = options.auth && auth.username === options.auth.username && auth.password === options.auth.password;
        if (ok) callback(null, { user: auth.username });
        else callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
      },
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => {
            messages.push(mail);
            for (const wake of waiters) wake();
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });

  const start = async () => {
    if (server) return;
    const next = create();
    await new Promise<void>((resolve, reject) => {
      next.once("error", reject);
      next.listen(port, "127.0.0.1", () => {
        next.off("error", reject);
        resolve();
      });
    });
    next.on("error", () => {});
    port = (next.server.address() as AddressInfo).port;
    server = next;
  };

  const stop = async () => {
    const current = server;
    server = undefined;
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  const waitForMessages = (count: number, timeoutMs = 10_000) =>
    new Promise<ParsedMail[]>((resolve, reject) => {
      const check = () => {
        if (messages.length < count) return;
        cleanup();
        resolve(messages.slice());
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Expected ${count} email(s) within ${timeoutMs} ms, got ${messages.length}.`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  await start();
  const credentials = options.auth ? `${encodeURIComponent(options.auth.username)}:${encodeURIComponent(options.auth.password)}@` : "";
  return { port, url: `smtp://${credentials}127.0.0.1:${port}`, messages, waitForMessages, stop, start };
}
