import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface GracefulServer {
  server: Server;
  /** Stops accepting connections, waits for in-flight requests (up to `timeoutMs`), then resolves. */
  shutdown(): Promise<void>;
}

/**
 * An HTTP server whose shutdown lets requests already being handled finish: idle keep-alive
 * connections close at once, busy ones when their response is done, stragglers after the timeout.
 */
export function createGracefulServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  options: { timeoutMs: number; onTimeout?: () => void },
): GracefulServer {
  const server = createServer(handler);
  let closing: Promise<void> | undefined;
  return {
    server,
    shutdown() {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          options.onTimeout?.();
          server.closeAllConnections();
        }, options.timeoutMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
