"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Permission } from "@/server/permissions";

const ITEMS: { href: string; label: string; permission?: Permission }[] = [
  { href: "", label: "Dashboard" },
  { href: "/orders", label: "Orders", permission: "orders.read" },
  { href: "/rules", label: "Rules", permission: "rules.manage" },
  { href: "/inventory", label: "Inventory", permission: "inventory.manage" },
  { href: "/imports", label: "Imports", permission: "templates.manage" },
  { href: "/exports", label: "Exports", permission: "templates.manage" },
  { href: "/emails", label: "Emails", permission: "templates.manage" },
  { href: "/users", label: "Users", permission: "users.manage" },
  { href: "/audit", label: "Audit log", permission: "users.manage" },
  { href: "/settings", label: "Settings", permission: "settings.manage" },
];

/** Only what the user may open is shown; the procedures behind each page enforce it anyway. */
export function StoreNav({ storeId, permissions }: { storeId: number; permissions: readonly Permission[] }) {
  const pathname = usePathname();
  const base = `/s/${storeId}`;
  return (
    <nav aria-label="Store" className="flex flex-wrap gap-1">
      {ITEMS.filter((item) => !item.permission || permissions.includes(item.permission)).map((item) => {
        const href = `${base}${item.href}`;
        // Sections stay highlighted on their sub-pages (an order inside Orders).
        const active = item.href === "" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={item.label}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
