import { expect, test, type Locator, type Page } from "@playwright/test";
import { createOrderViaApi, createStore, shot, signUp, uniqueEmail } from "./helpers";

/** An order shipped to `country`, as the rule specs need it. */
const orderTo = (page: Page, storeId: number, sourceId: string, country: string) =>
  createOrderViaApi(page, storeId, {
    source_id: sourceId,
    email: `${sourceId.toLowerCase()}@example.test`,
    shipping: { first_name: "Rita", last_name: "Rules", country },
    order_items: [{ name: "Poster", code: "POS-1", price: "12.50", quantity: 1 }],
  });

const canvas = (page: Page) => page.getByTestId("rule-canvas");
const node = (page: Page, id: string) => page.locator(`[data-testid="rule-node"][data-node-id="${id}"]`);
const handle = (page: Page, nodeId: string, kind: "source" | "target", handleId?: "true" | "false") =>
  page.locator(`.react-flow__handle.${kind}[data-nodeid="${nodeId}"]${handleId ? `[data-handleid="${handleId}"]` : ""}`);
const edges = (page: Page) => page.locator(".react-flow__edge");

/** A real HTML5 drag from the palette onto the canvas, dropped at (x, y) inside it. */
async function dragFromPalette(page: Page, label: string, x: number, y: number) {
  const entry = page.getByRole("navigation", { name: "Steps to add" }).getByRole("button", { name: label, exact: true });
  await entry.dragTo(canvas(page), { targetPosition: { x, y } });
}

/** Draws a connection with the mouse, from one handle to another. */
async function connectHandles(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await page.mouse.up();
}

// Tall enough for the whole editor (toolbar, palette, canvas, inspector) without scrolling mid-drag.
test.use({ viewport: { width: 1360, height: 1000 } });

test("a supplier builds a rule on the canvas, tests it on an order, enables it and manages the list", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, "Rhea Rules", uniqueEmail("rules"));
  await page.waitForURL(/\/stores\?welcome=1$/);
  const storeId = await createStore(page, "Rule Shop");
  const usOrder = await orderTo(page, storeId, "RULE-US-1", "US");
  const gbOrder = await orderTo(page, storeId, "RULE-GB-1", "GB");

  // The nav leads to the rules; with none yet the page says what rules do.
  await page.getByRole("navigation", { name: "Store" }).getByRole("link", { name: "Rules" }).click();
  await page.waitForURL(`**/s/${storeId}/rules`);
  await expect(page.getByTestId("rules-empty")).toContainText("Rules do the routine work on orders for you");
  await shot(page, "rules-01-empty");

  await page.getByRole("link", { name: "New rule" }).click();
  await page.waitForURL(`**/s/${storeId}/rules/new`);
  await expect(page.getByRole("heading", { name: "New rule" })).toBeVisible();

  // Drag a trigger, a condition and an action from the palette onto the canvas.
  await dragFromPalette(page, "Trigger", 300, 70);
  await expect(node(page, "trigger")).toBeVisible();
  await expect(page.getByTestId("inspector")).toHaveAttribute("data-node-id", "trigger");
  await expect(page.getByTestId("inspector").getByLabel("Runs when")).toHaveValue("order.created");
  await expect(page.getByRole("button", { name: "Trigger", exact: true })).toBeDisabled();
  await dragFromPalette(page, "Condition", 300, 250);
  await expect(node(page, "condition-1")).toBeVisible();
  await dragFromPalette(page, "Add tag", 190, 460);
  await expect(node(page, "action-1")).toBeVisible();
  await expect(node(page, "action-1")).toContainText("Add tag");

  // Saving now is refused before anything is sent: the problems are listed and the nodes are red.
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("problem-count")).toBeVisible();
  await expect(page.getByTestId("problem-list")).toContainText("Rule name — Give the rule a name.");
  await expect(page.getByLabel("Rule name")).toHaveAttribute("aria-invalid", "true");
  await expect(node(page, "condition-1")).toHaveAttribute("data-invalid", "true");
  await expect(node(page, "action-1")).toHaveAttribute("data-invalid", "true");
  await expect(node(page, "action-1").getByTestId("node-errors")).toContainText("is not connected to the trigger");
  await shot(page, "rules-02-problems");

  // Connect trigger -> condition, and the condition's "Yes" -> the action, by dragging handles.
  await connectHandles(page, handle(page, "trigger", "source"), handle(page, "condition-1", "target"));
  await expect(edges(page)).toHaveCount(1);
  await connectHandles(page, handle(page, "condition-1", "source", "true"), handle(page, "action-1", "target"));
  await expect(edges(page)).toHaveCount(2);
  await expect(page.locator('.react-flow__edge[data-id="condition-1:true->action-1"]')).toHaveCount(1);
  await expect(page.locator('.react-flow__edge[data-id="trigger:next->condition-1"]')).toHaveCount(1);

  // Undo and redo the last connection, with the buttons and with the keyboard.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(edges(page)).toHaveCount(1);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(edges(page)).toHaveCount(2);
  await page.getByRole("button", { name: "Auto layout" }).focus();
  await page.keyboard.press("Control+z");
  await expect(edges(page)).toHaveCount(1);
  await page.keyboard.press("Control+Shift+z");
  await expect(edges(page)).toHaveCount(2);

  // The condition: Ship to country equals US.
  await node(page, "condition-1").click();
  const inspector = page.getByTestId("inspector");
  await expect(inspector).toHaveAttribute("data-node-id", "condition-1");
  const comparison = inspector.getByRole("group", { name: "Condition 1", exact: true });
  await comparison.getByLabel("Field").selectOption({ label: "Ship to country" });
  await expect(comparison.getByLabel("Operator")).toHaveValue("equals");
  await comparison.getByLabel("Value").fill("US");
  await expect(comparison.getByLabel("Case sensitive")).not.toBeChecked();
  await expect(node(page, "condition-1")).toContainText("Ship to country equals “US”");

  // The action: tag "us".
  await node(page, "action-1").click();
  await expect(inspector).toHaveAttribute("data-node-id", "action-1");
  await inspector.getByLabel("Tag", { exact: true }).fill("us");
  await expect(node(page, "action-1")).toContainText("“us”");
  await expect(inspector.getByLabel("Runs after")).toHaveValue("condition-1|true");

  await page.getByLabel("Rule name").fill("Tag US orders");
  // Problems follow the edits: fixed ones are gone.
  await expect(page.getByTestId("problem-count")).toHaveCount(0);
  await expect(page.locator('[data-testid="rule-node"][data-invalid="true"]')).toHaveCount(0);
  await shot(page, "rules-03-canvas");

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.waitForURL(new RegExp(`/s/${storeId}/rules/\\d+`));
  const ruleId = Number(new URL(page.url()).pathname.split("/").pop());
  await expect(page.getByText("Rule created. It is off until you enable it.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Tag US orders" })).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveText("Saved · version 1");
  await expect(edges(page)).toHaveCount(2);

  // Test on the US order: the comparison passes and the tag would be added.
  const testForm = page.getByRole("form", { name: "Test on order" });
  await testForm.getByLabel("Or pick a recent order").selectOption(String(usOrder));
  await expect(testForm.getByLabel("Order number")).toHaveValue(String(usOrder));
  await testForm.getByRole("button", { name: "Run test" }).click();
  const result = page.getByTestId("test-result");
  await expect(result.getByTestId("test-intents")).toContainText("Add tag “us”");
  const passed = result.getByTestId("trace-line").filter({ hasText: "equals" });
  await expect(passed).toHaveAttribute("data-outcome", "passed");
  await expect(passed).toContainText("passes");
  await expect(passed).toContainText("✓ passed");
  await page.getByTestId("test-result").scrollIntoViewIfNeeded();
  await shot(page, "rules-04-test-passed");

  // ...and on the GB order it fails, so nothing would change.
  await testForm.getByLabel("Order number").fill(String(gbOrder));
  await testForm.getByRole("button", { name: "Run test" }).click();
  await expect(result.getByTestId("test-no-intents")).toContainText(`Nothing: no action would run on order #${gbOrder}.`);
  await expect(result.getByTestId("trace-line").filter({ hasText: "equals" })).toHaveAttribute("data-outcome", "failed");

  // Backtest over the newest orders: one of two would be tagged.
  const backtest = page.getByRole("form", { name: "Backtest" });
  await expect(backtest.getByLabel("Newest orders")).toHaveValue("50");
  await backtest.getByRole("button", { name: "Run backtest" }).click();
  await expect(page.getByTestId("backtest-result")).toContainText("1 of 2 orders would match.");
  await expect(page.getByTestId("backtest-row")).toHaveCount(1);
  await expect(page.getByTestId("backtest-row")).toContainText(`#${usOrder}`);
  await expect(page.getByTestId("backtest-row")).toContainText("Add tag “us”");

  // Enable it from the editor.
  const enabled = page.getByRole("switch", { name: "Enabled" });
  await expect(enabled).toHaveAttribute("aria-checked", "false");
  await enabled.click();
  await expect(enabled).toHaveAttribute("aria-checked", "true");
  await expect(page.getByText("The rule is on: it runs on the next matching event.")).toBeVisible();

  // A second version (another tag), then the versions list shows the change and restores version 1.
  await node(page, "action-1").click();
  await inspector.getByLabel("Tag", { exact: true }).fill("usa");
  await expect(page.getByTestId("save-state")).toHaveText("Unsaved changes");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved as version 2.")).toBeVisible();
  const versions = page.getByRole("list", { name: "Saved versions" });
  await expect(versions.getByTestId("version-row")).toHaveCount(2);
  const first = versions.getByTestId("version-row").filter({ hasText: "Version 1" });
  await first.getByRole("button", { name: "Show changes" }).click();
  await expect(first.getByTestId("version-diff")).toContainText("− Add tag “us”");
  await expect(first.getByTestId("version-diff")).toContainText("+ Add tag “usa”");
  await first.scrollIntoViewIfNeeded();
  await shot(page, "rules-05-versions");
  await first.getByRole("button", { name: "Restore version 1" }).click();
  await page.getByRole("dialog", { name: "Restore version 1?" }).getByRole("button", { name: "Restore version 1" }).click();
  await expect(page.getByText("Restored: saved as version 3.")).toBeVisible();
  await expect(node(page, "action-1")).toContainText("“us”");
  await expect(versions.getByTestId("version-row")).toHaveCount(3);

  // The list: name, trigger, on; duplicate, reorder with the buttons, delete the copy.
  await page.getByRole("link", { name: "← Rules" }).click();
  await page.waitForURL(`**/s/${storeId}/rules`);
  const rows = page.getByTestId("rule-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Tag US orders");
  await expect(rows.first().getByTestId("rule-trigger")).toHaveText("Order is created");
  await expect(rows.first().getByRole("switch", { name: "Enabled: Tag US orders" })).toHaveAttribute("aria-checked", "true");
  await page.getByRole("button", { name: "Duplicate Tag US orders" }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Tag US orders (copy)");
  await expect(rows.nth(1).getByRole("switch")).toHaveAttribute("aria-checked", "false");
  await page.getByRole("button", { name: "Move Tag US orders (copy) up" }).click();
  await expect(rows.nth(0)).toContainText("Tag US orders (copy)");
  // Drag the original back to the top.
  await rows.nth(1).dragTo(rows.nth(0), { sourcePosition: { x: 16, y: 24 }, targetPosition: { x: 16, y: 4 } });
  await expect(rows.nth(0).getByRole("link")).toHaveText("Tag US orders");
  await shot(page, "rules-06-list");
  await page.getByRole("button", { name: "Delete Tag US orders (copy)" }).click();
  await page.getByRole("dialog", { name: "Delete “Tag US orders (copy)”?" }).getByRole("button", { name: "Delete rule" }).click();
  await expect(rows).toHaveCount(1);
  await expect(page.getByText("Deleted “Tag US orders (copy)”.")).toBeVisible();
  await expect(rows.first().getByRole("link")).toHaveAttribute("href", `/s/${storeId}/rules/${ruleId}`);
});

test("the editor works from the keyboard: palette buttons, runs-after, Delete, undo and Ctrl+S", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "Kit Keys", uniqueEmail("rules-keys"));
  await page.waitForURL(/\/stores\?welcome=1$/);
  const storeId = await createStore(page, "Keyboard Shop");
  await page.goto(`/s/${storeId}/rules/new`);
  const palette = page.getByRole("navigation", { name: "Steps to add" });
  const inspector = page.getByTestId("inspector");
  const press = async (label: string) => {
    await palette.getByRole("button", { name: label, exact: true }).focus();
    await page.keyboard.press("Enter");
  };

  // Each palette entry added by keyboard lands below the selected step, connected to its first free output.
  await press("Trigger");
  await expect(node(page, "trigger")).toBeVisible();
  await press("Condition");
  await expect(page.locator('.react-flow__edge[data-id="trigger:next->condition-1"]')).toHaveCount(1);
  await expect(inspector).toHaveAttribute("data-node-id", "condition-1");
  const comparison = inspector.getByRole("group", { name: "Condition 1", exact: true });
  await comparison.getByLabel("Field").selectOption({ label: "Order total" });
  await comparison.getByLabel("Operator").selectOption("at_least");
  await comparison.getByLabel("Value").fill("100");
  await expect(comparison.getByLabel("Case sensitive")).toHaveCount(0);
  await press("Move to folder");
  await expect(page.locator('.react-flow__edge[data-id="condition-1:true->action-1"]')).toHaveCount(1);
  await inspector.getByLabel("Folder").selectOption({ label: "Prepared" });
  await expect(node(page, "action-1")).toContainText("“Prepared”");

  // With the condition selected again, the next step takes its free "No" output.
  await node(page, "condition-1").click();
  await press("Add tag");
  await expect(page.locator('.react-flow__edge[data-id="condition-1:false->action-2"]')).toHaveCount(1);
  await inspector.getByLabel("Tag", { exact: true }).fill("small");

  // "Runs after" reconnects without a mouse.
  await inspector.getByLabel("Runs after").selectOption("action-1|next");
  await expect(page.locator('.react-flow__edge[data-id="action-1:next->action-2"]')).toHaveCount(1);
  await expect(page.locator('.react-flow__edge[data-id="condition-1:false->action-2"]')).toHaveCount(0);

  // Delete removes the focused step and its connection; Ctrl+Z brings both back.
  await node(page, "action-2").click();
  await page.keyboard.press("Delete");
  await expect(node(page, "action-2")).toHaveCount(0);
  await expect(edges(page)).toHaveCount(2);
  await page.keyboard.press("Control+z");
  await expect(node(page, "action-2")).toBeVisible();
  await expect(edges(page)).toHaveCount(3);

  await page.getByRole("button", { name: "Auto layout" }).click();
  await page.getByLabel("Rule name").fill("Big orders to Prepared");
  await shot(page, "rules-07-keyboard-built");
  await page.getByLabel("Rule name").press("Control+s");
  await page.waitForURL(new RegExp(`/s/${storeId}/rules/\\d+`));
  await expect(page.getByText("Rule created. It is off until you enable it.")).toBeVisible();
  await expect(edges(page)).toHaveCount(3);
  await expect(node(page, "action-2")).toContainText("“small”");
});
