import { expect, test } from "@playwright/test";
import { ruleToGraph } from "@/rules";
import { createStore, shot, signUp, uniqueEmail } from "./helpers";

test("a rule saved to the account's library is applied to another store, where it shows as from the library", async ({ page }) => {
  await signUp(page, "Lena Library", uniqueEmail("library"));
  await page.waitForURL(/\/stores\?welcome=1$/);
  const clientB = await createStore(page, "Client Bee");
  const clientA = await createStore(page, "Client Ant");
  // A rule through the same tRPC endpoint the editor saves with.
  const graph = ruleToGraph({
    version: 1,
    id: "draft",
    name: "Prepare paid orders",
    trigger: { kind: "order.created", nodeId: "t" },
    scope: { kind: "order" },
    body: [{ kind: "action", nodeId: "tag", action: { kind: "add_tag", input: { tag: "paid" } } }],
  });
  const saved = await page.request.post("/api/trpc/rule.save", { data: { json: { storeId: clientA, name: "Prepare paid orders", graph } } });
  expect(saved.ok(), await saved.text()).toBe(true);

  await page.goto(`/s/${clientA}/rules`);
  await page.getByRole("button", { name: "Save Prepare paid orders to library" }).click();
  const library = page.getByRole("list", { name: "Library rules" });
  await expect(library).toContainText("Prepare paid orders");
  await page.getByRole("button", { name: "Apply Prepare paid orders to stores" }).click();
  const dialog = page.getByRole("dialog", { name: /Apply .Prepare paid orders. to stores/ });
  await dialog.getByLabel("Client Bee").check();
  await dialog.getByRole("button", { name: "Apply to 1 store" }).click();
  await expect(dialog.getByTestId("library-apply-result")).toContainText("Client Bee");
  await shot(page, "rules-08-library-applied");
  await dialog.getByRole("button", { name: "Close" }).click();

  await page.goto(`/s/${clientB}/rules`);
  await expect(page.getByText("Prepare paid orders").first()).toBeVisible();
  await expect(page.getByText("From library").first()).toBeVisible();
});
