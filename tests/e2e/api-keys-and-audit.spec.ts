import { expect, test } from "@playwright/test";
import { createStore, shot, signUp, uniqueEmail } from "./helpers";

test("an owner creates an API key in settings, uses it, revokes it, and finds both in the audit log", async ({ page, request }) => {
  await signUp(page, "Key Keeper", uniqueEmail("keys"));
  await page.waitForURL(/\/stores\?welcome=1$/);
  const storeId = await createStore(page, "Keyed Shop");

  await page.goto(`/s/${storeId}/settings`);
  await page.getByLabel("New key name").fill("Nightly export");
  await page.getByRole("button", { name: "Create API key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^sy_/);
  await shot(page, "api-keys-01-created");

  const headers = { "ORDERDESK-STORE-ID": String(storeId), "ORDERDESK-API-KEY": key };
  const ok = await request.get("/api/v2/test", { headers });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).status).toBe("success");

  page.once("dialog", (d) => d.accept());
  await page.getByTestId("api-key-row").filter({ hasText: "Nightly export" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("api-key-row").filter({ hasText: "Nightly export" })).toContainText("Revoked");
  const refused = await request.get("/api/v2/test", { headers });
  expect(refused.status()).toBe(401);

  await page.getByRole("navigation", { name: "Store" }).getByRole("link", { name: "Audit log" }).click();
  const rows = page.getByTestId("audit-row");
  await expect(rows.filter({ hasText: "revoked an API key" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "created an API key" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "created the store" })).toHaveCount(1);
  await expect(page.locator("body")).not.toContainText(key);
  await shot(page, "api-keys-02-audit-log");
});
