import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { newStoreWithKey, trpc, trpcQuery, type StoreSession } from "./v2-client";

/** The upload and report routes over real HTTP: session, store membership, size and type checks. */
let session: StoreSession;
let stranger: StoreSession;

test.beforeAll(async ({ playwright, baseURL }) => {
  session = await newStoreWithKey(playwright, baseURL!, "imports");
  stranger = await newStoreWithKey(playwright, baseURL!, "stranger");
});
test.afterAll(async () => {
  await session?.dispose();
  await stranger?.dispose();
});

const csv = "Order Number,Email,SKU,Qty,Price\nH-1,a@example.com,S1,1,9.99\nH-1,,S2,2,1.50\nH-2,b@example.com,S1,x,9.99\n";
const upload = (who: StoreSession, body: string | Buffer, target = "orders", storeId = session.storeId) =>
  who.owner.post(`/api/stores/${storeId}/imports?target=${target}`, { data: body, headers: { "content-type": "application/octet-stream", "x-file-name": encodeURIComponent("orders é.csv") } });

test("uploads a CSV, imports it in the background and serves the report as CSV", async () => {
  const res = await upload(session, csv);
  expect(res.status()).toBe(201);
  const uploaded = await res.json();
  expect(uploaded.run).toMatchObject({ fileName: "orders é.csv", status: "uploaded", headers: ["Order Number", "Email", "SKU", "Qty", "Price"] });
  expect(uploaded.sample[0]).toEqual(["H-1", "a@example.com", "S1", "1", "9.99"]);

  const mapping = {
    target: "orders",
    orderKeyColumn: "Order Number",
    fields: { source_id: { column: "Order Number" }, email: { column: "Email" }, "item.code": { column: "SKU" }, "item.quantity": { column: "Qty" }, "item.price": { column: "Price" } },
  };
  await trpc(session.owner, "import.start", { storeId: session.storeId, runId: uploaded.run.id, mapping, mode: "valid_rows" });
  let run: { status: string; created: number; failed: number } = { status: "", created: 0, failed: 0 };
  for (let i = 0; i < 100 && run.status !== "done"; i++) {
    run = await trpcQuery(session.owner, "import.run", { storeId: session.storeId, runId: uploaded.run.id });
    if (run.status !== "done") await new Promise((r) => setTimeout(r, 100));
  }
  expect(run).toMatchObject({ status: "done", created: 1, failed: 1 });

  const report = await session.owner.get(`/api/stores/${session.storeId}/imports/${uploaded.run.id}/report`);
  expect(report.status()).toBe(200);
  expect(report.headers()["content-type"]).toContain("text/csv");
  const lines = (await report.text()).trim().split("\r\n");
  expect(lines[0]).toBe("lines,status,reference,order_id,reason");
  expect(lines[1]).toMatch(/^2-3,created,H-1,\d+,$/);
  expect(lines[2]).toMatch(/^4,failed,H-2,,.*Qty/);
});

test("refuses a binary file, an unknown target, a stranger and a request without a session", async ({ playwright, baseURL }) => {
  const pdf = await upload(session, Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(100, 0)]));
  expect(pdf.status()).toBe(400);
  expect((await pdf.json()).error).toMatch(/not a spreadsheet.*PDF/i);
  expect((await upload(session, csv, "customers")).status()).toBe(400);
  const foreign = await upload(stranger, csv);
  expect(foreign.status()).toBe(404);
  expect((await stranger.owner.get(`/api/stores/${session.storeId}/imports/1/report`)).status()).toBe(404);
  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.post(`/api/stores/${session.storeId}/imports?target=orders`, { data: csv })).status()).toBe(401);
  await anonymous.dispose();
});

test("refuses a 200 MB upload from its declared size, before reading it", async ({ baseURL }) => {
  const cookies = (await session.owner.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const url = new URL(`/api/stores/${session.storeId}/imports?target=orders`, baseURL);
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers: { cookie: cookies, "content-length": String(200 * 1024 * 1024), "x-file-name": "huge.csv" } }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    // Only the first bytes are ever sent; the answer must come without the rest.
    req.write("Order Number,Email\n");
  });
  expect(status).toBe(400);
  expect(JSON.parse(body).error).toBe("The file is 200 MB; the largest import is 100 MB. Split it into smaller files.");
});
