import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";

const PASSWORD = "a-long-enough-password";
const LATEST_MIGRATION = (JSON.parse(readFileSync("db/migrations/meta/_journal.json", "utf8")) as { entries: { tag: string }[] }).entries.at(-1)!.tag;
const email = (label: string) => `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;

async function trpc(request: APIRequestContext, path: string, input: unknown, method: "GET" | "POST" = "POST") {
  const res =
    method === "POST"
      ? await request.post(`/api/trpc/${path}`, { data: { json: input } })
      : await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  return { status: res.status(), body: await res.json() };
}

async function signIn(request: APIRequestContext, address: string, password: string) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: address, password, json: "true" },
    maxRedirects: 0,
  });
  return { status: res.status(), body: await res.text() };
}

test("health reports the database and the applied migration, with a request id", async ({ request }) => {
  const res = await request.get("/api/health", { headers: { "x-request-id": "lb-check-1" } });
  expect(res.status()).toBe(200);
  expect(res.headers()["x-request-id"]).toBe("lb-check-1");
  expect(await res.json()).toEqual({ status: "ok", database: "up", migration: LATEST_MIGRATION });

  const generated = await request.get("/api/health");
  expect(generated.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("tRPC without a session is 401 with a message to sign in again", async ({ request }) => {
  const { status, body } = await trpc(request, "store.list", undefined, "GET");
  expect(status).toBe(401);
  expect(body.error.json.message).toBe("Your session has expired. Please sign in again.");
});

test("sign-up validation errors come back per field", async ({ request }) => {
  const { status, body } = await trpc(request, "account.signUp", { name: "", email: "not-an-email", password: "x" });
  expect(status).toBe(400);
  expect(Object.keys(body.error.json.data.fieldErrors).sort()).toEqual(["email", "name", "password"]);
});

test("wrong password and unknown email get the same answer", async ({ playwright, baseURL }) => {
  const known = email("known");
  const setup = await playwright.request.newContext({ baseURL });
  expect((await trpc(setup, "account.signUp", { name: "Known", email: known, password: PASSWORD })).status).toBe(200);

  const a = await playwright.request.newContext({ baseURL });
  const b = await playwright.request.newContext({ baseURL });
  const wrongPassword = await signIn(a, known, "wrong-password-here");
  const unknownEmail = await signIn(b, email("nobody"), "wrong-password-here");
  expect(wrongPassword.status).toBe(unknownEmail.status);
  expect(wrongPassword.body).toBe(unknownEmail.body);
  expect(wrongPassword.body).toContain("CredentialsSignin");
  await Promise.all([setup.dispose(), a.dispose(), b.dispose()]);
});

test("over HTTP, a signed-in user gets NOT_FOUND for another user's store", async ({ playwright, baseURL }) => {
  const owner = await playwright.request.newContext({ baseURL });
  const stranger = await playwright.request.newContext({ baseURL });
  const ownerEmail = email("owner");
  const strangerEmail = email("stranger");
  await trpc(owner, "account.signUp", { name: "Owner", email: ownerEmail, password: PASSWORD });
  await trpc(stranger, "account.signUp", { name: "Stranger", email: strangerEmail, password: PASSWORD });
  expect((await signIn(owner, ownerEmail, PASSWORD)).status).toBe(200);
  expect((await signIn(stranger, strangerEmail, PASSWORD)).status).toBe(200);

  const created = await trpc(owner, "store.create", { name: "Private Store" });
  expect(created.status).toBe(200);
  const storeId = created.body.result.data.json.id as number;

  const mine = await trpc(owner, "store.byId", { storeId }, "GET");
  expect(mine.body.result.data.json.store.name).toBe("Private Store");

  const theirs = await trpc(stranger, "store.byId", { storeId }, "GET");
  expect(theirs.status).toBe(404);
  const rename = await trpc(stranger, "store.updateSettings", { storeId, name: "Hijacked", timezone: "UTC", currency: "USD" });
  expect(rename.status).toBe(404);
  expect((await trpc(owner, "store.byId", { storeId }, "GET")).body.result.data.json.store.name).toBe("Private Store");
  await Promise.all([owner.dispose(), stranger.dispose()]);
});
