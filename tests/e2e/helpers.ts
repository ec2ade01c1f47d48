import { expect, type Page } from "@playwright/test";

export const PASSWORD = "a-long-enough-password";

export function uniqueEmail(label: string) {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

export async function signUp(page: Page, name: string, email: string) {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function createStore(page: Page, name: string) {
  await page.goto("/stores");
  await page.getByLabel("Store name").fill(name);
  await page.getByRole("button", { name: "Create store" }).click();
  await page.waitForURL(/\/s\/\d+$/);
  await page.getByTestId("store-title").filter({ hasText: name }).waitFor();
  return Number(new URL(page.url()).pathname.split("/")[2]);
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

/**
 * An order created through the tRPC endpoint the UI calls, with the page's session cookie (for
 * setting up what a spec then works on in the browser). Returns the new order's id.
 */
export async function createOrderViaApi(page: Page, storeId: number, order: Record<string, unknown>): Promise<number> {
  const response = await page.request.post("/api/trpc/order.create", { data: { json: { storeId, order } } });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: { orderId: number } } } }).result.data.json.orderId;
}
