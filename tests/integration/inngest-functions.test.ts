import { mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ruleToGraph } from "@/rules";
import type { DatabaseHandle } from "@/db/client";
import { orderExports, orders } from "@/db/schema";
import { startExport } from "@/server/exports/runs";
import { saveImportTemplate } from "@/server/imports/templates";
import { createJobDefinitions } from "@/server/inngest/functions";
import { toInngestFunctions } from "@/server/inngest/register";
import { ingestOrder } from "@/server/orders/ingest";
import { orderInput } from "@/server/orders/schemas";
import { ALL_PERMISSIONS } from "@/server/permissions";
import { newUser } from "../helpers/actors";
import { createTestDatabase } from "../helpers/database";
import { startSftpServer } from "../helpers/sftp-server";

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

  it("run-export renders and delivers each part in its own step, then finishes the run", async () => {
    const scope = { db: handle.db, storeId, actor: { kind: "system" as const, name: "test", permissions: ALL_PERMISSIONS } };
    const ids = await Promise.all(["exp-1", "exp-2"].map(async (source_id) => (await ingestOrder(scope, orderInput.parse({ source_id }), { via: "test" })).orderId));
    const template = await owner.caller.export.create({
      storeId,
      name: "Per order download",
      format: "text",
      mode: "per_order",
      body: "{{ order.id }}",
      filenamePattern: "order-{{ order.id }}.txt",
      destination: { kind: "download" },
    });
    const started = await startExport(scope, { templateId: template.id, orderIds: ids, includeExported: false }, "manual", { queue: false });
    const t = new InngestTestEngine({ function: fn("run-export") as never });
    const { result } = await t.execute({ events: [{ id: `evt-export-${started.runId}`, name: "export/requested", data: { storeId, runId: started.runId }, ts: Date.now() }] as never });
    expect(result).toEqual({ delivered: 2 });
    expect((await owner.caller.export.runById({ storeId, runId: started.runId! })).status).toBe("delivered");
    const marks = await handle.db.select().from(orderExports).where(eq(orderExports.runId, started.runId!));
    expect(marks.map((m) => m.state)).toEqual(["exported", "exported"]);
  });

  it("schedule-exports starts a run for each export template due in its store's timezone", async () => {
    const [folder] = await owner.caller.folder.list({ storeId });
    const scope = { db: handle.db, storeId, actor: { kind: "system" as const, name: "test", permissions: ALL_PERMISSIONS } };
    await ingestOrder(scope, orderInput.parse({ source_id: "scheduled-export", folder_id: folder!.id }), { via: "test" });
    await owner.caller.export.create({
      storeId,
      name: "Nine o'clock file",
      format: "text",
      mode: "batch",
      body: "{% for order in orders %}{{ order.id }}\n{% endfor %}",
      filenamePattern: "orders.txt",
      destination: { kind: "email", to: ["ops@example.com"], subject: "Orders", attach: true },
      sourceFolderId: folder!.id,
      schedule: "0 9 * * *",
    });
    const at = (iso: string) =>
      new InngestTestEngine({ function: fn("schedule-exports") as never }).execute({ events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" }, ts: Date.parse(iso) }] as never });
    expect((await at("2026-11-27T08:00:10Z")).result).toEqual({ due: 1, started: 1 });
    // Its orders are claimed now: the next slot finds nothing left to send.
    expect((await at("2026-11-28T08:00:10Z")).result).toEqual({ due: 1, started: 0 });
    expect((await at("2026-11-27T09:00:10Z")).result).toEqual({ due: 0, started: 0 });
  });

  it("schedule-imports fetches each import template due in its store's timezone, one step per template", async () => {
    const sftp = await startSftpServer();
    try {
      mkdirSync(join(sftp.root, "feed"));
      const path = join(sftp.root, "feed", "morning.csv");
      writeFileSync(path, "Order Number,Email\nSCHED-1,a@example.com\nSCHED-2,b@example.com\n");
      const written = new Date(Date.now() - 120_000);
      utimesSync(path, written, written);
      const scope = { db: handle.db, storeId, actor: { kind: "system" as const, name: "test", permissions: ALL_PERMISSIONS } };
      const saved = await saveImportTemplate(scope, {
        name: "Morning feed",
        mapping: { target: "orders", orderKeyColumn: "Order Number", fields: { source_id: { column: "Order Number" }, email: { column: "Email" } } },
      });
      await owner.caller.import.setSource({
        storeId,
        templateId: saved.id,
        source: { kind: "sftp", host: "127.0.0.1", port: sftp.port, username: sftp.username, password: sftp.password, directory: "/feed", pattern: "*.csv", afterImport: "move" },
        schedule: "0 9 * * *",
        mode: "valid_rows",
      });
      const config = fn("schedule-imports")["getConfig"]({ baseUrl: new URL("http://127.0.0.1/api/inngest"), appPrefix: "switchyard" })[0];
      expect(config.triggers).toEqual([{ cron: "* * * * *" }]);
      const at = (iso: string) =>
        new InngestTestEngine({ function: fn("schedule-imports") as never }).execute({ events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" }, ts: Date.parse(iso) }] as never });
      // 09:00 in Berlin is 08:00 UTC in November.
      expect((await at("2026-11-27T09:00:10Z")).result).toEqual({ due: 0, imported: 0, failed: 0 });
      expect(readdirSync(join(sftp.root, "feed"))).toEqual(["morning.csv"]);
      const due = await at("2026-11-27T08:00:10Z");
      expect(due.result).toEqual({ due: 1, imported: 1, failed: 0 });
      expect(readdirSync(join(sftp.root, "feed", "processed"))).toEqual(["morning.csv"]);
      const created = await handle.db.select({ sourceId: orders.sourceId }).from(orders).where(eq(orders.storeId, storeId));
      expect(created.map((o) => o.sourceId)).toEqual(expect.arrayContaining(["SCHED-1", "SCHED-2"]));
      // The next day's slot finds nothing new.
      expect((await at("2026-11-28T08:00:10Z")).result).toEqual({ due: 1, imported: 0, failed: 0 });
    } finally {
      await sftp.stop();
      rmSync(sftp.root, { recursive: true, force: true });
    }
  });

  it("send-email and notify-shipment write why nothing was sent when the order has no email", async () => {
    const scope = { db: handle.db, storeId, actor: { kind: "system" as const, name: "test", permissions: ALL_PERMISSIONS } };
    const { orderId } = await ingestOrder(scope, orderInput.parse({ source_id: "no-email" }), { via: "test" });
    const email = await new InngestTestEngine({ function: fn("send-email") as never }).execute({
      events: [{ id: "evt-mail", name: "email/requested", data: { storeId, orderId, to: "customer", subject: "Hi", body: "Hello" }, ts: Date.now() }] as never,
    });
    expect(email.result).toEqual({ failed: expect.stringContaining("no customer email") });
    await owner.caller.emailTemplate.create({ storeId, name: "Shipped", subject: "Shipped", text: "{{ shipment.tracking_url }}", html: "", notifyOnShipment: true });
    const shipment = await owner.caller.order.addShipment({ storeId, orderId, shipment: { tracking_number: "1Z" } as never });
    const notice = await new InngestTestEngine({ function: fn("notify-shipment") as never }).execute({
      events: [{ id: "evt-ship", name: "shipment/created", data: { storeId, orderId, shipmentId: shipment.id }, ts: Date.now() }] as never,
    });
    expect(notice.result).toEqual({ skipped: "no customer email" });
  });
});
