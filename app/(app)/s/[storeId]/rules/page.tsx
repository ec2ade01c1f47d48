// Rules: the store's automation rules in the order they run, with on/off, reorder, duplicate and delete.
import { RulesList } from "@/components/rule-editor/rules-list";
import { RequirePermission } from "@/components/stores/require-permission";

export const metadata = { title: "Rules" };

export default function RulesPage() {
  return (
    <RequirePermission permission="rules.manage">
      <RulesList />
    </RequirePermission>
  );
}
