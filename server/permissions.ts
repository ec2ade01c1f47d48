/**
 * The store permission table: the one list the server checks and the UI renders.
 * Pure data (no server-only import) so client components can show the same labels.
 */
export const PERMISSIONS = [
  { key: "dashboard.view", label: "View dashboard", description: "See the store overview." },
  { key: "orders.read", label: "View orders", description: "List and open orders." },
  { key: "orders.write", label: "Edit orders", description: "Create, edit, move and split orders." },
  { key: "orders.delete", label: "Delete orders", description: "Delete orders for good." },
  { key: "rules.manage", label: "Manage rules", description: "Build and switch rules on or off." },
  { key: "templates.manage", label: "Manage templates", description: "Import, export and email templates." },
  { key: "integrations.manage", label: "Manage integrations", description: "Connect carts and API keys." },
  { key: "inventory.manage", label: "Manage inventory", description: "Edit inventory items and stock." },
  { key: "users.manage", label: "Manage users", description: "Add and remove store users; see the audit trail." },
  { key: "settings.manage", label: "Manage settings", description: "Store name, timezone, currency, folders." },
  { key: "billing.manage", label: "Manage billing", description: "Plans and invoices." },
] as const;

export type Permission = (typeof PERMISSIONS)[number]["key"];

export const ALL_PERMISSIONS: readonly Permission[] = PERMISSIONS.map((p) => p.key);

export function isPermission(value: string): value is Permission {
  return (ALL_PERMISSIONS as readonly string[]).includes(value);
}

export type StoreRole = "owner" | "member";

/** Owners hold every permission; members hold what their row lists (unknown keys are ignored). */
export function effectivePermissions(role: StoreRole, granted: readonly string[]): Permission[] {
  if (role === "owner") return [...ALL_PERMISSIONS];
  return ALL_PERMISSIONS.filter((p) => granted.includes(p));
}
