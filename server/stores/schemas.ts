import { z } from "zod";

/** Any IANA name the runtime knows, aliases included (Asia/Kolkata as well as Asia/Calcutta). */
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

export const storeName = z.string().trim().min(1, "Enter a store name.").max(80, "Use at most 80 characters.");
export const timezone = z.string().trim().min(1, "Choose a timezone.").refine(isTimeZone, "Choose a timezone from the list.");
export const currency = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => CURRENCIES.has(c), "Choose a currency from the list (ISO 4217 code, e.g. USD).");

export const createStoreInput = z.object({
  name: storeName,
  timezone: timezone.default("UTC"),
  currency: currency.default("USD"),
});
export type CreateStoreInput = z.infer<typeof createStoreInput>;

export const updateSettingsInput = z.object({
  name: storeName,
  timezone,
  currency,
  /** Take ordered quantities off inventory when an order is created; left as is when omitted. */
  decrementStockOnOrder: z.boolean().optional(),
});
export type UpdateSettingsInput = z.infer<typeof updateSettingsInput>;

export const folderName = z.string().trim().min(1, "Enter a folder name.").max(60, "Use at most 60 characters.");

export const DEFAULT_FOLDERS = ["New", "Prepared", "Closed", "Canceled"] as const;
