import { expect, test } from "@playwright/test";
import { createStore, shot, signUp, uniqueEmail } from "./helpers";

test("an order is split by vendor and by items, copied to another store (shipments flow back) and moved there", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "Sol Splitter", uniqueEmail("split"));
  await page.waitForURL(/\/stores\?welcome=1$/);
  const targetId = await createStore(page, "Target Shop");
  const originId = await createStore(page, "Origin Shop");

  // Items from two vendors (category_code); shipping and tax to share out.
  const response = await page.request.post("/api/trpc/order.create", {
    data: {
      json: {
        storeId: originId,
        order: {
          source_id: "SPLIT-1",
          email: "split@example.test",
          shipping: { first_name: "Vera", last_name: "Vendor" },
          shipping_total: "10",
          tax_total: "3",
          order_items: [
            { name: "Alpha", code: "A-1", price: "10", quantity: 1, category_code: "Xenon" },
            { name: "Beta", code: "B-1", price: "20", quantity: 1, category_code: "Yarrow" },
            { name: "Gamma", code: "C-1", price: "5", quantity: 2, category_code: "Xenon" },
          ],
        },
      },
    },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const orderId = ((await response.json()) as { result: { data: { json: { orderId: number } } } }).result.data.json.orderId;

  await page.goto(`/s/${originId}/orders/${orderId}`);
  await expect(page.getByTestId("order-total")).toContainText("53.00");

  // Split by vendor: Yarrow's item leaves; shipping and tax are shared in proportion (20 : 20).
  await page.getByRole("button", { name: "Split…" }).click();
  const splitDialog = page.getByRole("dialog", { name: `Split order #${orderId}` });
  await splitDialog.getByLabel("By a field").check();
  await splitDialog.getByLabel("One order per distinct").selectOption({ label: "Category / vendor" });
  await shot(page, "orders-09-split-dialog");
  await splitDialog.getByRole("button", { name: "Split order" }).click();
  await expect(splitDialog.getByRole("status")).toContainText("Split into #");
  const childLink = splitDialog.getByRole("link", { name: /^#\d+$/ });
  const childId = Number((await childLink.textContent())!.slice(1));
  await splitDialog.getByRole("button", { name: "Done" }).click();
  await expect(splitDialog).toBeHidden();
  await expect(page.getByTestId("item-row")).toHaveCount(2);
  await expect(page.getByTestId("order-total")).toContainText("26.50");
  await expect(page.getByTestId("history-line").first()).toContainText(`#${childId}`);

  await page.goto(`/s/${originId}/orders/${childId}`);
  await expect(page.getByTestId("item-row")).toHaveCount(1);
  await expect(page.getByTestId("item-row")).toContainText("Beta");
  await expect(page.getByTestId("order-total")).toContainText("26.50");
  await expect(page.getByTestId("order-links")).toContainText(`Split from order #${orderId}`);
  await page.getByTestId("order-links").getByRole("link", { name: `order #${orderId}` }).click();
  await page.waitForURL(`**/orders/${orderId}`);

  // Split by selected items: Gamma goes to a second child.
  await page.getByRole("button", { name: "Split…" }).click();
  await splitDialog.getByLabel(/Gamma/).check();
  await splitDialog.getByRole("button", { name: "Split order" }).click();
  await expect(splitDialog.getByRole("status")).toContainText("Split into #");
  await page.keyboard.press("Escape");
  await expect(splitDialog).toBeHidden();
  await expect(page.getByTestId("item-row")).toHaveCount(1);
  await expect(page.getByTestId("item-row")).toContainText("Alpha");
  // The parent lists both parts.
  await expect(page.getByTestId("order-split-parts").getByRole("link")).toHaveCount(2);
  await expect(page.getByTestId("order-split-parts")).toContainText(`order #${childId}`);

  // Copy to the other store: a linked copy; a shipment added to it reaches the original.
  await page.getByRole("button", { name: "Copy to store…" }).click();
  const copyDialog = page.getByRole("dialog", { name: "Copy 1 order to another store" });
  await expect(copyDialog.getByLabel("Store", { exact: true })).toHaveValue(String(targetId));
  await shot(page, "orders-10-copy-dialog");
  await copyDialog.getByRole("button", { name: "Copy 1 order" }).click();
  await expect(page.getByText("Copied 1 order to Target Shop.")).toBeVisible();

  await page.goto(`/s/${targetId}/orders`);
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await expect(page.getByTestId("order-row")).toContainText("Switchyard copy");
  await page.getByTestId("order-row").getByRole("link", { name: /^#\d+$/ }).click();
  await expect(page.getByTestId("order-links")).toContainText(`Copy of order #${orderId} in Origin Shop`);
  await page.getByRole("button", { name: "Add shipment" }).click();
  await page.getByLabel("Tracking number").fill("TRACK-COPY-1");
  await page.getByRole("form", { name: "Add a shipment" }).getByRole("button", { name: "Add shipment" }).click();
  await expect(page.getByTestId("shipment-row")).toContainText("TRACK-COPY-1");
  await shot(page, "orders-11-copy-with-shipment");
  await page.getByTestId("order-links").getByRole("link", { name: /in Origin Shop/ }).click();
  await page.waitForURL(`**/s/${originId}/orders/${orderId}`);
  await expect(page.getByTestId("shipment-row")).toContainText("TRACK-COPY-1");

  // Move the first child to the other store from the list; it leaves this store.
  await page.goto(`/s/${originId}/orders`);
  await expect(page.getByTestId("order-row")).toHaveCount(3);
  await page.getByRole("checkbox", { name: `Select order ${childId}` }).check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Move to store…" }).click();
  const moveDialog = page.getByRole("dialog", { name: "Move 1 order to another store" });
  await moveDialog.getByRole("button", { name: "Move 1 order" }).click();
  await expect(page.getByText("Moved 1 order to Target Shop.")).toBeVisible();
  await expect(page.getByTestId("order-row")).toHaveCount(2);
  await page.goto(`/s/${targetId}/orders`);
  await expect(page.getByTestId("order-row")).toHaveCount(2);
  await expect(page.getByRole("link", { name: `#${childId}` })).toBeVisible();
  await shot(page, "orders-12-moved-to-target");
});
