import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ruleToGraph } from "@/rules";
import type { DatabaseHandle } from "@/db/client";
import { orders } from "@/db/schema";
import { createJobDefinitions } from "@/server/inngest/functions";
import { toInngestFunctions } from "@/server/inngest/register";
import { ingestOrder } from "@/server/orders/ingest";
import { orderInput } from "@/server/orders/schemas";
import { ALL_PERMISSIONS } from "@/server/permissions";
import { newUser } from "../helpers/actors";
import { createTestDatabase } from "../helpers/database";

/** Every job as the real Inngest function, run by @inngest/test (Inngest's own in-process test engine). */
let handle: DatabaseHandle;
let owner: Awaited<ReturnType<typeof newUser>>;
let storeId: number;
let functions: ReturnType<typeof toInngestFunctions>;
const fn = (id: string) => functions.find((f) => f.id().endsWith(id))!;

beforeAll(async () => {
  handle = await createTestDatabase();
  owner = await newUser(handle.db, "inngest-test");
  storeId = (await owner.caller.store.create({ name: "Inngest functions", timezone: "Europe/Berlin" })).id;
  functions = toInngestFunctions(createJobDefinitions({ db: async () => handle.db }));
});
afterAll(() => handle?.close());

describe("Inngest functions (@inngest/test)", () => {
  it("registers each job with its triggers, retries and a per-store concurrency key", () => {
    expect(functions.map((f) => f.id())).toEqual(expect.arrayContaining([expect.stringMatching(/evaluate-rules$/), expect.stringMatching(/schedule-rules$/)]));
    const config = fn("evaluate-rules")["getConfig"]({ baseUrl: new URL("http://127.0.0.1/api/inngest"), appPrefix: "switchyard" })[0];
    expect(config.triggers).toEqual(expect.arrayContaining([{ event: "order/created" }, { event: "shipment/created" }]));
    expect(config.concurrency).toEqual([{ key: "event.data.storeId", limit: 1 }]);
    expect(fn("schedule-rules")["getConfig"]({ baseUrl: new URL("http://127.0.0.1/api/inngest"), appPrefix: "switchyard" })[0].triggers).toEqual([{ cron: "* * * * *" }]);
  });

  it("evaluate-rules applies a matching rule's actions, one step each", async () => {
    const graph = ruleToGraph({
      version: 1,
      id: "draft",
      name: "Tag big orders",
      trigger: { kind: "order.created", nodeId: "t" },
      scope: { kind: "order" },
      body: [{ kind: "if", nodeId: "c", condition: { field: "order_total", op: "at_least", value: "100" }, then: [{ kind: "action", nodeId: "a", action: { kind: "add_tag", input: { tag: "big" } } }], else: [] }],
    });
    const saved = await owner.caller.rule.save({ storeId, name: "Tag big orders", graph });
    await owner.caller.rule.setEnabled({ storeId, ruleId: saved.id, enabled: true });
    const scope = { db: handle.db, storeId, actor: { kind: "system" as const, name: "test", permissions: ALL_PERMISSIONS } };
    const big = await ingestOrder(scope, orderInput.parse({ order_items: [{ name: "Bike", price: "150", quantity: 1 }] }), { via: "test" });
    const small = await ingestOrder(scope, orderInput.parse({ order_items: [{ name: "Bell", price: "5", quantity: 1 }] }), { via: "test" });

    for (const [order, tags] of [[big, ["big"]], [small, []]] as const) {
      const t = new InngestTestEngine({ function: fn("evaluate-rules") as never });
      const { result } = await t.execute({ events: [{ id: `evt-${order.orderId}`, name: "order/created", data: { storeId, orderId: order.orderId }, ts: Date.now() }] as never });
      expect(result).toMatchObject({ orders: 1, applied: tags.length });
      const [row] = await handle.db.select().from(orders).where(eq(orders.id, order.orderId));
      expect(row!.tags).toEqual(tags);
    }
  });

  it("schedule-rules sends rules/scheduled for each rule due in its store's timezone", async () => {
    const [folder] = await owner.caller.folder.list({ storeId });
    const graph = ruleToGraph({
      version: 1,
      id: "draft",
      name: "Nine o'clock sweep",
      trigger: { kind: "schedule", cron: "0 9 * * *", folderId: folder!.id, nodeId: "t" },
      scope: { kind: "order" },
      body: [{ kind: "action", nodeId: "a", action: { kind: "add_tag", input: { tag: "swept" } } }],
    });
    const saved = await owner.caller.rule.save({ storeId, name: "Nine o'clock sweep", graph });
    await owner.caller.rule.setEnabled({ storeId, ruleId: saved.id, enabled: true });
    // 09:00 in Berlin is 08:00 UTC in November.
    // step.sendEvent goes to Inngest, which @inngest/test does not stand in for: mock that step.
    const sent: unknown[] = [];
    const at = (iso: string) =>
      new InngestTestEngine({ function: fn("schedule-rules") as never }).execute({
        events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" }, ts: Date.parse(iso) }] as never,
        steps: [{ id: "start-rules", handler: () => sent.push("start-rules") }],
      });
    const due = await at("2026-11-27T08:00:10Z");
    expect(due.result).toEqual({ started: 1 });
    expect(sent).toEqual(["start-rules"]);
    expect(await at("2026-11-27T09:00:10Z").then((r) => r.result)).toEqual({ started: 0 });
  });
});
