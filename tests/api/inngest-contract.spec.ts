import { createHash, createHmac, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { ruleToGraph, type Rule } from "@/rules";
import { startServer } from "./spawn-server";
import { newStoreWithKey, trpc, trpcQuery, type StoreSession } from "./v2-client";

/**
 * The Inngest path, driven the way Inngest drives it: a second Switchyard server runs in Inngest
 * mode against a stand-in for the Inngest API on 127.0.0.1. The outbox sends the event there;
 * the test then plays the executor, calling POST /api/inngest with signed requests, feeding each
 * step's output back, until the function run completes. (The real Inngest binary cannot be
 * installed on this machine.)
 */
const PORT = 3260;
const base = `http://127.0.0.1:${PORT}`;
const SIGNING_KEY = `signkey-test-${randomBytes(32).toString("hex")}`;

interface SentEvent {
  id?: string;
  name: string;
  data: Record<string, unknown>;
  ts?: number;
}

let server: Awaited<ReturnType<typeof startServer>>;
let fakeInngest: Server;
const received: SentEvent[] = [];

/** RFC 8785-style canonical JSON (sorted keys), what the SDK signs. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

function signed(body: unknown) {
  const ts = String(Math.floor(Date.now() / 1000));
  const text = canonical(body);
  const key = SIGNING_KEY.replace(/^signkey-\w+-/, "");
  const s = createHmac("sha256", key).update(text + ts).digest("hex");
  return { text, signature: `t=${ts}&s=${s}` };
}

test.beforeAll(async () => {
  fakeInngest = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (req.method === "POST" && req.url?.startsWith("/e/")) {
        const events = ([] as SentEvent[]).concat(JSON.parse(body));
        received.push(...events);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: events.map((e) => e.id ?? "x"), status: 200 }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((r) => fakeInngest.listen(0, "127.0.0.1", r));
  const inngestUrl = `http://127.0.0.1:${(fakeInngest.address() as AddressInfo).port}`;
  server = await startServer({
    port: PORT,
    dataDir: ".data/e2e-inngest",
    env: { INNGEST_BASE_URL: inngestUrl, INNGEST_EVENT_KEY: "contract-test-key", INNGEST_SIGNING_KEY: SIGNING_KEY },
  });
});

test.afterAll(async () => {
  await server?.stop();
  await new Promise((r) => fakeInngest?.close(r));
});

/** Plays Inngest's executor for one run: call, run the returned step, feed its result back, repeat. */
async function execute(fnSlug: string, event: SentEvent) {
  const steps: Record<string, unknown> = {};
  const stack: string[] = [];
  const runId = `run-${randomBytes(6).toString("hex")}`;
  const ops: string[] = [];
  for (let call = 0; call < 30; call++) {
    const payload = { event, events: [event], steps, ctx: { run_id: runId, attempt: 0, disable_immediate_execution: false, use_api: false, stack: { stack, current: stack.length } }, version: 2 };
    const { text, signature } = signed(payload);
    const res = await fetch(`${base}/api/inngest?fnId=${encodeURIComponent(fnSlug)}&stepId=step`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-inngest-signature": signature, "x-inngest-server-kind": "cloud" },
      body: text,
    });
    const body = await res.json();
    if (res.status === 200) return { result: body, ops, steps };
    expect(res.status, JSON.stringify(body)).toBe(206);
    for (const op of body as { op: string; id: string; name: string; data?: unknown }[]) {
      ops.push(`${op.op}:${op.name}`);
      steps[op.id] = { data: op.data ?? null };
      stack.push(op.id);
    }
  }
  throw new Error("the run did not complete in 30 calls");
}

test.describe("Inngest mode", () => {
  let store: StoreSession;

  test.afterAll(async () => store?.dispose());

  test("refuses unsigned calls to /api/inngest", async () => {
    const res = await fetch(`${base}/api/inngest?fnId=switchyard-evaluate-rules&stepId=step`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(401);
  });

  test("an order event goes to Inngest, and driving /api/inngest runs the rule step by step to completion", async ({ playwright }) => {
    store = await newStoreWithKey(playwright, base, "inngest");
    const folders = await trpcQuery(store.owner, "folder.list", { storeId: store.storeId });
    const prepared = folders.find((f: { name: string }) => f.name === "Prepared");
    const rule: Rule = {
      version: 1,
      id: "draft",
      name: "Tag and prepare",
      trigger: { kind: "order.created", nodeId: "t" },
      scope: { kind: "order" },
      body: [
        { kind: "action", nodeId: "tag", action: { kind: "add_tag", input: { tag: "seen-by-inngest" } } },
        { kind: "action", nodeId: "move", action: { kind: "move_to_folder", input: { folderId: prepared.id } } },
      ],
    };
    const saved = await trpc(store.owner, "rule.save", { storeId: store.storeId, name: rule.name, graph: ruleToGraph(rule) });
    await trpc(store.owner, "rule.setEnabled", { storeId: store.storeId, ruleId: saved.id, enabled: true });

    const created = await store.api.post("orders", { data: { source_id: "inngest-1", email: "i@example.test" } });
    expect(created.status()).toBe(201);
    const orderId = Number((await created.json()).order.id);

    await expect.poll(() => received.find((e) => e.name === "order/created" && Number(e.data.orderId) === orderId), { timeout: 10_000 }).toBeTruthy();
    const event = received.find((e) => e.name === "order/created" && Number(e.data.orderId) === orderId)!;
    expect(event.data.storeId).toBe(store.storeId);

    const { result, ops, steps } = await execute("switchyard-evaluate-rules", { ...event, ts: event.ts ?? Date.now() });
    expect(ops).toEqual([`StepRun:evaluate-${orderId}`, `StepRun:apply-${orderId}-0`, `StepRun:apply-${orderId}-1`, `StepRun:finish-${orderId}`]);
    expect(result).toMatchObject({ orders: 1, applied: 2 });
    // Step ids are Inngest's hashed ids.
    expect(Object.keys(steps)).toContain(createHash("sha1").update(`evaluate-${orderId}`).digest("hex"));

    const order = await (await store.api.get(`orders/${orderId}`)).json();
    expect(order.order.tags).toEqual(["seen-by-inngest"]);
    expect(order.order.folder_id).toBe(prepared.id);

    // Inngest retrying the whole run (e.g. after a lost response) applies nothing twice.
    const again = await execute("switchyard-evaluate-rules", { ...event, ts: event.ts ?? Date.now() });
    expect(again.result).toMatchObject({ applied: 0 });
    const runs = await trpcQuery(store.owner, "rule.runsForOrder", { storeId: store.storeId, orderId });
    expect(runs[0].status).toBe("completed");
  });
});
