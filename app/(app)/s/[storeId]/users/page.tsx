// Store users: add people by email with permissions, edit or remove them, pending invitations.
import { MemberManagement } from "@/components/stores/member-management";
import { RequirePermission } from "@/components/stores/require-permission";

export const metadata = { title: "Users" };

export default function UsersPage() {
  return (
    <RequirePermission permission="users.manage">
      <h1 className="text-2xl font-semibold">Store users</h1>
      <MemberManagement />
    </RequirePermission>
  );
}
