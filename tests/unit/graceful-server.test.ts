import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createGracefulServer, type GracefulServer } from "@/server/http/graceful";

let current: GracefulServer | undefined;
afterEach(async () => {
  current?.server.closeAllConnections();
  await current?.shutdown();
});

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function start(delayMs: number, timeoutMs: number) {
  let entered!: () => void;
  const inHandler = new Promise<void>((r) => (entered = r));
  current = createGracefulServer(
    (req, res) => {
      entered();
      setTimeout(() => res.end(`done ${req.url}`), delayMs);
    },
    { timeoutMs },
  );
  await new Promise<void>((r) => current!.server.listen(0, "127.0.0.1", r));
  return { port: (current.server.address() as AddressInfo).port, inHandler, graceful: current };
}

describe("graceful shutdown", () => {
  it("finishes a request that is in flight, then refuses new connections", async () => {
    const { port, inHandler, graceful } = await start(300, 5_000);
    const inFlight = get(port, "/slow");
    await inHandler;
    const stopped = graceful.shutdown();
    await expect(get(port, "/late")).rejects.toThrow(/ECONNREFUSED/);
    expect(await inFlight).toEqual({ status: 200, body: "done /slow" });
    await stopped;
    expect(graceful.server.listening).toBe(false);
  });

  it("closes connections still busy when the timeout runs out", async () => {
    const { port, inHandler, graceful } = await start(10_000, 100);
    const inFlight = get(port, "/stuck");
    await inHandler;
    await graceful.shutdown();
    // Had shutdown waited for the handler instead, the request would have succeeded.
    await expect(inFlight).rejects.toThrow(/socket hang up|ECONNRESET/);
  });
});
