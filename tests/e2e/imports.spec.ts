import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { createStore, shot, signUp, uniqueEmail } from "./helpers";

// A generic layout (not Shopify): three orders over five rows, one row per line item.
const ORDERS_CSV = [
  "Order Number,Email,Ship To Name,Address,City,Zip,Country,SKU,Qty,Price",
  "W-1001,ada@example.test,Ada Lovelace,12 Analytical Row,London,N1 9GU,gb,POS-A2,2,12.50",
  "W-1001,ada@example.test,Ada Lovelace,12 Analytical Row,London,N1 9GU,gb,MUG-11,1,8.10",
  "W-1002,grace@example.test,Grace Hopper,1 Navy Way,Arlington,22202,us,STK-1,3,1.25",
  "W-1003,alan@example.test,Alan Turing,2 Bletchley Park,Milton Keynes,MK3 6EB,gb,POS-A2,1,12.50",
  "W-1003,alan@example.test,Alan Turing,2 Bletchley Park,Milton Keynes,MK3 6EB,gb,BAG-1,1,20",
  "",
].join("\n");

const file = { name: "wholesale-orders.csv", mimeType: "text/csv", buffer: Buffer.from(ORDERS_CSV, "utf8") };

async function openImports(page: Page, storeId: number) {
  await page.getByRole("navigation", { name: "Store" }).getByRole("link", { name: "Imports" }).click();
  await page.waitForURL(`**/s/${storeId}/imports`);
}

async function upload(page: Page, storeId: number, upload: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel("Choose a file").setInputFiles(upload);
  await page.waitForURL(new RegExp(`/s/${storeId}/imports\\?run=\\d+$`));
  await expect(page.getByTestId("import-file-name")).toHaveText(upload.name);
}

/** An order through the same tRPC endpoint the UI uses, with the page's session. */
async function orderViaApi(page: Page, storeId: number, orderId: number) {
  const input = encodeURIComponent(JSON.stringify({ json: { storeId, orderId } }));
  const response = await page.request.get(`/api/trpc/order.byId?input=${input}`);
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: { source_id: string; shipping: { first_name: string; last_name: string; country: string } } } } }).result.data.json;
}

test.use({ viewport: { width: 1360, height: 1000 } });

test("a supplier imports orders from a CSV: mapping, preview, progress, report, and a re-import that skips", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "Ivo Imports", uniqueEmail("imports"));
  await page.waitForURL(/\/stores\?welcome=1$/);
  const storeId = await createStore(page, "Import Shop");
  await openImports(page, storeId);
  await expect(page.getByTestId("imports-empty")).toContainText("No imports yet");

  // Orders is the default; the upload starts as soon as the file is picked.
  await expect(page.getByRole("radio", { name: /^Orders/ })).toBeChecked();
  await upload(page, storeId, file);
  await expect(page.getByTestId("shopify-detected")).toHaveCount(0);
  await expect(page.getByRole("table", { name: "First rows of the file" })).toContainText("Ada Lovelace");

  // The suggested mapping: columns matched by their headers, with sample values.
  const column = (label: string) => page.getByLabel(`Column for ${label}`, { exact: true });
  const transform = (label: string) => page.getByLabel(`Transform for ${label}`, { exact: true });
  await expect(column("Order number")).toHaveValue("Order Number");
  await expect(column("Customer email")).toHaveValue("Email");
  await expect(column("Ship-to full name")).toHaveValue("Ship To Name");
  await expect(transform("Ship-to full name")).toHaveValue("split_name");
  await expect(column("Ship-to address line 1")).toHaveValue("Address");
  await expect(column("Ship-to postal code")).toHaveValue("Zip");
  await expect(column("Ship-to country")).toHaveValue("Country");
  await expect(column("Item code (SKU)")).toHaveValue("SKU");
  await expect(column("Item quantity")).toHaveValue("Qty");
  await expect(column("Item price")).toHaveValue("Price");
  await expect(transform("Item price")).toHaveValue("number");
  await expect(page.getByLabel("Rows belong to the same order while this column repeats")).toHaveValue("Order Number");
  await expect(page.locator('[data-testid="mapping-row"][data-field="source_id"]').getByTestId("mapping-sample")).toHaveText("e.g. W-1001, W-1002, W-1003");

  // Change one mapping: the file writes country codes in lower case.
  await transform("Ship-to country").selectOption({ label: "UPPER CASE" });
  await expect(transform("Ship-to country")).toHaveValue("upper");
  await shot(page, "imports-01-mapping");

  // Preview: three orders, grouped from five rows, with their customers and totals.
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const previewRows = page.getByTestId("preview-row");
  await expect(previewRows).toHaveCount(3);
  await expect(previewRows.nth(0)).toContainText("2–3");
  await expect(previewRows.nth(0)).toContainText("W-1001");
  await expect(previewRows.nth(0)).toContainText("Ada Lovelace · ada@example.test");
  await expect(previewRows.nth(0)).toContainText("$33.10");
  await expect(previewRows.nth(1)).toContainText("W-1002");
  await expect(previewRows.nth(1)).toContainText("$3.75");
  await expect(previewRows.nth(2)).toContainText("W-1003");
  await expect(previewRows.nth(2)).toContainText("$32.50");
  await expect(page.locator('[data-testid="preview-row"][data-kind="failure"]')).toHaveCount(0);
  await page.getByRole("table", { name: "Import preview" }).scrollIntoViewIfNeeded();
  await shot(page, "imports-02-preview");

  // Import valid rows (the default), saving the mapping as a template on the way.
  await expect(page.getByRole("radio", { name: /^Import valid rows/ })).toBeChecked();
  await page.getByLabel("Save mapping as template (optional)").fill("Wholesale orders");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const run = page.getByTestId("import-run");
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toBeVisible();
  await expect(run).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  await expect(page.getByTestId("import-phase")).toHaveText("Finished");
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("import-rows-read")).toHaveText("5 rows read");
  await expect(page.getByTestId("count-created")).toHaveText("3");
  await expect(page.getByTestId("count-skipped")).toHaveText("0");
  await expect(page.getByTestId("count-failed")).toHaveText("0");
  const reportRows = page.getByTestId("report-row");
  await expect(reportRows).toHaveCount(3);
  await expect(reportRows.nth(0)).toContainText("2–3");
  await expect(reportRows.nth(0)).toContainText("Created");
  await expect(reportRows.nth(0)).toContainText("W-1001");
  await shot(page, "imports-03-report");

  // The changed mapping took effect: the order's country was upper-cased, the name split.
  const firstOrderId = Number((await reportRows.nth(0).getByRole("link").textContent())!.replace("#", ""));
  const imported = await orderViaApi(page, storeId, firstOrderId);
  expect(imported.source_id).toBe("W-1001");
  expect(imported.shipping).toMatchObject({ first_name: "Ada", last_name: "Lovelace", country: "GB" });

  // Filter the report, then download it as CSV.
  await page.getByLabel("Show report rows with status").selectOption("failed");
  await expect(page.getByTestId("report-empty")).toHaveText("No failed rows.");
  await page.getByLabel("Show report rows with status").selectOption("created");
  await expect(reportRows).toHaveCount(3);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download report (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^wholesale-orders-report-\d+\.csv$/);
  const report = (await readFile((await download.path())!, "utf8")).trim().split(/\r?\n/);
  expect(report[0]).toBe("lines,status,reference,order_id,reason");
  expect(report).toHaveLength(4);
  expect(report[1]).toBe(`2-3,created,W-1001,${firstOrderId},`);
  expect(report[2]).toMatch(/^4,created,W-1002,\d+,$/);
  expect(report[3]).toMatch(/^5-6,created,W-1003,\d+,$/);

  // The same file again, with the saved template: nothing is doubled.
  await page.getByRole("button", { name: "Import another file" }).click();
  await page.waitForURL(`**/s/${storeId}/imports`);
  await page.getByLabel("Import template").selectOption({ label: "Wholesale orders" });
  await upload(page, storeId, file);
  await expect(transform("Ship-to country")).toHaveValue("upper");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(run).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  await expect(page.getByTestId("count-created")).toHaveText("0");
  await expect(page.getByTestId("count-skipped")).toHaveText("3");
  await expect(reportRows).toHaveCount(3);
  await expect(reportRows.nth(0)).toContainText("Skipped");
  await expect(reportRows.nth(0)).toContainText(`Already in the store as order ${firstOrderId}`);

  // Both runs are listed, newest first.
  const recent = page.getByTestId("recent-import");
  await expect(recent).toHaveCount(2);
  await expect(recent.nth(0)).toContainText("0 created · 0 updated · 3 skipped · 0 failed");
  await expect(recent.nth(1)).toContainText("3 created · 0 updated · 0 skipped · 0 failed");
  await shot(page, "imports-04-reimport-skipped");
});

test("a file that is not a spreadsheet is refused with a clear message", async ({ page }) => {
  await signUp(page, "Pia Pdf", uniqueEmail("imports-pdf"));
  await page.waitForURL(/\/stores\?welcome=1$/);
  const storeId = await createStore(page, "Pdf Shop");
  await openImports(page, storeId);

  const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "latin1"), Buffer.alloc(64, 0)]);
  await page.getByLabel("Choose a file").setInputFiles({ name: "invoice.csv", mimeType: "text/csv", buffer: pdf });
  const error = page.getByTestId("upload-error");
  await expect(error).toContainText("invoice.csv was not imported");
  await expect(error).toContainText("This file is not a spreadsheet (it looks like a PDF).");
  // Nothing was created: still on the upload step, no run listed.
  await expect(page).toHaveURL(new RegExp(`/s/${storeId}/imports$`));
  await expect(page.getByTestId("imports-empty")).toBeVisible();
  await shot(page, "imports-05-not-a-spreadsheet");
});
