import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { APIRequestContext, APIResponse, PlaywrightWorkerArgs } from "@playwright/test";

type Playwright = PlaywrightWorkerArgs["playwright"];

/**
 * Setup for the REST v2 specs, done the way a person does it: sign up, sign in, create a store and
 * an API key through the app's own tRPC procedures over HTTP. Then an API client with the key.
 */
const PASSWORD = "a-long-enough-password";
const unique = (label: string) => `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

async function trpc(request: APIRequestContext, path: string, input: unknown) {
  const res = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = await res.json();
  if (!res.ok()) throw new Error(`${path} failed (${res.status()}): ${JSON.stringify(body)}`);
  return body.result.data.json;
}

export interface StoreSession {
  storeId: number;
  key: string;
  keyId: number;
  /** Signed in as the store's owner (tRPC). */
  owner: APIRequestContext;
  /** Sends the store id and key with every request. */
  api: APIRequestContext;
  /** A client for this store with another key (or a wrong one). */
  clientWith(key: string, storeId?: number): Promise<APIRequestContext>;
  dispose(): Promise<void>;
}

export async function newStoreWithKey(playwright: Playwright, baseURL: string, label = "api"): Promise<StoreSession> {
  const owner = await playwright.request.newContext({ baseURL });
  const email = `${unique(label)}@example.test`;
  await trpc(owner, "account.signUp", { name: label, email, password: PASSWORD });
  const { csrfToken } = await (await owner.get("/api/auth/csrf")).json();
  const signIn = await owner.post("/api/auth/callback/credentials", { form: { csrfToken, email, password: PASSWORD, json: "true" }, maxRedirects: 0 });
  if (signIn.status() !== 200) throw new Error(`sign-in failed: ${signIn.status()}`);
  const store = await trpc(owner, "store.create", { name: unique(`${label} store`) });
  const created = await trpc(owner, "apiKey.create", { storeId: store.id, name: `${label} key` });
  const contexts: APIRequestContext[] = [owner];
  const clientWith = async (key: string, storeId: number = store.id) => {
    const context = await playwright.request.newContext({
      baseURL: `${baseURL}/api/v2/`,
      extraHTTPHeaders: { "ORDERDESK-STORE-ID": String(storeId), "ORDERDESK-API-KEY": key, "User-Agent": "switchyard-api-spec" },
    });
    contexts.push(context);
    return context;
  };
  return {
    storeId: store.id,
    key: created.key,
    keyId: created.id,
    owner,
    api: await clientWith(created.key),
    clientWith,
    dispose: async () => {
      await Promise.all(contexts.map((c) => c.dispose()));
    },
  };
}

/** A tRPC query (GET) as the signed-in owner. */
export async function trpcQuery(request: APIRequestContext, path: string, input: unknown) {
  const res = await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = await res.json();
  if (!res.ok()) throw new Error(`${path} failed (${res.status()}): ${JSON.stringify(body)}`);
  return body.result.data.json;
}

export { trpc };

/** Status and parsed body of an answer. */
export async function answer(res: APIResponse) {
  return { status: res.status(), body: await res.json(), headers: res.headers() };
}

/**
 * Order Desk's published sample order (a copy of ../shared/fixtures/orderdesk/order.json), minus
 * its folder_id (folder 1 is some other store's).
 */
export function sampleOrder(): Record<string, unknown> {
  const order = JSON.parse(readFileSync(join(process.cwd(), "tests/fixtures/orderdesk/order.json"), "utf8"));
  delete order.folder_id;
  return order;
}
