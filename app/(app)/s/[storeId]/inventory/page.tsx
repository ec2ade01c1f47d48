// Inventory: the store's items (name, SKU, stock, price, location), searchable and paged, with create, edit, delete and quick stock changes.
import { InventoryManager } from "@/components/inventory/inventory-manager";
import { RequirePermission } from "@/components/stores/require-permission";

export const metadata = { title: "Inventory" };

export default function InventoryPage() {
  return (
    <RequirePermission permission="inventory.manage">
      <InventoryManager />
    </RequirePermission>
  );
}
