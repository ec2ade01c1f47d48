import { expect, test } from "@playwright/test";
import { ruleToGraph } from "@/rules";
import { createStore, shot, signUp, uniqueEmail } from "./helpers";

test("a \"Run by hand\" rule runs on orders selected in the list, and the order page shows what it did", async ({ page }) => {
  await signUp(page, "Rune Runner", uniqueEmail("runs"));
  await page.waitForURL(/\/stores\?welcome=1$/);
  const storeId = await createStore(page, "Manual Shop");
  const post = async (path: string, json: unknown) => {
    const res = await page.request.post(`/api/trpc/${path}`, { data: { json } });
    expect(res.ok(), await res.text()).toBe(true);
    return (await res.json()).result.data.json;
  };
  const graph = ruleToGraph({
    version: 1,
    id: "draft",
    name: "Flag for review",
    trigger: { kind: "manual", nodeId: "t" },
    scope: { kind: "order" },
    body: [{ kind: "action", nodeId: "flag", action: { kind: "add_tag", input: { tag: "review" } } }],
  });
  const rule = await post("rule.save", { storeId, name: "Flag for review", graph });
  await post("rule.setEnabled", { storeId, ruleId: rule.id, enabled: true });
  const { orderId } = await post("order.create", { storeId, order: { source_id: "manual-1", email: "m@example.test" } });

  await page.goto(`/s/${storeId}/orders`);
  await page.getByTestId("order-row").first().getByRole("checkbox").check();
  const bulk = page.getByRole("region", { name: "Bulk actions" });
  await bulk.getByLabel("Run rule").selectOption({ label: "Flag for review" });
  await bulk.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByText(/"Flag for review" is running on 1 order/)).toBeVisible();

  await page.goto(`/s/${storeId}/orders/${orderId}`);
  const runs = page.getByTestId("rule-runs-card");
  await expect(async () => {
    await page.reload();
    await expect(runs.getByTestId("rule-run-action")).toContainText("applied", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(runs).toContainText("Run by hand");
  await expect(runs.getByTestId("rule-run-action")).toContainText("add tag · Flag for review");
  await expect(page.getByTestId("history-line").first()).toContainText("Tags changed");
  await shot(page, "rules-09-order-run-log");
});
