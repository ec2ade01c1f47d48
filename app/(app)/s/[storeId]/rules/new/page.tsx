// A new rule on the visual editor: trigger, conditions and actions on a canvas, tested before saving.
import { Suspense } from "react";
import { RuleEditor } from "@/components/rule-editor/rule-editor";
import { RequirePermission } from "@/components/stores/require-permission";

export const metadata = { title: "New rule" };

export default function NewRulePage() {
  return (
    <RequirePermission permission="rules.manage">
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <RuleEditor />
      </Suspense>
    </RequirePermission>
  );
}
