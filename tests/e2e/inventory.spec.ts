import { expect, test } from "@playwright/test";
import { createStore, shot, signUp, uniqueEmail } from "./helpers";

test("a supplier adds inventory items, finds them, changes stock and deletes one; the order toggle lives in settings", async ({ page }) => {
  await signUp(page, "Ida Inventory", uniqueEmail("inventory"));
  await page.waitForURL(/\/stores\?welcome=1$/);
  const storeId = await createStore(page, "Stock Shop");

  await page.getByRole("navigation", { name: "Store" }).getByRole("link", { name: "Inventory" }).click();
  await page.waitForURL(`**/s/${storeId}/inventory`);
  await expect(page.getByRole("heading", { name: "No inventory items yet" })).toBeVisible();
  await shot(page, "inventory-01-empty");

  // Create with the keyboard: the form opens with Name focused, Enter saves.
  await page.getByRole("button", { name: "Add your first item" }).click();
  const form = page.getByRole("form", { name: "New inventory item" });
  await expect(form.getByLabel("Name")).toBeFocused();
  await page.keyboard.type("Enamel mug");
  await page.keyboard.press("Tab");
  await page.keyboard.type("MUG-1");
  await form.getByLabel("Stock").fill("3");
  await form.getByLabel("Price").fill("12.50");
  await form.getByLabel("Location").fill("A-3");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Saved “Enamel mug” (MUG-1).")).toBeVisible();
  const rows = page.getByTestId("inventory-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Enamel mug");
  await expect(rows.first()).toContainText("$12.50");
  await expect(rows.first()).toContainText("A-3");

  await page.getByRole("button", { name: "New item" }).click();
  await form.getByLabel("Name").fill("Canvas tote");
  await form.getByLabel("SKU").fill("TOTE-1");
  await form.getByLabel("Price").fill("abc");
  await form.getByRole("button", { name: "Add item" }).click();
  await expect(form.getByLabel("Price")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByRole("alert")).toContainText("decimal amount");
  await form.getByLabel("Price").fill("8");
  // The same SKU in another case is refused, next to the SKU field.
  await form.getByLabel("SKU").fill("mug-1");
  await form.getByRole("button", { name: "Add item" }).click();
  await expect(form.getByRole("alert")).toContainText('An item with SKU "mug-1" already exists');
  await shot(page, "inventory-02-form-errors");
  await form.getByLabel("SKU").fill("TOTE-1");
  await form.getByRole("button", { name: "Add item" }).click();
  await expect(rows).toHaveCount(2);

  // Stock 0 shows the hint; + takes it away again.
  const tote = rows.filter({ hasText: "TOTE-1" });
  await expect(tote.getByTestId("out-of-stock")).toBeVisible();
  await expect(tote.getByRole("button", { name: "Take one TOTE-1 out of stock" })).toBeDisabled();
  await tote.getByRole("button", { name: "Add one TOTE-1 to stock" }).click();
  await expect(tote.getByTestId("stock")).toHaveText("1");
  await expect(tote.getByTestId("out-of-stock")).toHaveCount(0);

  // Search: a name prefix, or a whole SKU, ignoring case.
  const search = page.getByRole("searchbox", { name: "Search" });
  await search.fill("canv");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("TOTE-1");
  await search.fill("mug-1");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Enamel mug");
  await search.fill("nothing-like-this");
  await expect(page.getByText("No items match “nothing-like-this”")).toBeVisible();
  await search.fill("");
  await expect(rows).toHaveCount(2);

  // Edit the stock in the form; Escape would cancel, Save keeps it.
  const mug = rows.filter({ hasText: "MUG-1" });
  await mug.getByRole("button", { name: "Edit MUG-1" }).click();
  const edit = page.getByRole("form", { name: "Edit MUG-1" });
  await edit.getByLabel("Stock").fill("10");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(mug.getByTestId("stock")).toHaveText("10");
  await mug.getByRole("button", { name: "Take one MUG-1 out of stock" }).click();
  await expect(mug.getByTestId("stock")).toHaveText("9");
  await tote.getByRole("button", { name: "Take one TOTE-1 out of stock" }).click();
  await expect(tote.getByTestId("out-of-stock")).toBeVisible();
  await shot(page, "inventory-03-list");

  // Delete asks first, in the row.
  await tote.getByRole("button", { name: "Delete TOTE-1" }).click();
  await expect(tote.getByRole("button", { name: "Keep" })).toBeFocused();
  await tote.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.getByText("Deleted TOTE-1.")).toBeVisible();
  await expect(rows).toHaveCount(1);

  // The store setting that makes orders take stock.
  await page.getByRole("navigation", { name: "Store" }).getByRole("link", { name: "Settings" }).click();
  const toggle = page.getByRole("checkbox", { name: "Take stock off inventory when an order is created" });
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Take stock off inventory when an order is created" })).toBeChecked();
  await shot(page, "inventory-04-settings");
});
