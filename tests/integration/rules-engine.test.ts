import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ruleToGraph, type Rule } from "@/rules";
import type { DatabaseHandle } from "@/db/client";
import { folders, jobRuns, jobSteps, orderHistory, orders, ruleRuns } from "@/db/schema";
import { jobEventOf } from "@/server/events/engine";
import { OutboxDispatcher } from "@/server/events/dispatcher";
import { EmbeddedEngine } from "@/server/inngest/embedded-engine";
import { createJobDefinitions } from "@/server/inngest/functions";
import { ingestOrder } from "@/server/orders/ingest";
import { orderInput } from "@/server/orders/schemas";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { newUser } from "../helpers/actors";
import { createTestDatabase } from "../helpers/database";

let handle: DatabaseHandle;
let owner: Awaited<ReturnType<typeof newUser>>;
let storeA: number;
let storeB: number;
let preparedA: number;
let engine: EmbeddedEngine;
let dispatcher: OutboxDispatcher;

beforeAll(async () => {
  handle = await createTestDatabase();
  owner = await newUser(handle.db, "rules-owner");
  storeA = (await owner.caller.store.create({ name: "Rules A" })).id;
  storeB = (await owner.caller.store.create({ name: "Rules B" })).id;
  preparedA = (await handle.db.select().from(folders).where(and(eq(folders.storeId, storeA), eq(folders.name, "Prepared"))))[0]!.id;
  engine = new EmbeddedEngine(handle.db, createJobDefinitions({ db: async () => handle.db }));
  dispatcher = new OutboxDispatcher(handle.db, (row) => engine.enqueue(jobEventOf(row), row.storeId));
});
afterAll(() => handle?.close());

/** Until nothing is left to deliver or run (effects enqueue events that run more rules). */
async function settle() {
  for (let i = 0; i < 20; i++) {
    const delivered = await dispatcher.drain();
    const executed = await engine.drain();
    if (delivered === 0 && executed === 0) return;
  }
  throw new Error("the engine did not settle");
}

const scopeA = (): StoreScope => ({ db: handle.db, storeId: storeA, actor: { kind: "system", name: "test", permissions: ALL_PERMISSIONS } });

async function saveRule(storeId: number, rule: Omit<Rule, "version" | "id">) {
  const graph = ruleToGraph({ version: 1, id: "draft", ...rule } as Rule);
  const saved = await owner.caller.rule.save({ storeId, name: rule.name, graph });
  await owner.caller.rule.setEnabled({ storeId, ruleId: saved.id, enabled: true });
  return saved.id;
}

describe("rules in the embedded engine", () => {
  let webhook: Server;
  let webhookHits: { status: number; body: string; hash: string | undefined }[] = [];
  let failNext = 1;

  beforeAll(async () => {
    webhook = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const status = failNext-- > 0 ? 500 : 200;
        webhookHits.push({ status, body, hash: req.headers["x-order-desk-hash"] as string | undefined });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => webhook.listen(0, "127.0.0.1", r));
  });
  afterAll(() => new Promise((r) => webhook.close(r)));

  it("moves, splits by vendor and copies one part to another store, each intent applied once", async () => {
    await saveRule(storeA, {
      name: "US orders: prepare and split by vendor",
      trigger: { kind: "order.created", nodeId: "t" },
      scope: { kind: "order" },
      body: [
        {
          kind: "if",
          nodeId: "c",
          condition: { field: "shipping.country", op: "equals", value: "us" },
          then: [
            { kind: "action", nodeId: "a1", action: { kind: "move_to_folder", input: { folderId: preparedA } } },
            { kind: "action", nodeId: "a2", action: { kind: "split_order", input: { key: "category_code" } } },
          ],
          else: [],
        },
      ],
    });
    await saveRule(storeA, {
      name: "Yarrow parts go to store B",
      trigger: { kind: "order.split", nodeId: "t" },
      scope: { kind: "order" },
      body: [
        {
          kind: "if",
          nodeId: "c",
          condition: { anyItem: { field: "item.category_code", op: "equals", value: "Yarrow" } },
          then: [{ kind: "action", nodeId: "copy", action: { kind: "copy_to_store", input: { storeId: storeB } } }],
          else: [],
        },
      ],
    });

    const { orderId } = await ingestOrder(
      scopeA(),
      orderInput.parse({
        source_id: "rule-1",
        shipping: { country: "US" },
        order_items: [
          { name: "Alpha", code: "A", price: "10", category_code: "Acme" },
          { name: "Beta", code: "B", price: "20", category_code: "Yarrow" },
        ],
      }),
      { via: "test" },
    );
    await settle();

    const [original] = await handle.db.select().from(orders).where(eq(orders.id, orderId));
    expect(original!.folderId).toBe(preparedA);
    const parts = await handle.db.select().from(orders).where(eq(orders.parentOrderId, orderId));
    expect(parts).toHaveLength(1);
    const copies = await handle.db.select().from(orders).where(eq(orders.copiedFromOrderId, parts[0]!.id));
    expect(copies.map((c) => c.storeId)).toEqual([storeB]);

    const history = await handle.db.select().from(orderHistory).where(eq(orderHistory.orderId, orderId));
    expect(history.filter((h) => h.actorType === "rule").map((h) => h.actorLabel)).toContain('Rule "US orders: prepare and split by vendor"');
    const runs = await handle.db.select().from(ruleRuns).where(and(eq(ruleRuns.storeId, storeA), eq(ruleRuns.orderId, orderId)));
    const created = runs.find((r) => r.eventName === "order/created")!;
    expect(created.status).toBe("completed");
    expect(Object.values(created.results).map((r) => (r as { status: string }).status)).toEqual(["applied", "applied"]);
    expect(created.trace.length).toBeGreaterThan(0);

    // Replaying the very same event changes nothing: every effect is keyed and recorded.
    const [job] = await handle.db
      .update(jobRuns)
      .set({ status: "queued", runAt: new Date(0) })
      .where(and(eq(jobRuns.functionId, "evaluate-rules"), eq(jobRuns.eventId, created.eventId)))
      .returning();
    await handle.db.delete(jobSteps).where(eq(jobSteps.runId, job!.id));
    await settle();
    expect(await handle.db.select().from(orders).where(eq(orders.parentOrderId, orderId))).toHaveLength(1);
    const rerun = (await handle.db.select().from(ruleRuns).where(eq(ruleRuns.id, created.id)))[0]!;
    expect(Object.values(rerun.results).map((r) => (r as { status: string }).status)).toEqual(["already_applied", "already_applied"]);
  });

  it("retries a failing webhook without repeating the actions before it", async () => {
    const port = (webhook.address() as AddressInfo).port;
    await saveRule(storeA, {
      name: "Tag and notify",
      trigger: { kind: "shipment.created", nodeId: "t" },
      scope: { kind: "order" },
      body: [
        { kind: "action", nodeId: "tag", action: { kind: "add_tag", input: { tag: "notified" } } },
        { kind: "action", nodeId: "hook", action: { kind: "post_webhook", input: { url: `http://127.0.0.1:${port}/orders` } } },
      ],
    });
    const { orderId } = await ingestOrder(scopeA(), orderInput.parse({ source_id: "rule-2", shipping: { country: "CA" } }), { via: "test" });
    await settle();
    await owner.caller.order.addShipment({ storeId: storeA, orderId, shipment: { tracking_number: "1Z1" } as never });
    await settle();
    expect(webhookHits.map((h) => h.status)).toEqual([500]);
    // Due after the backoff: make it due now and run again.
    await handle.db.update(jobRuns).set({ runAt: new Date(0) }).where(eq(jobRuns.status, "queued"));
    await settle();
    expect(webhookHits.map((h) => h.status)).toEqual([500, 200]);
    expect(webhookHits[1]!.body).toMatch(/^order=/);
    // Verifiable by the receiver with the store's secret (Settings shows it).
    const { secret } = await owner.caller.apiKey.webhookSecret({ storeId: storeA });
    const json = new URLSearchParams(webhookHits[1]!.body).get("order")!;
    expect(JSON.parse(json).id).toBe(String(orderId));
    expect(webhookHits[1]!.hash).toBe(createHmac("sha256", secret).update(json).digest("hex"));

    const [order] = await handle.db.select().from(orders).where(eq(orders.id, orderId));
    expect(order!.tags).toEqual(["notified"]);
    const tagHistory = (await handle.db.select().from(orderHistory).where(eq(orderHistory.orderId, orderId))).filter((h) => h.message === "Tags changed");
    expect(tagHistory).toHaveLength(1);
    const run = (await handle.db.select().from(ruleRuns).where(and(eq(ruleRuns.orderId, orderId), eq(ruleRuns.eventName, "shipment/created"))))[0]!;
    expect(run.results).toMatchObject({ "0": { status: "applied", attempts: 1 }, "1": { status: "applied", attempts: 2 } });
    webhookHits = [];
  });

  it("stops a rule that keeps re-triggering itself and reports the loop", async () => {
    await saveRule(storeA, {
      name: "Ping-pong",
      trigger: { kind: "order.updated", nodeId: "t" },
      scope: { kind: "order" },
      body: [{ kind: "action", nodeId: "n", action: { kind: "set_metadata", input: { key: "bounces", value: "++" } } }],
    });
    const { orderId } = await ingestOrder(scopeA(), orderInput.parse({ source_id: "rule-3" }), { via: "test" });
    await settle();
    await owner.caller.order.update({ storeId: storeA, orderId, patch: { email: "loop@example.test" } });
    await settle();
    const runs = await handle.db.select().from(ruleRuns).where(eq(ruleRuns.orderId, orderId));
    expect(runs.some((r) => r.status === "loop_stopped")).toBe(true);
    const [order] = await handle.db.select().from(orders).where(eq(orders.id, orderId));
    expect(Number(order!.orderMetadata.bounces)).toBeLessThanOrEqual(6);
  });

  it("runs a \"Run by hand\" rule on the orders a person selected", async () => {
    const ruleId = await saveRule(storeA, {
      name: "Mark for review",
      trigger: { kind: "manual", nodeId: "t" },
      scope: { kind: "order" },
      body: [{ kind: "action", nodeId: "n", action: { kind: "add_note", input: { content: "Checked by hand" } } }],
    });
    expect((await owner.caller.rule.manualRules({ storeId: storeA })).map((r) => r.id)).toContain(ruleId);
    const { orderId } = await ingestOrder(scopeA(), orderInput.parse({ source_id: "rule-4" }), { via: "test" });
    await settle();
    await owner.caller.rule.runOnOrders({ storeId: storeA, ruleIds: [ruleId], orderIds: [orderId] });
    await settle();
    const history = await handle.db.select().from(orderHistory).where(eq(orderHistory.orderId, orderId));
    expect(history.some((h) => h.actorType === "rule" && h.message.includes("Note"))).toBe(true);
    await expect(owner.caller.rule.runOnOrders({ storeId: storeA, ruleIds: [ruleId + 100_000], orderIds: [orderId] })).rejects.toThrow(/Run by hand/);
  });
});
