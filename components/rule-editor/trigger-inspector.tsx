"use client";

import { TimezoneOptions } from "@/components/stores/locale-options";
import { SelectField, TextField } from "@/components/ui/field";
import { TRIGGER_KINDS, TRIGGERS, type TriggerConfig, type TriggerKind, type TriggerNodeData } from "@/rules";
import { ConditionEditor } from "./condition-editor";
import { CheckboxField, RadioGroup } from "./fields";
import { emptyComparison } from "./graph-model";

type Folder = { id: number; name: string };

function triggerOf(kind: TriggerKind, before: TriggerConfig, folders: readonly Folder[]): TriggerConfig {
  const folderId = "folderId" in before ? before.folderId : undefined;
  switch (kind) {
    case "schedule":
      return { kind, cron: before.kind === "schedule" ? before.cron : "0 9 * * *", timezone: before.kind === "schedule" ? before.timezone : "UTC", folderId: (folderId ?? folders[0]?.id) as number };
    case "order.folder_changed":
      return folderId ? { kind, folderId } : { kind };
    default:
      return { kind } as TriggerConfig;
  }
}

/** When the rule runs (trigger, folder, schedule) and on what (the order, or each matching item). */
export function TriggerInspector({ data, onChange, folders }: { data: TriggerNodeData; onChange: (data: TriggerNodeData, mergeKey?: string) => void; folders: readonly Folder[] }) {
  const { trigger, scope } = data;
  const setTrigger = (next: TriggerConfig, mergeKey?: string) => onChange({ ...data, trigger: next }, mergeKey);
  return (
    <div className="space-y-4">
      <SelectField
        label="Runs when"
        value={trigger.kind}
        hint={TRIGGERS[trigger.kind]?.description}
        onChange={(e) => setTrigger(triggerOf(e.target.value as TriggerKind, trigger, folders))}
      >
        {TRIGGER_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {TRIGGERS[kind].label}
          </option>
        ))}
      </SelectField>

      {trigger.kind === "order.folder_changed" ? (
        <SelectField
          label="Into folder"
          value={trigger.folderId ?? ""}
          hint="Leave on “Any folder” to run on every folder change."
          onChange={(e) => setTrigger(e.target.value ? { kind: trigger.kind, folderId: Number(e.target.value) } : { kind: trigger.kind })}
        >
          <option value="">Any folder</option>
          {folders.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </SelectField>
      ) : null}

      {trigger.kind === "schedule" ? (
        <>
          <TextField
            label="Schedule (cron)"
            value={trigger.cron ?? ""}
            placeholder="0 9 * * MON-FRI"
            hint="minute hour day-of-month month day-of-week, e.g. “0 9 * * MON-FRI” is 9:00 on weekdays."
            onChange={(e) => setTrigger({ ...trigger, cron: e.target.value }, "trigger:cron")}
          />
          <SelectField label="Time zone" value={trigger.timezone ?? "UTC"} onChange={(e) => setTrigger({ ...trigger, timezone: e.target.value })}>
            <TimezoneOptions current={trigger.timezone} />
          </SelectField>
          <SelectField label="Runs on the orders in" value={trigger.folderId ?? ""} onChange={(e) => setTrigger({ ...trigger, folderId: Number(e.target.value) })}>
            <option value="" disabled>
              Choose a folder…
            </option>
            {folders.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </SelectField>
        </>
      ) : null}

      <RadioGroup
        legend="Runs on"
        value={scope.kind}
        options={[
          { value: "order", label: "The whole order" },
          { value: "items", label: "Each item" },
        ]}
        onChange={(kind) => onChange({ ...data, scope: kind === "order" ? { kind: "order" } : { kind: "items" } })}
      />
      {scope.kind === "items" ? (
        <div className="space-y-2">
          <p className="text-xs text-slate-500">Conditions and actions run once per item and can read item fields (SKU, quantity…).</p>
          <CheckboxField
            label="Only items where…"
            checked={scope.where !== undefined}
            onChange={(e) => onChange({ ...data, scope: e.target.checked ? { kind: "items", where: { all: [emptyComparison("item.code")] } } : { kind: "items" } })}
          />
          {scope.where ? (
            <ConditionEditor
              label="Item filter"
              value={scope.where}
              folders={folders}
              inItem
              onChange={(where, mergeKey) => onChange({ ...data, scope: { kind: "items", where } }, mergeKey && `where:${mergeKey}`)}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
