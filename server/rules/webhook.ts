import { createHmac } from "node:crypto";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { DomainError } from "@/server/errors";

const TIMEOUT_MS = 30_000;

/** Loopback, private, link-local, CGNAT and unspecified addresses: never a customer's website. */
export function isPrivateAddress(address: string): boolean {
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (isIP(v4) === 4) {
    const [a, b] = v4.split(".").map(Number) as [number, number];
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  const v6 = address.toLowerCase();
  return v6 === "::" || v6 === "::1" || v6.startsWith("fc") || v6.startsWith("fd") || v6.startsWith("fe80");
}

/**
 * Refuses URLs that are not http(s) or that resolve to a private address (a rule must not reach
 * the server's own network), unless the host is allow-listed (WEBHOOK_ALLOWED_HOSTS).
 */
export async function assertPublicTarget(url: string, allowedHosts: readonly string[]) {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError("BAD_REQUEST", `"${url}" is not a valid URL.`, { field: "url" });
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new DomainError("BAD_REQUEST", "Webhook URLs must start with https:// or http://.", { field: "url" });
  }
  await assertPublicHost(parsed.hostname.replace(/^\[|\]$/g, ""), allowedHosts, "rules may only post to public websites", "url");
  return parsed;
}

/**
 * Refuses a host that resolves to a private address (a store user must not reach the server's
 * own network through a webhook or an FTP/SFTP export), unless it is allow-listed.
 */
export async function assertPublicHost(host: string, allowedHosts: readonly string[], rule: string, field: string) {
  if (allowedHosts.includes(host.toLowerCase())) return;
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.some(isPrivateAddress)) {
    throw new DomainError("BAD_REQUEST", `${host} is a private or loopback address; ${rule}.`, { field });
  }
}

/** The anchor's signature: hex HMAC-SHA256 of the order JSON with the store's webhook secret. */
export const signOrderJson = (json: string, secret: string) => createHmac("sha256", secret).update(json).digest("hex");

/**
 * Posts the order like Order Desk's "Post Order JSON": form field `order` = the JSON, headers
 * X-ORDER-DESK-STORE-ID and X-ORDER-DESK-HASH. Anything but 2xx throws, so the step retries.
 */
export async function postOrderJson(target: { url: string; storeId: number; secret: string; allowedHosts: readonly string[] }, order: unknown) {
  const url = await assertPublicTarget(target.url, target.allowedHosts);
  const json = JSON.stringify(order);
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "X-ORDER-DESK-STORE-ID": String(target.storeId),
      "X-ORDER-DESK-HASH": signOrderJson(json, target.secret),
      "user-agent": "Switchyard-Rules/1",
    },
    body: new URLSearchParams({ order: json }).toString(),
    redirect: "manual",
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status > 299) throw new Error(`${url.host} answered HTTP ${response.status}`);
  return { status: response.status };
}
