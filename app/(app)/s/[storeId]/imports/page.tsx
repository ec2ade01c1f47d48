// Imports: upload a CSV/XLSX of orders, inventory or shipments, map its columns, preview, import, read the report; saved templates that fetch from FTP/SFTP.
import { Suspense } from "react";
import { ImportCenter } from "@/components/imports/import-center";
import { RequirePermission } from "@/components/stores/require-permission";

export const metadata = { title: "Imports" };

export default function ImportsPage() {
  return (
    <RequirePermission permission="templates.manage">
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <ImportCenter />
      </Suspense>
    </RequirePermission>
  );
}
