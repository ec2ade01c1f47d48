import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { createOrderViaApi, createStore, shot, signUp, uniqueEmail } from "./helpers";

/** An order with one line item, as the export specs need it. */
const orderWith = (page: Page, storeId: number, sourceId: string, sku: string, quantity: number) =>
  createOrderViaApi(page, storeId, {
    source_id: sourceId,
    email: `${sourceId.toLowerCase()}@example.test`,
    shipping: { first_name: "Erin", last_name: "Export", address1: "1 Dock Road", city: "Hull", postal_code: "HU1 1AA", country: "GB" },
    order_items: [{ name: "Poster, large", code: sku, price: "12.50", quantity }],
  });

test.use({ viewport: { width: 1360, height: 1000 } });

test("a supplier builds an export template from a preset with a live preview, then exports selected orders as a download", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "Edda Exports", uniqueEmail("exports"));
  await page.waitForURL(/\/stores\?welcome=1$/);
  const storeId = await createStore(page, "Export Shop");
  const first = await orderWith(page, storeId, "EXP-1", "SKU-ALPHA", 2);
  const second = await orderWith(page, storeId, "EXP-2", "SKU-BETA", 1);

  await page.getByRole("navigation", { name: "Store" }).getByRole("link", { name: "Exports" }).click();
  await page.waitForURL(`**/s/${storeId}/exports`);
  await expect(page.getByTestId("exports-empty")).toContainText("No export templates yet");
  await expect(page.getByTestId("export-log-empty")).toBeVisible();
  await page.getByRole("link", { name: "New export template" }).click();
  await page.waitForURL(`**/s/${storeId}/exports/new`);

  // Start from the "items-csv" preset: body, file name, format and name are filled in.
  await page.getByLabel("Start from a preset").selectOption("items-csv");
  await expect(page.getByText("One row per line item with the order's shipping address")).toBeVisible();
  await page.getByRole("button", { name: "Use preset" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Line items (CSV)");
  await expect(page.getByLabel("Format")).toHaveValue("csv");
  await expect(page.getByLabel("Files")).toHaveValue("batch");
  await expect(page.getByLabel("File name pattern")).toHaveValue(/^items-\{\{/);
  const body = page.getByLabel("Template (Liquid)");
  await expect(body).toHaveValue(/^order_id,source_id,/);

  // The live preview renders the newest orders.
  const content = page.getByTestId("export-preview-content");
  await expect(content).toContainText("SKU-ALPHA");
  await expect(content).toContainText("SKU-BETA");
  await expect(content).toContainText("order_id,source_id,date_added");
  await expect(page.getByTestId("export-preview-file")).toHaveText(/^items-\d{8}-\d{6}\.csv$/);

  // A Liquid syntax error shows in red beside the editor, and goes away when fixed.
  const original = await body.inputValue();
  await body.fill(`${original}{% for item in %}\n`);
  const previewError = page.getByTestId("export-preview-error");
  await expect(previewError).toBeVisible();
  await expect(previewError).toContainText("The template has an error");
  await expect(content).toHaveCount(0);
  await shot(page, "exports-01-preview-error");
  await body.fill(original);
  await expect(previewError).toHaveCount(0);
  await expect(content).toContainText("SKU-ALPHA");

  await page.getByLabel("Name", { exact: true }).fill("Warehouse items");
  await expect(page.getByLabel("Send to")).toHaveValue("download");
  await shot(page, "exports-02-editor-preview");
  await page.getByRole("button", { name: "Save template" }).click();
  await page.waitForURL(new RegExp(`/s/${storeId}/exports/\\d+$`));
  await expect(page.getByText("Export template created.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Warehouse items" })).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveText("Saved");
  await expect(content).toContainText("SKU-ALPHA");

  // The order list exports the selected orders with it: the file downloads at once.
  await page.getByRole("navigation", { name: "Store" }).getByRole("link", { name: "Orders" }).click();
  await page.waitForURL(`**/s/${storeId}/orders`);
  await page.getByRole("checkbox", { name: `Select order ${first}` }).check();
  await page.getByRole("checkbox", { name: `Select order ${second}` }).check();
  const bulk = page.getByRole("region", { name: "Bulk actions" });
  await expect(bulk.getByLabel("Export with")).toHaveValue(/\d+/);
  await expect(bulk.getByLabel("Export with").locator("option:checked")).toHaveText("Warehouse items (download)");
  const downloading = page.waitForEvent("download");
  await bulk.getByRole("button", { name: "Export", exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^items-\d{8}-\d{6}\.csv$/);
  const lines = (await readFile((await download.path())!, "utf8")).trim().split(/\r?\n/);
  expect(lines[0]).toBe("order_id,source_id,date_added,email,ship_name,ship_company,ship_address1,ship_address2,ship_city,ship_state,ship_postal_code,ship_country,ship_phone,shipping_method,sku,item_name,quantity,price,line_total");
  expect(lines).toHaveLength(3);
  expect(lines[1]).toMatch(new RegExp(`^${first},EXP-1,[\\d-]+ [\\d:]+,exp-1@example.test,Erin Export,,1 Dock Road,,Hull,,HU1 1AA,GB,,,SKU-ALPHA,"Poster, large",2,12.50,25.00$`));
  expect(lines[2]).toMatch(new RegExp(`^${second},EXP-2,.*,SKU-BETA,"Poster, large",1,12.50,12.50$`));
  await expect(page.getByText(/^Exported 2 orders to items-\d{8}-\d{6}\.csv\.$/)).toBeVisible();

  // The export log lists the run, delivered as a download.
  await page.getByRole("navigation", { name: "Store" }).getByRole("link", { name: "Exports" }).click();
  await page.waitForURL(`**/s/${storeId}/exports`);
  await expect(page.getByTestId("export-template-row")).toHaveCount(1);
  const run = page.getByTestId("export-run-row");
  await expect(run).toHaveCount(1);
  await expect(run).toContainText("Warehouse items");
  await expect(run).toContainText("By hand");
  await expect(run.getByTestId("export-run-status")).toHaveText("Delivered");
  await shot(page, "exports-03-list-and-log");
});

test("a supplier writes the shipment notification email from a preset, with a sandboxed live preview", async ({ page }) => {
  await signUp(page, "Emil Emails", uniqueEmail("emails"));
  await page.waitForURL(/\/stores\?welcome=1$/);
  const storeId = await createStore(page, "Email Shop");
  const orderId = await orderWith(page, storeId, "MAIL-1", "SKU-MAIL", 1);

  await page.getByRole("navigation", { name: "Store" }).getByRole("link", { name: "Emails" }).click();
  await page.waitForURL(`**/s/${storeId}/emails`);
  await expect(page.getByTestId("emails-empty")).toContainText("No email templates yet");
  await page.getByRole("link", { name: "New email template" }).click();
  await page.waitForURL(`**/s/${storeId}/emails/new`);

  await page.getByLabel("Start from a preset").selectOption("shipment-notification");
  await page.getByRole("button", { name: "Use preset" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Shipment notification");
  await page.getByLabel("Preview with order").selectOption(String(orderId));

  // The HTML renders in a frame with no permissions at all; the subject and text are beside it.
  await expect(page.getByTestId("email-preview-subject")).toHaveText(`Your order ${orderId} from Email Shop has shipped`);
  const frame = page.getByTestId("email-preview-html");
  await expect(frame).toHaveAttribute("sandbox", "");
  await expect(page.frameLocator('[data-testid="email-preview-html"]').locator("body")).toContainText("1Z999AA10123456784");
  await page.getByRole("tab", { name: "Text" }).click();
  await expect(page.getByTestId("email-preview-text")).toContainText(`Good news: your order ${orderId} from Email Shop is on its way.`);

  // A Liquid error in the subject shows in the preview.
  const subject = page.getByLabel("Subject");
  const original = await subject.inputValue();
  await subject.fill(`${original} {{ order.id `);
  await expect(page.getByTestId("email-preview-error")).toBeVisible();
  await subject.fill(original);
  await expect(page.getByTestId("email-preview-error")).toHaveCount(0);

  await page.getByLabel("Send as the shipment notification").check();
  await page.getByRole("tab", { name: "HTML" }).click();
  await shot(page, "emails-01-editor-preview");
  await page.getByRole("button", { name: "Save template" }).click();
  await page.waitForURL(new RegExp(`/s/${storeId}/emails/\\d+$`));
  await expect(page.getByText("Email template created.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Shipment notification" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send test" })).toBeDisabled();

  await page.getByRole("link", { name: "← Email templates" }).click();
  const row = page.getByTestId("email-template-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Shipment notification");
  await expect(row).toContainText("Your order {{ order.id }} from {{ store_name }} has shipped");
});
