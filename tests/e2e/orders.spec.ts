import { expect, test, type Page } from "@playwright/test";
import { createStore, shot, signUp, uniqueEmail } from "./helpers";

/** Creates orders through the same tRPC endpoint the UI calls, with the page's session cookie. */
async function createOrdersViaApi(page: Page, storeId: number, count: number, prefix: string) {
  for (let i = 1; i <= count; i++) {
    const response = await page.request.post("/api/trpc/order.create", {
      data: {
        json: {
          storeId,
          order: {
            source_id: `${prefix}-${i}`,
            email: `${prefix}-${i}@example.test`,
            shipping: { first_name: "Bulk", last_name: `Buyer ${i}` },
            order_items: [{ name: "Sticker", code: "STK-1", price: "1.25", quantity: i }],
          },
        },
      },
    });
    expect(response.ok(), await response.text()).toBe(true);
  }
}

const rows = (page: Page) => page.getByTestId("order-row");
const folderLink = (page: Page, name: string) => page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: new RegExp(`^${name}\\b`) });

/** Opens a folder and waits until the page shows it, so the next action applies to that folder. */
async function openFolder(page: Page, name: string) {
  await folderLink(page, name).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Orders · ${name}`);
}

test("a supplier creates, finds, edits, ships, files, tags, pages through and deletes orders", async ({ page }) => {
  test.setTimeout(180_000);
  const email = uniqueEmail("orders");
  const customerEmail = uniqueEmail("ada");
  await signUp(page, "Olive Orders", email);
  await page.waitForURL(/\/stores\?welcome=1$/);
  const storeId = await createStore(page, "Order Hub Shop");

  // The nav leads to the orders; a new store's New folder is empty and says what to do.
  await page.getByRole("navigation", { name: "Store" }).getByRole("link", { name: "Orders" }).click();
  await page.waitForURL(`**/s/${storeId}/orders`);
  await expect(page.getByTestId("orders-empty")).toContainText("No orders in New yet — create one or connect a cart.");
  await expect(folderLink(page, "New")).toHaveAttribute("aria-current", "page");
  await shot(page, "orders-01-empty");

  // Manual order with two items; the totals preview is exact decimal arithmetic.
  await page.getByRole("link", { name: "New order" }).click();
  await page.waitForURL(`**/s/${storeId}/orders/new`);
  await page.getByLabel("First name").fill("Ada");
  await page.getByLabel("Last name").fill("Lovelace");
  await page.getByLabel("Email", { exact: true }).fill(customerEmail);
  await page.getByLabel("Address line 1").fill("12 Analytical Row");
  await page.getByLabel("City").fill("London");
  await page.getByLabel("Postal code").fill("N1 9GU");
  await page.getByLabel("Country").fill("GB");
  await page.getByLabel("Item 1 name").fill("Poster A2");
  await page.getByLabel("Item 1 SKU").fill("POS-A2");
  await page.getByLabel("Item 1 price").fill("12.50");
  await page.getByLabel("Item 1 quantity").fill("2");
  await page.getByRole("button", { name: "Add item row" }).click();
  await expect(page.getByLabel("Item 2 name")).toBeFocused();
  await page.getByLabel("Item 2 name").fill("Mug");
  await page.getByLabel("Item 2 SKU").fill("MUG-11");
  await page.getByLabel("Item 2 price").fill("8.10");
  await page.getByLabel("Shipping", { exact: true }).fill("4.95");
  await page.getByLabel("Tax", { exact: true }).fill("2.20");
  await expect(page.getByTestId("new-order-total")).toContainText("40.25");
  await shot(page, "orders-02-new-order-form");
  // Enter in a field submits the form.
  await page.getByLabel("Tax", { exact: true }).press("Enter");
  await page.waitForURL(new RegExp(`/s/${storeId}/orders/\\d+$`));
  const orderId = Number(new URL(page.url()).pathname.split("/").pop());

  await expect(page.getByRole("heading", { name: `Order #${orderId}` })).toBeVisible();
  await expect(page.getByTestId("item-row")).toHaveCount(2);
  await expect(page.getByTestId("product-total")).toContainText("33.10");
  await expect(page.getByTestId("order-total")).toContainText("40.25");
  await expect(page.getByTestId("order-folder")).toHaveText("New");

  // Listed in New, with its customer, quantity and total.
  await page.getByRole("link", { name: "← New" }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(`#${orderId}`);
  await expect(rows(page).first()).toContainText("Ada Lovelace");
  await expect(rows(page).first()).toContainText(customerEmail);
  await expect(rows(page).first()).toContainText("40.25");
  await expect(folderLink(page, "New").getByTestId("folder-count")).toHaveText("1");

  // Search by SKU and by email (server-side); a miss says so.
  const search = page.getByRole("searchbox", { name: "Search orders" });
  await search.fill("mug-11");
  await search.press("Enter");
  await expect(page).toHaveURL(/q=mug-11/);
  await expect(rows(page)).toHaveCount(1);
  await search.fill(customerEmail);
  await search.press("Enter");
  await expect(rows(page)).toHaveCount(1);
  await search.fill("NO-SUCH-SKU");
  await search.press("Enter");
  await expect(page.getByTestId("orders-empty")).toContainText("No orders match “NO-SUCH-SKU” in New.");
  await page.getByRole("button", { name: "Clear search and filters" }).click();
  await expect(rows(page)).toHaveCount(1);

  // Open it and edit a detail field and a shipping field.
  await rows(page).first().getByRole("link", { name: `#${orderId}` }).click();
  await page.waitForURL(`**/orders/${orderId}`);
  const newEmail = uniqueEmail("ada-new");
  await page.getByRole("button", { name: "Edit details" }).click();
  const details = page.getByRole("form", { name: "Order details" });
  await expect(details.getByLabel("Email", { exact: true })).toBeFocused();
  await details.getByLabel("Email", { exact: true }).fill(newEmail);
  await details.getByLabel("Email", { exact: true }).press("Enter");
  await expect(page.getByTestId("details-card")).toContainText(newEmail);
  await expect(page.getByRole("button", { name: "Edit details" })).toBeFocused();

  await page.getByRole("button", { name: "Edit shipping address" }).click();
  const shipping = page.getByRole("form", { name: "Shipping address" });
  await shipping.getByLabel("City").fill("Paris");
  await shipping.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("shipping-card")).toContainText("Paris");
  await expect(page.getByTestId("shipping-card")).toContainText("12 Analytical Row");

  // Escape cancels an edit without saving.
  await page.getByRole("button", { name: "Edit shipping address" }).click();
  await page.getByRole("form", { name: "Shipping address" }).getByLabel("City").fill("Berlin");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("form", { name: "Shipping address" })).toHaveCount(0);
  await expect(page.getByTestId("shipping-card")).toContainText("Paris");

  // The server's validation message lands on the nested field it is about.
  await page.getByRole("button", { name: "Edit shipping address" }).click();
  await page.getByRole("form", { name: "Shipping address" }).getByLabel("Postal code").fill("9".repeat(41));
  await page.getByRole("form", { name: "Shipping address" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("form", { name: "Shipping address" }).getByLabel("Postal code")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("form", { name: "Shipping address" }).getByRole("alert")).toHaveText("Use at most 40 characters.");
  await expect(page.getByRole("form", { name: "Shipping address" }).getByLabel("Postal code")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shipping-card")).toContainText("N1 9GU");

  // A shipment with a tracking link derived from the carrier.
  await page.getByRole("button", { name: "Add shipment" }).click();
  const shipmentForm = page.getByRole("form", { name: "Add a shipment" });
  await shipmentForm.getByLabel("Tracking number").fill("1Z999AA10123456784");
  await shipmentForm.getByLabel("Carrier").fill("UPS");
  await shipmentForm.getByLabel("Method").fill("Ground");
  await shipmentForm.getByRole("button", { name: "Add shipment" }).click();
  const shipmentRow = page.getByTestId("shipment-row");
  await expect(shipmentRow).toHaveCount(1);
  await expect(shipmentRow.getByRole("link", { name: "1Z999AA10123456784" })).toHaveAttribute("href", /ups\.com.*1Z999AA10123456784/);

  // A note, then the history shows every change with its actor, newest first.
  await page.getByLabel("Add a note").fill("Customer asked for gift wrap.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("note")).toContainText("Customer asked for gift wrap.");
  const history = page.getByTestId("history-line");
  await expect(history).toHaveCount(5);
  await expect(history.nth(0)).toContainText("Note added");
  await expect(history.nth(1)).toContainText("Shipment added: 1Z999AA10123456784");
  await expect(history.nth(2)).toContainText("Order details changed: shipping");
  await expect(history.nth(3)).toContainText("Order details changed: email");
  await expect(history.nth(4)).toContainText("Order created manually");
  await expect(history.nth(0)).toContainText(email);
  await shot(page, "orders-03-order-page");

  // Changing an item's quantity moves the product and order totals; checkout data is a key/value map.
  await page.getByRole("button", { name: "Edit Mug" }).click();
  const itemForm = page.getByRole("form", { name: "Edit item Mug" });
  await itemForm.getByLabel("Quantity").fill("3");
  await itemForm.getByRole("button", { name: "Save item" }).click();
  await expect(page.getByTestId("product-total")).toContainText("49.30");
  await expect(page.getByTestId("order-total")).toContainText("56.45");
  await page.getByRole("button", { name: "Edit checkout data" }).click();
  await page.getByLabel("Checkout data name 1").fill("Gift message");
  await page.getByLabel("Checkout data value 1").fill("Happy birthday");
  await page.getByRole("form", { name: "Checkout data" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("checkout_data-card")).toContainText("Gift messageHappy birthday");

  // Back in the list: bulk-select it and move it to Prepared, then tag it.
  await page.getByRole("link", { name: "← New" }).click();
  await rows(page).first().getByRole("checkbox").check();
  const bulk = page.getByRole("region", { name: "Bulk actions" });
  await expect(bulk.getByTestId("selected-count")).toHaveText("1 order selected");
  await bulk.getByLabel("Move to", { exact: true }).selectOption({ label: "Prepared" });
  await bulk.getByRole("button", { name: "Move", exact: true }).click();
  await expect(page.getByText("Moved 1 order to Prepared.")).toBeVisible();
  await expect(page.getByTestId("orders-empty")).toBeVisible();
  await expect(folderLink(page, "Prepared").getByTestId("folder-count")).toHaveText("1");
  await openFolder(page, "Prepared");
  await expect(rows(page)).toHaveCount(1);
  await page.getByRole("checkbox", { name: "Select all orders on this page" }).check();
  await bulk.getByLabel("Tag", { exact: true }).fill("Rush");
  await bulk.getByRole("button", { name: "Add tag" }).click();
  await expect(page.getByText(`Tagged 1 order "Rush".`)).toBeVisible();
  await expect(rows(page).first().getByTestId("tag-chip")).toHaveText("Rush");
  await shot(page, "orders-04-prepared-tagged");

  // More than one page of orders: keyset paging kept in the URL (reload and back work).
  await createOrdersViaApi(page, storeId, 30, "bulk");
  await page.reload();
  await openFolder(page, "New");
  await page.getByLabel("Per page").selectOption("25");
  await expect(rows(page)).toHaveCount(25);
  await expect(page.getByTestId("page-range")).toHaveText("Orders 1–25 of 30");
  await expect(rows(page).first()).toContainText("bulk-30");
  await page.getByRole("button", { name: "Next →" }).click();
  await expect(page).toHaveURL(/after=\d+_\d+/);
  await expect(rows(page)).toHaveCount(5);
  await expect(page.getByTestId("page-range")).toHaveText("Orders 26–30 of 30");
  await expect(rows(page).last()).toContainText("bulk-1@");
  await expect(page.getByRole("button", { name: "Next →" })).toBeDisabled();
  await page.reload();
  await expect(rows(page)).toHaveCount(5);
  await expect(rows(page).last()).toContainText("bulk-1@");
  await shot(page, "orders-05-second-page");
  await page.getByRole("button", { name: "← Previous" }).click();
  await expect(rows(page)).toHaveCount(25);
  await expect(rows(page).first()).toContainText("bulk-30");
  await page.goBack();
  await expect(rows(page)).toHaveCount(5);
  await page.goBack();
  await expect(rows(page)).toHaveCount(25);

  // Sort oldest first; filter by tag across all folders.
  await page.getByLabel("Sort").selectOption({ label: "Oldest first" });
  await expect(rows(page).first()).toContainText("bulk-1@");
  await openFolder(page, "All orders");
  await page.getByRole("button", { name: /^Filters/ }).click();
  await page.getByRole("form", { name: "Filter orders" }).getByLabel("Tag", { exact: true }).fill("Rush");
  await page.getByRole("form", { name: "Filter orders" }).getByRole("button", { name: "Apply" }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(`#${orderId}`);
  await shot(page, "orders-06-filtered");

  // A source id another order already uses is refused next to the field.
  await rows(page).first().getByRole("link", { name: `#${orderId}` }).click();
  await page.getByRole("button", { name: "Edit details" }).click();
  await page.getByRole("form", { name: "Order details" }).getByLabel("Source id").fill("bulk-3");
  await page.getByRole("form", { name: "Order details" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("form", { name: "Order details" }).getByRole("alert")).toContainText("already has this source name and source id");
  await shot(page, "orders-07-field-error");
  await page.keyboard.press("Escape");

  // Delete one from the list: asks first (Escape backs out), needs orders.delete (owners have it).
  await page.goto(`/s/${storeId}/orders`);
  await rows(page).first().getByRole("checkbox").check();
  await bulk.getByRole("button", { name: "Delete…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete 1 order?" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await bulk.getByRole("button", { name: "Delete…" }).click();
  await shot(page, "orders-08-delete-confirm");
  await dialog.getByRole("button", { name: "Delete 1 order" }).click();
  await expect(page.getByText("Deleted 1 order.")).toBeVisible();
  await expect(folderLink(page, "New").getByTestId("folder-count")).toHaveText("29");
  await expect(rows(page)).toHaveCount(29);
  await expect(rows(page).first()).not.toContainText("bulk-30");
});

test("a store user who may only view orders sees them without any control that changes them", async ({ page, browser }) => {
  const ownerEmail = uniqueEmail("owner-ro");
  const viewerEmail = uniqueEmail("viewer");
  await signUp(page, "Owen Owner", ownerEmail);
  await page.waitForURL(/\/stores\?welcome=1$/);
  const storeId = await createStore(page, "Read Only Shop");
  await createOrdersViaApi(page, storeId, 2, "ro");

  await page.goto(`/s/${storeId}/users`);
  const form = page.getByRole("form", { name: "Add a store user" });
  await form.getByRole("textbox", { name: "Email" }).fill(viewerEmail);
  for (const box of await form.getByRole("checkbox").all()) await box.uncheck();
  await form.getByRole("checkbox", { name: /View orders/ }).check();
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`${viewerEmail} has no account yet`)).toBeVisible();

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signUp(viewer, "Vic Viewer", viewerEmail);
  await viewer.waitForURL(`**/s/${storeId}`);
  await viewer.getByRole("navigation", { name: "Store" }).getByRole("link", { name: "Orders" }).click();
  await expect(viewer.getByTestId("order-row")).toHaveCount(2);
  await expect(viewer.getByRole("link", { name: "New order" })).toHaveCount(0);
  await expect(viewer.getByRole("checkbox")).toHaveCount(0);
  await shot(viewer, "orders-13-read-only-list");

  await viewer.getByTestId("order-row").first().getByRole("link", { name: /^#\d+$/ }).click();
  await expect(viewer.getByTestId("item-row")).toHaveCount(1);
  await expect(viewer.getByTestId("history-line")).toHaveCount(1);
  await expect(viewer.getByRole("button", { name: /^Edit/ })).toHaveCount(0);
  for (const name of ["Add item", "Add shipment", "Add note", "Split…", "Copy to store…", "Move to store…", "Delete…", "Move"]) {
    await expect(viewer.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  await expect(viewer.getByLabel("Add a note")).toHaveCount(0);
  await expect(viewer.getByLabel("New tag")).toHaveCount(0);
  await shot(viewer, "orders-14-read-only-order");

  // The manual order page refuses them too.
  await viewer.goto(`/s/${storeId}/orders/new`);
  await expect(viewer.getByText("You do not have access to this page")).toBeVisible();
  await viewerContext.close();
});

test("what is typed while a search is still loading is kept when that search lands", async ({ page }) => {
  await signUp(page, "Tess Typer", uniqueEmail("typer"));
  await page.waitForURL(/\/stores\?welcome=1$/);
  const storeId = await createStore(page, "Typing Shop");
  await createOrdersViaApi(page, storeId, 2, "typer");
  await page.goto(`/s/${storeId}/orders`);
  await expect(rows(page)).toHaveCount(2);

  // Hold the list's navigation back so the next words are typed before the first search lands.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/orders\?.*q=typer-1/, async (route) => {
    await held;
    await route.continue();
  });
  const search = page.getByRole("searchbox", { name: "Search orders" });
  await search.fill("typer-1@example.test");
  await search.press("Enter");
  await search.fill("typer-2");
  release();
  await expect(page).toHaveURL(/q=typer-1/);
  await expect(rows(page)).toHaveCount(1);
  await expect(search).toHaveValue("typer-2");

  // Searching goes on from what was typed; Clear empties the box.
  await search.press("Enter");
  await expect(page).toHaveURL(/q=typer-2/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("typer-2@example.test");
  await page.getByRole("search", { name: "Search orders" }).getByRole("button", { name: "Clear" }).click();
  await expect(search).toHaveValue("");
  await expect(rows(page)).toHaveCount(2);
});
