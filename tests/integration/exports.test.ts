import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ruleToGraph } from "@/rules";
import type { DatabaseHandle } from "@/db/client";
import { exportTemplates, folders, orderExports, orderHistory, orders } from "@/db/schema";
import { jobEventOf } from "@/server/events/engine";
import { OutboxDispatcher } from "@/server/events/dispatcher";
import { enqueueEvent } from "@/server/events/outbox";
import { isSealedSecret } from "@/server/secrets/secret-box";
import { EmbeddedEngine } from "@/server/inngest/embedded-engine";
import { createJobDefinitions } from "@/server/inngest/functions";
import { ingestOrders } from "@/server/orders/ingest";
import { addShipment } from "@/server/orders/service";
import { orderInput } from "@/server/orders/schemas";
import { dueScheduledExports } from "@/server/exports/schedule";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { newUser } from "../helpers/actors";
import { createTestDatabase } from "../helpers/database";
import { startFtpServer } from "../helpers/ftp-server";
import { startMailServer } from "../helpers/mail-server";
import { startSftpServer } from "../helpers/sftp-server";

let handle: DatabaseHandle;
let owner: Awaited<ReturnType<typeof newUser>>;
let storeId: number;
let newFolder: number;
let submitted: number;
let engine: EmbeddedEngine;
let dispatcher: OutboxDispatcher;
let clock = Date.now();
let ftp: Awaited<ReturnType<typeof startFtpServer>>;
let mail: Awaited<ReturnType<typeof startMailServer>>;
const savedSmtp = process.env.SMTP_URL;

beforeAll(async () => {
  handle = await createTestDatabase();
  owner = await newUser(handle.db, "exporter");
  storeId = (await owner.caller.store.create({ name: "Export store" })).id;
  const storeFolders = await handle.db.select().from(folders).where(eq(folders.storeId, storeId));
  newFolder = storeFolders.find((f) => f.name === "New")!.id;
  submitted = storeFolders.find((f) => f.name === "Prepared")!.id;
  engine = new EmbeddedEngine(handle.db, createJobDefinitions({ db: async () => handle.db }), { now: () => new Date(clock) });
  dispatcher = new OutboxDispatcher(handle.db, (row) => engine.enqueue(jobEventOf(row), row.storeId));
  ftp = await startFtpServer();
  mail = await startMailServer();
});
afterAll(async () => {
  await ftp?.stop();
  await mail?.stop();
  if (ftp) rmSync(ftp.root, { recursive: true, force: true });
  await handle?.close();
});

const scope = (): StoreScope => ({ db: handle.db, storeId, actor: { kind: "system", name: "test", permissions: ALL_PERMISSIONS } });

/** Delivers events and runs jobs until nothing is due (backoff waits are skipped by moving the clock). */
async function settle(advanceMs = 0) {
  clock += advanceMs;
  for (let i = 0; i < 20; i++) {
    const delivered = await dispatcher.drain();
    const executed = await engine.drain();
    if (delivered === 0 && executed === 0) return;
  }
  throw new Error("the engine did not settle");
}

async function newOrders(tag: string, count: number) {
  const inputs = Array.from({ length: count }, (_, i) =>
    orderInput.parse({
      source_id: `${tag}-${i}`,
      email: `buyer-${tag}-${i}@example.com`,
      shipping: { first_name: "Ada", last_name: "Lovelace", city: "Zürich" },
      order_items: [{ name: "Poster", code: `SKU-${tag}-${i}`, price: "12.50", quantity: 2 }],
    }),
  );
  return (await ingestOrders(scope(), inputs, { via: "test" })).map((r) => r.orderId);
}

const itemsCsv = `order_id,sku,qty\n{% for order in orders %}{% for item in order.order_items %}{{ order.id }},{{ item.code | csv_escape }},{{ item.quantity }}\n{% endfor %}{% endfor %}`;
const expectedCsv = (ids: number[], tag: string) => `order_id,sku,qty\n${ids.map((id, i) => `${id},SKU-${tag}-${i},2\n`).join("")}`;

describe("export templates", () => {
  it("stores FTP passwords sealed, never returns them, and keeps them when the form leaves the field empty", async () => {
    const created = await owner.caller.export.create({
      storeId,
      name: "Sealed",
      format: "csv",
      mode: "batch",
      body: itemsCsv,
      filenamePattern: "orders.csv",
      destination: { kind: "ftp", host: "127.0.0.1", port: ftp.port, username: ftp.username, password: "s3cret-pass", secure: "none", directory: "/in" } as never,
    });
    expect(JSON.stringify(created)).not.toContain("s3cret-pass");
    expect(created.storedSecrets.password).toBe(true);
    const [row] = await handle.db.select().from(exportTemplates).where(eq(exportTemplates.id, created.id));
    expect(isSealedSecret(String(row!.destination.password))).toBe(true);
    await owner.caller.export.update({ ...created, storeId, templateId: created.id, destination: { ...created.destination, password: "" } as never });
    const [after] = await handle.db.select().from(exportTemplates).where(eq(exportTemplates.id, created.id));
    expect(after!.destination.password).toBe(row!.destination.password);
    await owner.caller.export.delete({ storeId, templateId: created.id });
  });

  it("refuses a template with a Liquid syntax error, naming the line, and saves nothing", async () => {
    await expect(
      owner.caller.export.create({
        storeId,
        name: "Broken",
        format: "text",
        mode: "batch",
        body: "line one\n{% for order in orders %}\n{{ order.id }}",
        filenamePattern: "x.txt",
        destination: { kind: "download" },
      }),
    ).rejects.toThrow(/line/i);
    expect(await handle.db.select().from(exportTemplates).where(eq(exportTemplates.name, "Broken"))).toHaveLength(0);
  });
});

describe("exports over FTP", () => {
  let templateId: number;
  beforeAll(async () => {
    templateId = (
      await owner.caller.export.create({
        storeId,
        name: "Items to FTP",
        format: "csv",
        mode: "batch",
        body: itemsCsv,
        filenamePattern: "orders-{{ orders.first.id }}.csv",
        destination: { kind: "ftp", host: "127.0.0.1", port: ftp.port, username: ftp.username, password: ftp.password, secure: "none", directory: "/incoming" } as never,
        sourceFolderId: newFolder,
        moveToFolderId: submitted,
      })
    ).id;
  });

  it("delivers the folder's orders byte for byte, marks them exported, moves them, and never sends them twice", async () => {
    const ids = await newOrders("ftp", 3);
    const started = await owner.caller.export.start({ storeId, templateId });
    expect(started.orders).toBe(3);
    await settle();
    const file = join(ftp.root, "incoming", `orders-${ids[0]}.csv`);
    expect(readFileSync(file, "utf8")).toBe(expectedCsv(ids, "ftp"));
    const run = await owner.caller.export.runById({ storeId, runId: started.runId! });
    expect(run.status).toBe("delivered");
    const moved = await handle.db.select({ folderId: orders.folderId }).from(orders).where(sql`${orders.id} in ${ids}`);
    expect(moved.every((o) => o.folderId === submitted)).toBe(true);
    const marks = await handle.db.select().from(orderExports).where(eq(orderExports.templateId, templateId));
    expect(marks.map((m) => m.state)).toEqual(["exported", "exported", "exported"]);

    // Asked again for the same orders: nothing is sent unless asked to send again.
    const again = await owner.caller.export.start({ storeId, templateId, orderIds: ids });
    expect(again).toMatchObject({ runId: null, skipped: 3 });
    const resend = await owner.caller.export.start({ storeId, templateId, orderIds: ids, includeExported: true });
    expect(resend.orders).toBe(3);
    await settle();
    expect((await owner.caller.export.runById({ storeId, runId: resend.runId! })).status).toBe("delivered");
  });

  it("with the server down marks nothing, retries with backoff, and delivers once when it is back", async () => {
    const ids = await newOrders("down", 2);
    await ftp.stop();
    const started = await owner.caller.export.start({ storeId, templateId, orderIds: ids });
    await settle();
    let run = await owner.caller.export.runById({ storeId, runId: started.runId! });
    expect(run.status).toBe("retrying");
    expect(run.error).toMatch(/connect|refused/i);
    const claimed = await handle.db.select().from(orderExports).where(and(eq(orderExports.templateId, templateId), eq(orderExports.runId, started.runId!)));
    expect(claimed.map((c) => c.state)).toEqual(["claimed", "claimed"]);
    const history = await handle.db.select().from(orderHistory).where(and(eq(orderHistory.orderId, ids[0]!), sql`${orderHistory.message} like 'Exported%'`));
    expect(history).toHaveLength(0);

    await settle(5_000); // second attempt, still down
    expect((await owner.caller.export.runById({ storeId, runId: started.runId! })).attempts).toBeGreaterThanOrEqual(2);
    await ftp.start();
    await settle(60_000);
    run = await owner.caller.export.runById({ storeId, runId: started.runId! });
    expect(run.status).toBe("delivered");
    const file = join(ftp.root, "incoming", `orders-${ids[0]}.csv`);
    expect(readFileSync(file, "utf8")).toBe(expectedCsv(ids, "down"));
    const exported = await handle.db.select().from(orderHistory).where(and(sql`${orderHistory.orderId} in ${ids}`, sql`${orderHistory.message} like 'Exported%'`));
    expect(exported).toHaveLength(2);
    expect(readdirSync(join(ftp.root, "incoming")).filter((f) => !f.endsWith(".csv"))).toEqual([]);
  });

  it("a wrong password fails the run at once, releases its orders and shows the error; retry sends them", async () => {
    const ids = await newOrders("auth", 1);
    const bad = await owner.caller.export.create({
      storeId,
      name: "Wrong password",
      format: "csv",
      mode: "batch",
      body: itemsCsv,
      filenamePattern: "auth.csv",
      destination: { kind: "ftp", host: "127.0.0.1", port: ftp.port, username: ftp.username, password: "wrong", secure: "none", directory: "/auth" } as never,
    });
    const started = await owner.caller.export.start({ storeId, templateId: bad.id, orderIds: ids });
    await settle();
    const run = await owner.caller.export.runById({ storeId, runId: started.runId! });
    expect(run.status).toBe("failed");
    expect(run.error).toBeTruthy();
    expect(await handle.db.select().from(orderExports).where(eq(orderExports.templateId, bad.id))).toHaveLength(0);
    expect(existsSync(join(ftp.root, "auth", "auth.csv"))).toBe(false);

    await owner.caller.export.update({ ...bad, storeId, templateId: bad.id, destination: { ...bad.destination, password: ftp.password } as never });
    const retried = await owner.caller.export.retry({ storeId, runId: started.runId! });
    await settle();
    expect((await owner.caller.export.runById({ storeId, runId: retried.runId! })).status).toBe("delivered");
    expect(readFileSync(join(ftp.root, "auth", "auth.csv"), "utf8")).toBe(expectedCsv(ids, "auth"));
  });

  it("a template that never ends is stopped, the run fails at once with the reason, and nothing is sent or marked", async () => {
    const ids = await newOrders("loop", 1);
    const endless = await owner.caller.export.create({
      storeId,
      name: "Endless",
      format: "text",
      mode: "batch",
      body: "{% for a in (1..100000) %}{% for b in (1..100000) %}{{ a }}{% endfor %}{% endfor %}",
      filenamePattern: "endless.txt",
      destination: { kind: "ftp", host: "127.0.0.1", port: ftp.port, username: ftp.username, password: ftp.password, secure: "none", directory: "/endless" } as never,
    });
    const started = await owner.caller.export.start({ storeId, templateId: endless.id, orderIds: ids });
    await settle();
    const run = await owner.caller.export.runById({ storeId, runId: started.runId! });
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/stopped|memory|longer/i);
    expect(await handle.db.select().from(orderExports).where(eq(orderExports.templateId, endless.id))).toHaveLength(0);
    expect(existsSync(join(ftp.root, "endless"))).toBe(false);
  }, 60_000);

  it("refuses a destination on a private network at once, without retrying", async () => {
    const ids = await newOrders("private", 1);
    const internal = await owner.caller.export.create({
      storeId,
      name: "Intranet",
      format: "text",
      mode: "batch",
      body: "x",
      filenamePattern: "x.txt",
      destination: { kind: "sftp", host: "10.1.2.3", username: "u", password: "p", directory: "" } as never,
    });
    const started = await owner.caller.export.start({ storeId, templateId: internal.id, orderIds: ids });
    await settle();
    const run = await owner.caller.export.runById({ storeId, runId: started.runId! });
    expect(run).toMatchObject({ status: "failed", attempts: 0 });
    expect(run.error).toMatch(/10\.1\.2\.3 is a private or loopback address/);
  });

  it("'Send test' uploads a TEST- file of the newest order and marks nothing", async () => {
    const before = await handle.db.select({ n: sql<number>`count(*)::int` }).from(orderExports).where(eq(orderExports.templateId, templateId));
    const sent = await owner.caller.export.sendTest({ storeId, templateId });
    expect(sent.fileName).toMatch(/^TEST-orders-\d+\.csv$/);
    expect(readFileSync(join(ftp.root, "incoming", sent.fileName), "utf8")).toMatch(/^order_id,sku,qty\n\d+,SKU-/);
    const after = await handle.db.select({ n: sql<number>`count(*)::int` }).from(orderExports).where(eq(orderExports.templateId, templateId));
    expect(after).toEqual(before);
  });

  it("finds scheduled templates whose cron slot fell in the last minute", async () => {
    await handle.db.update(exportTemplates).set({ schedule: "0 9 * * *" }).where(eq(exportTemplates.id, templateId));
    const nine = new Date("2026-11-27T09:00:00Z");
    const due = await dueScheduledExports(handle.db, new Date(nine.getTime() - 60_000), nine);
    expect(due.map((d) => d.id)).toContain(templateId);
    const later = await dueScheduledExports(handle.db, nine, new Date(nine.getTime() + 60_000));
    expect(later.map((d) => d.id)).not.toContain(templateId);
  });
});

describe("exports over SFTP", () => {
  it("uploads the packing slips, one file per order, byte for byte", async () => {
    const sftp = await startSftpServer();
    try {
      const ids = await newOrders("sftp", 2);
      const template = await owner.caller.export.create({
        storeId,
        name: "Slips to SFTP",
        format: "text",
        mode: "per_order",
        body: "Packing slip {{ order.id }}\n{% for item in order.order_items %}{{ item.quantity }} x {{ item.code }} ({{ item.price | money }})\n{% endfor %}",
        filenamePattern: "slip-{{ order.id }}.txt",
        destination: { kind: "sftp", host: "127.0.0.1", port: sftp.port, username: sftp.username, password: sftp.password, directory: "/outbox/slips" } as never,
      });
      const started = await owner.caller.export.start({ storeId, templateId: template.id, orderIds: ids });
      await settle();
      expect((await owner.caller.export.runById({ storeId, runId: started.runId! })).status).toBe("delivered");
      for (const [i, id] of ids.entries()) {
        expect(readFileSync(join(sftp.root, "outbox", "slips", `slip-${id}.txt`), "utf8")).toBe(`Packing slip ${id}\n2 x SKU-sftp-${i} (12.50)\n`);
      }
    } finally {
      await sftp.stop();
      rmSync(sftp.root, { recursive: true, force: true });
    }
  });
});

describe("exports and notifications by email", () => {
  beforeAll(() => {
    process.env.SMTP_URL = mail.url;
  });
  afterAll(() => {
    if (savedSmtp === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = savedSmtp;
  });

  it("sends one email per order with the document attached", async () => {
    const ids = await newOrders("mail", 2);
    const template = await owner.caller.export.create({
      storeId,
      name: "Per order XML",
      format: "xml",
      mode: "per_order",
      body: "<order><id>{{ order.id }}</id><city>{{ order.shipping.city | xml_escape }}</city></order>",
      filenamePattern: "order-{{ order.id }}.xml",
      destination: { kind: "email", to: ["warehouse@example.com"], subject: "Order {{ orders.first.id }}", attach: true } as never,
    });
    const before = mail.messages.length;
    await owner.caller.export.start({ storeId, templateId: template.id, orderIds: ids });
    await settle();
    const received = (await mail.waitForMessages(before + 2)).slice(before);
    expect(received.map((m) => m.attachments[0]!.filename).sort()).toEqual(ids.map((id) => `order-${id}.xml`).sort());
    const first = received.find((m) => m.attachments[0]!.filename === `order-${ids[0]}.xml`)!;
    expect(first.attachments[0]!.content.toString("utf8")).toBe(`<order><id>${ids[0]}</id><city>Zürich</city></order>`);
    expect(first.to && "text" in first.to ? first.to.text : "").toContain("warehouse@example.com");
  });

  it("an email template's 'Send test' renders it over an order and marks the subject as a test", async () => {
    const [orderId] = await newOrders("mailtest", 1);
    const template = await owner.caller.emailTemplate.create({ storeId, name: "Receipt", subject: "Receipt for {{ order.id }}", html: "<p>{{ order.email }}</p>", text: "", notifyOnShipment: false });
    const before = mail.messages.length;
    await owner.caller.emailTemplate.sendTest({ storeId, templateId: template.id, to: "me@example.com", orderId });
    const [message] = (await mail.waitForMessages(before + 1)).slice(before);
    expect(message!.subject).toBe(`[Test] Receipt for ${orderId}`);
    expect(message!.html).toContain("buyer-mailtest-0@example.com");
  });

  it("a rule's email request is rendered and sent to the customer; a shipment sends the notification with its tracking link", async () => {
    const [orderId] = await newOrders("notify", 1);
    const before = mail.messages.length;
    await enqueueEvent(handle.db, storeId, "email/requested", { orderId, to: "customer", subject: "Order {{ order.id }} received", body: "Hello {{ order.shipping.first_name }}" });
    await settle();
    const [ruleMail] = (await mail.waitForMessages(before + 1)).slice(before);
    expect(ruleMail!.subject).toBe(`Order ${orderId} received`);
    expect(ruleMail!.text?.trim()).toBe("Hello Ada");

    await owner.caller.emailTemplate.create({
      storeId,
      name: "Shipped",
      subject: "Your order {{ order.id }} has shipped",
      html: '<p>Track it: <a href="{{ shipment.tracking_url }}">{{ shipment.tracking_number }}</a></p>',
      text: "Track it: {{ shipment.tracking_url }}",
      notifyOnShipment: true,
    });
    await addShipment(scope(), orderId!, { tracking_number: "1Z999AA10123456784", carrier_code: "UPS" } as never);
    await settle();
    const [notice] = (await mail.waitForMessages(before + 2)).slice(before + 1);
    expect(notice!.subject).toBe(`Your order ${orderId} has shipped`);
    expect(notice!.to && "text" in notice!.to ? notice!.to.text : "").toContain(`buyer-notify-0@example.com`);
    expect(notice!.html).toContain("https://www.ups.com/track?tracknum=1Z999AA10123456784");
  });
});

// Last: its order stays in the New folder, which the FTP template's runs take from.
describe("download templates", () => {
  it("are run by Download only: not queued, not scheduled, not used by a rule", async () => {
    const [folder] = await owner.caller.folder.list({ storeId });
    const fields = { storeId, format: "text", mode: "batch", body: "{{ orders.size }}", filenamePattern: "n.txt", destination: { kind: "download" } } as const;
    await expect(owner.caller.export.create({ ...fields, name: "Scheduled download", sourceFolderId: folder!.id, schedule: "0 9 * * *" })).rejects.toThrow(/needs somewhere to deliver/);
    const download = await owner.caller.export.create({ ...fields, name: "Browser file" });
    const [orderId] = await newOrders("dl", 1);
    await expect(owner.caller.export.start({ storeId, templateId: download.id, orderIds: [orderId!] })).rejects.toThrow(/use Download/);
    const file = await owner.caller.export.download({ storeId, templateId: download.id, orderIds: [orderId!] });
    expect(file).toMatchObject({ fileName: "n.txt", content: "1", orders: 1 });
    const graph = ruleToGraph({
      version: 1,
      id: "draft",
      name: "Export on arrival",
      trigger: { kind: "order.created", nodeId: "t" },
      scope: { kind: "order" },
      body: [{ kind: "action", nodeId: "export", action: { kind: "export_orders", input: { templateId: download.id } } }],
    });
    await expect(owner.caller.rule.save({ storeId, name: "Export on arrival", graph })).rejects.toThrow(/downloads in the browser/);
  });
});
