import { z } from "zod";
import { findField } from "./fields";

/**
 * What a rule can do, as UI-safe metadata: label, description, input schema and where it may run.
 * Handlers live on the server and apply the resolved intents; nothing here performs an action.
 *
 * `scope`: "order" actions act on the whole order, so they are refused in a "for each item" rule
 * (they would run once per item); "item" actions need an item; "both" work either way (in an item
 * rule their intent carries the item's index).
 *
 * Values of set_field, set_checkout_data and set_metadata may hold date tokens and counters
 * (tokens.ts); they are checked by validate.ts and resolved at evaluation.
 */
export type ActionScope = "order" | "item" | "both";

const positiveId = (what: string) => z.number({ error: `Choose a ${what}.` }).int(`Choose a ${what}.`).positive(`Choose a ${what}.`);
const text = (what: string, max: number) =>
  z.string({ error: `Enter ${what}.` }).regex(/\S/, `Enter ${what}.`).max(max, `Use at most ${max} characters for ${what}.`);
const value = z.string({ error: "Enter a value (it may be empty)." }).max(1000, "Use at most 1000 characters for the value.");
const tag = text("a tag", 50);
const key = text("a key", 100);

export const SPLIT_KEYS = ["code", "category_code", "delivery_type", "name", "variation"] as const;
/** Split by one of SPLIT_KEYS (`variation` = the whole variation list) or by one variation, "variation:Size". */
export type SplitKey = (typeof SPLIT_KEYS)[number] | `variation:${string}`;
const isSplitKey = (v: unknown): v is SplitKey => typeof v === "string" && ((SPLIT_KEYS as readonly string[]).includes(v) || /^variation:\S/.test(v));

const setField = z.strictObject({
  field: z.string({ error: "Choose a field." }).refine((f) => findField(f)?.editable === true, {
    error: (issue) => `"${String(issue.input)}" is not a field a rule can set.`,
  }),
  value,
});

const setShippingMethod = z.union(
  [
    z.strictObject({ method: text("a shipping method", 200) }),
    z.strictObject({
      mapping: z
        .array(z.strictObject({ from: text("the method to replace", 200), to: text("the new method", 200) }), { error: "Add at least one mapping." })
        .min(1, "Add at least one mapping.")
        .max(100, "Use at most 100 mappings."),
      default: text("a default method", 200).optional(),
    }),
  ],
  { error: 'Give either a "method" or a "mapping" (from -> to, with an optional default).' },
);

const adjustInventory = z
  .strictObject({
    mode: z.enum(["decrement", "increment", "set"], { error: 'Choose "decrement", "increment" or "set".' }),
    quantity: z.number().int("Enter a whole number.").min(0, "Use 0 or more.").max(1_000_000_000).optional(),
  })
  .refine((input) => input.mode !== "set" || input.quantity !== undefined, { path: ["quantity"], error: 'Enter the quantity to set ("set" needs one).' });

const action = <I extends z.ZodType>(label: string, description: string, scope: ActionScope, input: I) => ({ label, description, scope, input });

export const ACTIONS = {
  move_to_folder: action("Move to folder", "Moves the order to a folder (fires the folder-changed event).", "both", z.strictObject({ folderId: positiveId("folder") })),
  add_tag: action("Add tag", "Adds a tag to the order, optionally with a colour.", "both", z.strictObject({ tag, color: z.string().max(30).optional() })),
  remove_tag: action("Remove tag", "Removes a tag from the order.", "both", z.strictObject({ tag })),
  set_field: action("Set field", "Writes a value into an order or item field.", "both", setField),
  set_checkout_data: action("Set checkout data", "Writes a checkout data key.", "both", z.strictObject({ key, value })),
  set_metadata: action("Set metadata", "Writes an order metadata key.", "both", z.strictObject({ key, value })),
  set_shipping_method: action("Set shipping method", "Sets the shipping method, directly or by mapping the current one.", "both", setShippingMethod),
  add_note: action("Add note", "Adds a note to the order history.", "both", z.strictObject({ content: text("the note", 5000) })),
  split_order: action(
    "Split order",
    "Splits the order into one order per value of an item field (SKU, vendor, delivery type, name, variation).",
    "order",
    z.strictObject({ key: z.custom<SplitKey>(isSplitKey, { error: 'Split by "code", "category_code", "delivery_type", "name", "variation" or "variation:<name>".' }) }),
  ),
  copy_to_store: action("Copy to store", "Copies the order into another store.", "order", z.strictObject({ storeId: positiveId("store") })),
  move_to_store: action("Move to store", "Moves the order into another store.", "order", z.strictObject({ storeId: positiveId("store") })),
  adjust_inventory: action("Adjust inventory", "Changes stock for the item (or every item in an order rule).", "both", adjustInventory),
  send_email: action(
    "Send email",
    "Sends an email to the customer or an address.",
    "both",
    z.strictObject({
      to: z.union([z.literal("customer"), z.email({ error: 'Send to "customer" or an email address.' })], { error: 'Send to "customer" or an email address.' }),
      subject: text("a subject", 200),
      body: text("a message", 20_000),
      templateId: positiveId("template").optional(),
    }),
  ),
  export_orders: action(
    "Export with template",
    "Sends the order with an export template (file, email, FTP, SFTP); an order the template already exported is not sent again.",
    "order",
    z.strictObject({ templateId: positiveId("export template") }),
  ),
  post_webhook: action(
    "Post to webhook",
    // Signed with the store's webhook secret (derived on the server, never stored in a rule).
    "Posts the order JSON to a URL, signed like Order Desk's X-ORDER-DESK-HASH.",
    "both",
    z.strictObject({ url: z.url({ protocol: /^https?$/, error: "Enter an http(s) URL." }) }),
  ),
  stop_processing: action("Stop processing rules", "No later rule runs for this event (this rule finishes).", "both", z.strictObject({})),
};

export type ActionId = keyof typeof ACTIONS;
export const ACTION_IDS = Object.keys(ACTIONS) as ActionId[];
export type ActionInput<K extends ActionId = ActionId> = z.output<(typeof ACTIONS)[K]["input"]>;
export type ActionDef = (typeof ACTIONS)[ActionId] & { id: ActionId };

/** The catalog as a list, for pickers. */
export const ACTION_LIST: readonly ActionDef[] = ACTION_IDS.map((id) => ({ id, ...ACTIONS[id] }));

export const isActionId = (value: string): value is ActionId => Object.hasOwn(ACTIONS, value);
