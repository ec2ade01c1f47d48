// One rule in the visual editor, with test on order, backtest and its saved versions.
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { RuleEditor } from "@/components/rule-editor/rule-editor";
import { RequirePermission } from "@/components/stores/require-permission";

export const metadata = { title: "Rule" };

export default async function RulePage({ params }: { params: Promise<{ ruleId: string }> }) {
  const ruleId = Number((await params).ruleId);
  if (!Number.isSafeInteger(ruleId) || ruleId <= 0) notFound();
  return (
    <RequirePermission permission="rules.manage">
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <RuleEditor ruleId={ruleId} />
      </Suspense>
    </RequirePermission>
  );
}
