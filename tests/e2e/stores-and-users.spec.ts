import { expect, test } from "@playwright/test";
import { createStore, PASSWORD, shot, signIn, signUp, uniqueEmail } from "./helpers";

test("a supplier creates two stores, switches between them, and adds a read-only store user who sees only that store", async ({ page }) => {
  const ownerEmail = uniqueEmail("owner");
  const clientEmail = uniqueEmail("client");

  await signUp(page, "Sam Supplier", ownerEmail);
  await page.waitForURL(/\/stores\?welcome=1$/);
  await expect(page.getByText("Create a store for your first client")).toBeVisible();
  await shot(page, "01-welcome-no-stores");

  const northId = await createStore(page, "North Shop");
  const southId = await createStore(page, "South Shop");

  // The dropdown in the upper-left lists both; switching changes the store shown.
  await page.getByTestId("store-switcher").click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: "North Shop" })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: "South Shop" })).toBeVisible();
  await shot(page, "02-store-switcher-open");
  await menu.getByRole("menuitem", { name: "North Shop" }).click();
  await page.waitForURL(`**/s/${northId}`);
  await expect(page.getByTestId("store-title")).toHaveText("North Shop");
  await expect(page.getByTestId("store-switcher")).toContainText("North Shop");

  // Keyboard: open with Enter, Escape closes.
  await page.getByTestId("store-switcher").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menu")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();

  // Add a store user to North with "View orders" only; they have no account yet.
  await page.getByRole("link", { name: "Users" }).click();
  const form = page.getByRole("form", { name: "Add a store user" });
  await form.getByRole("textbox", { name: "Email" }).fill(clientEmail);
  for (const box of await form.getByRole("checkbox").all()) await box.uncheck();
  await form.getByRole("checkbox", { name: /View orders/ }).check();
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`${clientEmail} has no account yet`)).toBeVisible();
  await expect(page.getByText("Pending invitations")).toBeVisible();
  await shot(page, "03-store-user-invited");

  // Adding the same email again is refused with a message on the field.
  await form.getByRole("textbox", { name: "Email" }).fill(clientEmail);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("alert")).toContainText("already been invited");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);

  // The invited person signs up and lands in North, the only store they were added to.
  await signUp(page, "Casey Client", clientEmail);
  await page.waitForURL(`**/s/${northId}`);
  await expect(page.getByTestId("store-title")).toHaveText("North Shop");
  await expect(page.getByTestId("my-permissions")).toHaveText(/View orders/);
  const nav = page.getByRole("navigation", { name: "Store" });
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await page.getByTestId("store-switcher").click();
  await expect(page.getByRole("menu").getByRole("menuitem", { name: "South Shop" })).toHaveCount(0);
  await expect(page.getByRole("menu").getByRole("menuitem", { name: "North Shop" })).toBeVisible();
  await shot(page, "04-store-user-view");
  await page.keyboard.press("Escape");

  // Typing another store's address, or a settings page, does not get them in.
  await page.goto(`/s/${southId}`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.goto(`/s/${northId}/settings`);
  await expect(page.getByText("You do not have access to this page")).toBeVisible();
  await shot(page, "05-store-user-refused-settings");

  // The owner removes them: their very next request is refused.
  const ownerContext = await page.context().browser()!.newContext();
  const ownerPage = await ownerContext.newPage();
  await signIn(ownerPage, ownerEmail, PASSWORD);
  await ownerPage.waitForURL(/\/s\/\d+$/);
  await ownerPage.goto(`/s/${northId}/users`);
  ownerPage.once("dialog", (d) => d.accept());
  await ownerPage.getByTestId("member-row").filter({ hasText: clientEmail }).getByRole("button", { name: "Remove" }).click();
  await expect(ownerPage.getByTestId("member-row").filter({ hasText: clientEmail })).toHaveCount(0);
  await ownerContext.close();

  await page.reload();
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("forms show field-level messages and wrong credentials do not reveal whether the email exists", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Taylor");
  await page.getByLabel("Email").fill(uniqueEmail("short"));
  await page.getByLabel("Password").evaluate((el: HTMLInputElement) => el.removeAttribute("minlength"));
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await shot(page, "06-signup-field-error");

  const email = uniqueEmail("known");
  await signUp(page, "Known Person", email);
  await page.waitForURL(/\/stores\?welcome=1$/);
  await expect(page.getByText("You have no stores yet")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);

  const signInAlert = page.locator("form").getByRole("alert");
  await signIn(page, email, "not-the-password");
  const known = await signInAlert.textContent();
  await signIn(page, uniqueEmail("nobody"), "not-the-password");
  const unknown = await signInAlert.textContent();
  expect(known).toBe("The email or password is incorrect.");
  expect(unknown).toBe(known);
  await shot(page, "07-signin-wrong-credentials");

  // An empty store name is refused next to the field; nothing is created.
  await signIn(page, email);
  await page.waitForURL(/\/stores/);
  await page.getByLabel("Store name").fill("   ");
  await page.getByRole("button", { name: "Create store" }).click();
  await expect(page.getByText("Enter a store name.")).toBeVisible();
  await expect(page.getByText("You have no stores yet")).toBeVisible();
});

test("the demo login shown on the sign-in page works", async ({ page }) => {
  await page.goto("/signin");
  const demo = page.getByTestId("demo-login");
  await expect(demo).toBeVisible();
  const [email, password] = await demo.locator("p").nth(1).locator("code").allTextContents();
  await signIn(page, email!, password!);
  await page.waitForURL(/\/s\/\d+$/);
  await expect(page.getByTestId("store-title")).toHaveText("Acme Prints");
  await expect(page.getByText("Pending invitations")).toBeVisible();
  await page.getByTestId("store-switcher").click();
  await expect(page.getByRole("menu").getByRole("menuitem")).toHaveText(["Acme Prints", "Brightside Apparel", "Manage stores / new store…"]);
  await shot(page, "08-demo-dashboard");
});

test("an expired session sends the person to sign in with a clear message", async ({ page, context }) => {
  await signUp(page, "Expiring", uniqueEmail("expiring"));
  await page.waitForURL(/\/stores\?welcome=1$/);
  await expect(page.getByText("You have no stores yet")).toBeVisible();
  // A session cookie the server can no longer verify (expired, or signed with an old secret).
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "next-auth.session-token");
  expect(session).toBeDefined();
  await context.addCookies([{ ...session!, value: "expired-or-tampered" }]);
  await page.goto("/stores");
  await page.waitForURL(/\/signin\?reason=expired/);
  await expect(page.getByText("Your session has expired. Please sign in again.")).toBeVisible();
  await shot(page, "09-session-expired");
});
