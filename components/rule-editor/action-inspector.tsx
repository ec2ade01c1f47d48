"use client";

import { SelectField, TextField } from "@/components/ui/field";
import { ACTIONS, FIELDS, KEYED_FIELDS, SPLIT_KEYS, TOKEN_HELP, type Action, type ActionId } from "@/rules";
import { keyedField, SmallButton } from "./condition-editor";
import { splitKeyLabel } from "./describe";
import { FieldOptions, RadioGroup, TextAreaField } from "./fields";
import { defaultActionInput, makeAction } from "./graph-model";
import { TemplatePicker } from "./template-picker";

type Option = { id: number; name: string };
type Input = Record<string, unknown>;

/** The palette's and the kind picker's grouping of the action catalog (unknown ids land in "Other"). */
export const ACTION_GROUPS: { label: string; ids: ActionId[] }[] = [
  { label: "Organise", ids: ["move_to_folder", "add_tag", "remove_tag"] },
  { label: "Change the order", ids: ["set_field", "set_checkout_data", "set_metadata", "set_shipping_method", "add_note"] },
  { label: "Split and send on", ids: ["split_order", "copy_to_store", "move_to_store"] },
  { label: "Inventory", ids: ["adjust_inventory"] },
  { label: "Notify and export", ids: ["send_email", "export_orders", "post_webhook"] },
  { label: "Flow", ids: ["stop_processing"] },
];

export function groupedActions(): { label: string; ids: ActionId[] }[] {
  const listed = new Set(ACTION_GROUPS.flatMap((g) => g.ids));
  const known = ACTION_GROUPS.map((g) => ({ ...g, ids: g.ids.filter((id) => id in ACTIONS) }));
  const other = (Object.keys(ACTIONS) as ActionId[]).filter((id) => !listed.has(id));
  return other.length ? [...known, { label: "Other", ids: other }] : known;
}

const str = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));

/** One action: its kind and a form for its input. Empty optional fields are left out of the input. */
export function ActionInspector({
  action,
  onChange,
  folders,
  stores,
  itemRule,
}: {
  action: Action;
  onChange: (action: Action, mergeKey?: string) => void;
  folders: readonly Option[];
  /** Other stores the user reaches (copy / move targets). */
  stores: readonly Option[];
  itemRule: boolean;
}) {
  const input = (action.input ?? {}) as Input;
  const setInput = (next: Input, mergeKey?: string) => onChange(makeAction(action.kind, next), mergeKey);
  const set = (key: string, value: unknown, mergeKey?: string) => {
    const next = { ...input };
    if (value === undefined) delete next[key];
    else next[key] = value;
    setInput(next, mergeKey && `input:${mergeKey}`);
  };
  const def = ACTIONS[action.kind];
  return (
    <div className="space-y-4">
      <SelectField
        label="Action"
        value={action.kind}
        hint={def?.description}
        onChange={(e) => onChange(makeAction(e.target.value as ActionId, defaultActionInput(e.target.value as ActionId)))}
      >
        {groupedActions().map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.ids.map((id) => (
              <option key={id} value={id}>
                {ACTIONS[id].label}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      {itemRule && def?.scope === "order" ? (
        <p className="text-xs text-red-700">This action acts on the whole order, so it cannot run in a “for each item” rule.</p>
      ) : null}
      <ActionForm kind={action.kind} input={input} set={set} setInput={setInput} folders={folders} stores={stores} itemRule={itemRule} />
    </div>
  );
}

function ActionForm({
  kind,
  input,
  set,
  setInput,
  folders,
  stores,
  itemRule,
}: {
  kind: ActionId;
  input: Input;
  set: (key: string, value: unknown, mergeKey?: string) => void;
  setInput: (input: Input, mergeKey?: string) => void;
  folders: readonly Option[];
  stores: readonly Option[];
  itemRule: boolean;
}) {
  const text = (key: string, label: string, props: { placeholder?: string; hint?: string; maxLength?: number; optional?: boolean; type?: string } = {}) => (
    <TextField
      label={label}
      value={str(input[key])}
      placeholder={props.placeholder}
      hint={props.hint}
      maxLength={props.maxLength}
      type={props.type}
      onChange={(e) => set(key, props.optional && e.target.value === "" ? undefined : e.target.value, key)}
    />
  );
  switch (kind) {
    case "move_to_folder":
      return (
        <SelectField label="Folder" value={str(input.folderId)} onChange={(e) => set("folderId", e.target.value ? Number(e.target.value) : undefined)}>
          <option value="">Choose a folder…</option>
          {folders.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </SelectField>
      );
    case "copy_to_store":
    case "move_to_store":
      return (
        <SelectField
          label="Store"
          value={str(input.storeId)}
          hint={stores.length ? "Stores you can reach, other than this one." : "You reach no other store; create one or ask to be added to one."}
          onChange={(e) => set("storeId", e.target.value ? Number(e.target.value) : undefined)}
        >
          <option value="">Choose a store…</option>
          {stores.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
      );
    case "add_tag":
      return (
        <>
          {text("tag", "Tag", { placeholder: "e.g. rush", maxLength: 50 })}
          {text("color", "Colour (optional)", { placeholder: "e.g. #2f6fed or red", maxLength: 30, optional: true })}
        </>
      );
    case "remove_tag":
      return text("tag", "Tag", { placeholder: "e.g. rush", maxLength: 50 });
    case "set_field":
      return <SetFieldForm input={input} set={set} itemRule={itemRule} />;
    case "set_checkout_data":
    case "set_metadata":
      return (
        <>
          {text("key", "Key", { placeholder: "e.g. Gift Message", maxLength: 100 })}
          {text("value", "Value", { hint: TOKEN_HELP, maxLength: 1000 })}
        </>
      );
    case "set_shipping_method":
      return <ShippingForm input={input} setInput={setInput} />;
    case "add_note":
      return <TextAreaField label="Note" value={str(input.content)} maxLength={5000} onChange={(e) => set("content", e.target.value, "content")} />;
    case "split_order": {
      const key = str(input.key);
      const variation = key.startsWith("variation:");
      return (
        <>
          <SelectField label="Split by" value={variation ? "variation:" : key} onChange={(e) => set("key", e.target.value)}>
            {SPLIT_KEYS.map((k) => (
              <option key={k} value={k}>
                {k === "variation" ? "Whole variation" : splitKeyLabel(k).replace(/^./, (c) => c.toUpperCase())}
              </option>
            ))}
            <option value="variation:">One variation option…</option>
          </SelectField>
          {variation ? (
            <TextField label="Variation option" value={key.slice(10)} placeholder="e.g. Size" maxLength={100} onChange={(e) => set("key", `variation:${e.target.value}`, "key")} />
          ) : null}
          <p className="text-xs text-slate-500">One order per value; shipping, tax and discounts are shared out so the totals still add up.</p>
        </>
      );
    }
    case "adjust_inventory":
      return (
        <>
          <SelectField label="Change" value={str(input.mode)} onChange={(e) => set("mode", e.target.value)}>
            <option value="decrement">Take off stock</option>
            <option value="increment">Add to stock</option>
            <option value="set">Set stock to</option>
          </SelectField>
          <TextField
            label={input.mode === "set" ? "Quantity" : "Quantity (optional)"}
            type="number"
            min={0}
            step={1}
            value={str(input.quantity)}
            hint={input.mode === "set" ? undefined : "Leave empty to use each item's ordered quantity."}
            onChange={(e) => set("quantity", e.target.value === "" ? undefined : Number(e.target.value), "quantity")}
          />
        </>
      );
    case "send_email": {
      const toCustomer = input.to === "customer";
      return (
        <>
          <RadioGroup
            legend="Send to"
            value={toCustomer ? "customer" : "address"}
            options={[
              { value: "customer", label: "The customer" },
              { value: "address", label: "An address" },
            ]}
            onChange={(v) => set("to", v === "customer" ? "customer" : "")}
          />
          {toCustomer ? null : text("to", "Email address", { type: "email", placeholder: "ops@example.com", maxLength: 254 })}
          <TemplatePicker
            kind="email"
            value={input.templateId}
            onChange={(id) => set("templateId", id)}
            hint="With a template, its subject and body are sent; without one, the subject and message below (Liquid, e.g. {{ order.id }})."
          />
          {input.templateId === undefined ? (
            <>
              {text("subject", "Subject", { maxLength: 200 })}
              <TextAreaField label="Message" value={str(input.body)} maxLength={20000} onChange={(e) => set("body", e.target.value, "body")} />
            </>
          ) : null}
        </>
      );
    }
    case "export_orders":
      return <TemplatePicker kind="export" value={input.templateId} onChange={(id) => set("templateId", id)} hint="Each order goes out once per template; the export log shows every run." />;
    case "post_webhook":
      return (
        <>
          {text("url", "URL", { type: "url", placeholder: "https://example.com/hooks/orders", maxLength: 2000 })}
          <p className="text-xs text-slate-500">Signed with this store&apos;s webhook secret (Settings → API keys) in X-ORDER-DESK-HASH.</p>
        </>
      );
    case "stop_processing":
      return <p className="text-sm text-slate-600">Later rules do not run for this event. This rule finishes what it is doing.</p>;
    default:
      return null;
  }
}

function SetFieldForm({ input, set, itemRule }: { input: Input; set: (key: string, value: unknown, mergeKey?: string) => void; itemRule: boolean }) {
  const field = str(input.field);
  const keyed = keyedField(field);
  const editable = FIELDS.filter((f) => f.editable && (itemRule || f.scope === "order" || f.id === field));
  const editableKeyed = KEYED_FIELDS.filter((k) => k.editable && (itemRule || k.scope === "order" || k.prefix === keyed?.def.prefix));
  return (
    <>
      <SelectField
        label="Field"
        value={keyed ? `keyed:${keyed.def.prefix}` : field}
        onChange={(e) => set("field", e.target.value.startsWith("keyed:") ? `${e.target.value.slice(6)}.${keyed?.key ?? ""}` : e.target.value || undefined)}
      >
        <option value="">Choose a field…</option>
        <FieldOptions fields={editable} keyed={editableKeyed} />
      </SelectField>
      {keyed ? (
        <TextField label={`${keyed.def.label} key`} value={keyed.key} maxLength={100} onChange={(e) => set("field", `${keyed.def.prefix}.${e.target.value}`, "field")} />
      ) : null}
      <TextField label="Value" value={str(input.value)} maxLength={1000} hint={TOKEN_HELP} onChange={(e) => set("value", e.target.value, "value")} />
    </>
  );
}

function ShippingForm({ input, setInput }: { input: Input; setInput: (input: Input, mergeKey?: string) => void }) {
  const mapping = Array.isArray(input.mapping) ? (input.mapping as { from?: string; to?: string }[]) : undefined;
  const setRow = (i: number, key: "from" | "to", value: string) =>
    setInput({ ...input, mapping: mapping!.map((row, j) => (j === i ? { ...row, [key]: value } : row)) }, `mapping:${i}:${key}`);
  return (
    <>
      <RadioGroup
        legend="How"
        value={mapping ? "map" : "set"}
        options={[
          { value: "set", label: "Set one method" },
          { value: "map", label: "Map the current method" },
        ]}
        onChange={(how) => setInput(how === "set" ? { method: "" } : { mapping: [{ from: "", to: "" }] })}
      />
      {mapping ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">Mapping</legend>
          {mapping.map((row, i) => (
            <div key={i} className="flex items-end gap-1" role="group" aria-label={`Mapping ${i + 1}`}>
              <div className="flex-1">
                <TextField label="From" value={str(row.from)} maxLength={200} onChange={(e) => setRow(i, "from", e.target.value)} />
              </div>
              <div className="flex-1">
                <TextField label="To" value={str(row.to)} maxLength={200} onChange={(e) => setRow(i, "to", e.target.value)} />
              </div>
              <SmallButton aria-label={`Remove mapping ${i + 1}`} onClick={() => setInput({ ...input, mapping: mapping.filter((_, j) => j !== i) })}>
                ×
              </SmallButton>
            </div>
          ))}
          <SmallButton onClick={() => setInput({ ...input, mapping: [...mapping, { from: "", to: "" }] })}>+ Add mapping</SmallButton>
          <TextField
            label="Otherwise (optional)"
            value={str(input.default)}
            hint="The method for orders whose method is not in the list; leave empty to keep theirs."
            maxLength={200}
            onChange={(e) => {
              const next: Input = { ...input, default: e.target.value };
              if (e.target.value === "") delete next.default;
              setInput(next, "default");
            }}
          />
        </fieldset>
      ) : (
        <TextField label="Shipping method" value={str(input.method)} placeholder="e.g. UPS Ground" maxLength={200} onChange={(e) => setInput({ method: e.target.value }, "method")} />
      )}
    </>
  );
}
