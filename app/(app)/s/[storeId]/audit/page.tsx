// Audit trail: who did what in this store (membership and settings changes).
import { AuditLog } from "@/components/stores/audit-log";
import { RequirePermission } from "@/components/stores/require-permission";
import { Card } from "@/components/ui/card";

export const metadata = { title: "Audit log" };

export default function AuditPage() {
  return (
    <RequirePermission permission="users.manage">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <Card title="Activity" description="Membership and settings changes, newest first.">
        <AuditLog />
      </Card>
    </RequirePermission>
  );
}
