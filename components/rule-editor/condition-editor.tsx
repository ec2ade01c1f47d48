"use client";

import { useId, type ButtonHTMLAttributes, type ReactNode } from "react";
import { FIELDS, findField, findOperator, KEYED_FIELDS, OPERATORS, type Comparison, type ComparisonValue, type Condition, type FieldType, type KeyedFieldDef, type OperatorDef, type OperatorId, viewCondition } from "@/rules";
import { CheckboxField, FieldOptions, MiniLabel, miniControl } from "./fields";
import { emptyComparison } from "./graph-model";

/**
 * A condition tree editor: groups ("all" / "any"), comparisons (field, operator, value), "not",
 * and "any item" / "every item" wrappers that make item fields readable inside them. Every edit
 * hands the whole new condition up with a merge key, so typing in one box undoes as one step.
 */

export type ConditionChange = (next: Condition, mergeKey?: string) => void;

interface Context {
  folders: readonly { id: number; name: string }[];
  /** Item fields are readable here ("for each item" rule, the item filter, or inside an item wrapper). */
  inItem: boolean;
}

export function ConditionEditor({
  value,
  onChange,
  folders,
  inItem,
  label = "Condition",
}: {
  value: Condition;
  onChange: ConditionChange;
  folders: readonly { id: number; name: string }[];
  inItem: boolean;
  label?: string;
}) {
  return <Block value={value} onChange={onChange} ctx={{ folders, inItem }} path="" label={label} root />;
}

function Block({ value, onChange, onRemove, ctx, path, label, root }: { value: Condition; onChange: ConditionChange; onRemove?: () => void; ctx: Context; path: string; label: string; root?: boolean }) {
  const view = viewCondition(value);
  switch (view.kind) {
    case "comparison":
      return (
        <>
          <ComparisonRow value={view.comparison} onChange={onChange} onRemove={onRemove} ctx={ctx} path={path} label={label} />
          {root ? (
            <SmallButton onClick={() => onChange({ all: [value, emptyComparison()] })}>+ Add another comparison</SmallButton>
          ) : null}
        </>
      );
    case "all":
    case "any":
      return <Group kind={view.kind} items={view.children} onChange={onChange} onRemove={onRemove} ctx={ctx} path={path} label={label} />;
    case "not":
      return (
        <Wrapper
          title="Not: true when this is false"
          label={`${label}: not`}
          onRemove={onRemove}
          extra={<SmallButton onClick={() => onChange(view.child)}>Remove “not”</SmallButton>}
        >
          <Block value={view.child} onChange={(child, key) => onChange({ not: child }, key)} ctx={ctx} path={`${path}.not`} label={label} />
        </Wrapper>
      );
    case "anyItem":
    case "allItems": {
      const wrap = (kind: "anyItem" | "allItems", child: Condition): Condition => (kind === "anyItem" ? { anyItem: child } : { allItems: child });
      return (
        <Wrapper
          label={`${label}: items`}
          onRemove={onRemove}
          title={
            <ItemsToggle value={view.kind} onChange={(kind) => onChange(wrap(kind, view.child))} label={`${label}: which items`} />
          }
        >
          <Block value={view.child} onChange={(child, key) => onChange(wrap(view.kind as "anyItem" | "allItems", child), key)} ctx={{ ...ctx, inItem: true }} path={`${path}.${view.kind}`} label={label} />
        </Wrapper>
      );
    }
  }
}

function ItemsToggle({ value, onChange, label }: { value: "anyItem" | "allItems"; onChange: (value: "anyItem" | "allItems") => void; label: string }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as "anyItem" | "allItems")} className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs font-semibold">
      <option value="anyItem">Any item</option>
      <option value="allItems">Every item</option>
    </select>
  );
}

function Wrapper({ title, label, children, onRemove, extra }: { title: ReactNode; label: string; children: ReactNode; onRemove?: () => void; extra?: ReactNode }) {
  return (
    <div role="group" aria-label={label} className="space-y-2 rounded-md border border-dashed border-slate-300 bg-white/60 p-2">
      <div className="flex flex-wrap items-center justify-between gap-1 text-xs font-semibold text-slate-700">
        <span className="flex items-center gap-1">{title}</span>
        <span className="flex gap-1">
          {extra}
          {onRemove ? <SmallButton onClick={onRemove} aria-label={`Remove ${label}`}>Remove</SmallButton> : null}
        </span>
      </div>
      {children}
    </div>
  );
}

const ADDABLE: { label: string; make: () => Condition }[] = [
  { label: "+ Comparison", make: () => emptyComparison() },
  { label: "+ Group", make: () => ({ any: [emptyComparison()] }) },
  { label: "+ Not", make: () => ({ not: emptyComparison() }) },
  { label: "+ Any item", make: () => ({ anyItem: { all: [emptyComparison()] } }) },
  { label: "+ Every item", make: () => ({ allItems: { all: [emptyComparison()] } }) },
];

function Group({
  kind,
  items,
  onChange,
  onRemove,
  ctx,
  path,
  label,
}: {
  kind: "all" | "any";
  items: Condition[];
  onChange: ConditionChange;
  onRemove?: () => void;
  ctx: Context;
  path: string;
  label: string;
}) {
  const make = (k: "all" | "any", list: Condition[]): Condition => (k === "all" ? { all: list } : { any: list });
  // Root children are "Condition 1", "Condition 2"; a nested group's are "Condition 2.1"...
  const childLabel = (i: number) => (/\d$/.test(label) ? `${label}.${i + 1}` : `${label} ${i + 1}`);
  return (
    <div role="group" aria-label={label} className={`space-y-2 rounded-md border p-2 ${path ? "border-slate-300 bg-white/60" : "border-slate-200 bg-slate-50"}`}>
      <div className="flex flex-wrap items-center justify-between gap-1">
        <span className="flex items-center gap-1 text-xs font-medium text-slate-700">
          Match
          <select
            aria-label={`${label}: match all or any`}
            value={kind}
            onChange={(e) => onChange(make(e.target.value as "all" | "any", items))}
            className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs font-semibold"
          >
            <option value="all">all</option>
            <option value="any">any</option>
          </select>
          of these
        </span>
        {onRemove ? (
          <SmallButton onClick={onRemove} aria-label={`Remove ${label}`}>
            Remove group
          </SmallButton>
        ) : null}
      </div>
      {items.length === 0 ? <p className="text-xs text-slate-500">Empty: add a comparison.</p> : null}
      {items.map((child, i) => (
        <Block
          key={i}
          value={child}
          onChange={(next, key) => onChange(make(kind, items.map((c, j) => (j === i ? next : c))), key)}
          onRemove={() => onChange(make(kind, items.filter((_, j) => j !== i)))}
          ctx={ctx}
          path={`${path}.${kind}[${i}]`}
          label={childLabel(i)}
        />
      ))}
      <div className="flex flex-wrap gap-1" role="group" aria-label={`Add to ${label}`}>
        {ADDABLE.filter((a) => path.split(".").length < 6 || a.label === "+ Comparison").map((a) => (
          <SmallButton key={a.label} onClick={() => onChange(make(kind, [...items, a.make()]))}>
            {a.label}
          </SmallButton>
        ))}
      </div>
    </div>
  );
}

export function SmallButton({ children, ...props }: { children: ReactNode } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button type="button" className="rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100" {...props}>
      {children}
    </button>
  );
}

/** The keyed field an id belongs to ("checkout_data.Gift Message" -> checkout data, "Gift Message"). */
export function keyedField(id: string): { def: KeyedFieldDef; key: string } | undefined {
  if (FIELDS.some((f) => f.id === id)) return undefined;
  const def = [...KEYED_FIELDS].sort((a, b) => b.prefix.length - a.prefix.length).find((k) => id.startsWith(`${k.prefix}.`));
  return def ? { def, key: id.slice(def.prefix.length + 1) } : undefined;
}

const PREFERRED_OPS: OperatorId[] = ["equals", "has_tag", "within_last_days"];

function operatorFor(type: FieldType | undefined, current: OperatorId): OperatorId {
  if (!type) return current;
  const fitting = OPERATORS.filter((o) => o.types.includes(type));
  if (fitting.some((o) => o.id === current)) return current;
  return (PREFERRED_OPS.find((id) => fitting.some((o) => o.id === id)) ?? fitting[0]?.id ?? current) as OperatorId;
}

function defaultValue(op: OperatorDef | undefined, type: FieldType | undefined): ComparisonValue | undefined {
  switch (op?.value) {
    case "none":
      return undefined;
    case "list":
      return type === "folder" ? [] : [""];
    case "range":
      return ["", ""];
    case "days":
      return 30;
    case "one":
      return type === "folder" ? undefined : "";
    default:
      return "";
  }
}

/** Rebuilds a comparison after the field or operator changed, keeping what still fits. */
function normalize(next: Comparison, before: Comparison): Comparison {
  const type = typeOf(next.field);
  const op = findOperator(next.op);
  const beforeOp = findOperator(before.op);
  const sameShape = op?.value === beforeOp?.value && typeOf(before.field) === type;
  const out: Comparison = { field: next.field, op: next.op };
  const value = sameShape ? next.value : defaultValue(op, type);
  if (value !== undefined) out.value = value;
  if (next.caseSensitive && op?.caseOption && (type === "text" || type === "list")) out.caseSensitive = true;
  return out;
}

const typeOf = (fieldId: string): FieldType | undefined => findField(fieldId)?.type ?? (keyedField(fieldId) ? "text" : undefined);

function ComparisonRow({ value, onChange, onRemove, ctx, path, label }: { value: Comparison; onChange: ConditionChange; onRemove?: () => void; ctx: Context; path: string; label: string }) {
  const id = useId();
  const keyed = keyedField(value.field);
  const field = findField(value.field);
  const type = typeOf(value.field);
  const op = findOperator(value.op);
  const ops = type ? OPERATORS.filter((o) => o.types.includes(type)) : OPERATORS;
  const selectValue = keyed ? `keyed:${keyed.def.prefix}` : field ? value.field : "";
  const key = (part: string) => `cmp${path}:${part}`;

  const setField = (choice: string) => {
    let fieldId = choice;
    if (choice.startsWith("keyed:")) fieldId = `${choice.slice(6)}.${keyed?.key ?? ""}`;
    const nextType = typeOf(fieldId) ?? (choice.startsWith("keyed:") ? "text" : undefined);
    onChange(normalize({ ...value, field: fieldId, op: operatorFor(nextType, value.op) }, value));
  };
  const set = (patch: Partial<Comparison>, mergeKey?: string) => {
    const next = { ...value, ...patch };
    if (patch.value === undefined && "value" in patch) delete next.value;
    onChange(next, mergeKey);
  };

  const knownFields = FIELDS.filter((f) => ctx.inItem || f.scope === "order" || f.id === value.field);
  const knownKeyed = KEYED_FIELDS.filter((k) => ctx.inItem || k.scope === "order" || k.prefix === keyed?.def.prefix);
  const caseOption = op?.caseOption && (type === "text" || type === "list");

  return (
    <div role="group" aria-label={label} data-testid="comparison" className="space-y-2 rounded-md border border-slate-200 bg-white p-2">
      <div className="flex items-center justify-between">
        <span className="text-xs font-semibold text-slate-500">{label}</span>
        {onRemove ? (
          <SmallButton onClick={onRemove} aria-label={`Remove ${label}`}>
            Remove
          </SmallButton>
        ) : null}
      </div>
      <div>
        <MiniLabel htmlFor={`${id}-field`}>Field</MiniLabel>
        <select id={`${id}-field`} value={selectValue} onChange={(e) => setField(e.target.value)} className={miniControl}>
          <option value="" disabled>
            Choose a field…
          </option>
          <FieldOptions fields={knownFields} keyed={knownKeyed} />
        </select>
        {!field && !keyed && value.field ? <p className="mt-1 text-xs text-red-700">Unknown field “{value.field}”.</p> : null}
      </div>
      {keyed ? (
        <div>
          <MiniLabel htmlFor={`${id}-key`}>{keyed.def.label} key</MiniLabel>
          <input
            id={`${id}-key`}
            value={keyed.key}
            placeholder="e.g. Gift Message"
            maxLength={150}
            onChange={(e) => set({ field: `${keyed.def.prefix}.${e.target.value}` }, key("key"))}
            className={miniControl}
          />
        </div>
      ) : null}
      <div>
        <MiniLabel htmlFor={`${id}-op`}>Operator</MiniLabel>
        <select
          id={`${id}-op`}
          value={value.op}
          disabled={!type}
          onChange={(e) => onChange(normalize({ ...value, op: e.target.value as OperatorId }, value))}
          className={`${miniControl} disabled:bg-slate-50 disabled:text-slate-400`}
        >
          {ops.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <ValueInput id={id} comparison={value} op={op} type={type} ctx={ctx} onChange={(v) => set({ value: v }, key("value"))} />
      {caseOption ? (
        <CheckboxField label="Case sensitive" checked={value.caseSensitive === true} onChange={(e) => set({ caseSensitive: e.target.checked ? true : undefined })} />
      ) : null}
    </div>
  );
}

function ValueInput({
  id,
  comparison,
  op,
  type,
  ctx,
  onChange,
}: {
  id: string;
  comparison: Comparison;
  op: OperatorDef | undefined;
  type: FieldType | undefined;
  ctx: Context;
  onChange: (value: ComparisonValue | undefined) => void;
}) {
  const value = comparison.value;
  const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  if (!op || op.value === "none") return null;
  switch (op.value) {
    case "one":
      if (type === "folder") {
        return (
          <div>
            <MiniLabel htmlFor={`${id}-value`}>Folder</MiniLabel>
            <select id={`${id}-value`} value={text(value)} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)} className={miniControl}>
              <option value="">Choose a folder…</option>
              {ctx.folders.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </div>
        );
      }
      return (
        <div>
          <MiniLabel htmlFor={`${id}-value`}>Value</MiniLabel>
          <input
            id={`${id}-value`}
            value={text(value)}
            inputMode={type === "decimal" || type === "integer" ? "decimal" : undefined}
            placeholder={type === "date" ? "2024-05-31 or 2024-05-31 14:00:00" : type === "decimal" ? "19.99" : type === "integer" ? "3" : ""}
            maxLength={1000}
            onChange={(e) => onChange(e.target.value)}
            className={miniControl}
          />
          {type === "date" ? <p className="mt-1 text-xs text-slate-500">Dates are read in UTC.</p> : null}
        </div>
      );
    case "tag":
    case "pattern":
      return (
        <div>
          <MiniLabel htmlFor={`${id}-value`}>{op.value === "tag" ? "Tag" : "Pattern"}</MiniLabel>
          <input
            id={`${id}-value`}
            value={text(value)}
            maxLength={1000}
            placeholder={op.value === "pattern" ? "e.g. ^PRE-\\d+" : "e.g. rush"}
            onChange={(e) => onChange(e.target.value)}
            className={`${miniControl} ${op.value === "pattern" ? "font-mono" : ""}`}
          />
          {op.value === "pattern" ? <p className="mt-1 text-xs text-slate-500">A regular expression; patterns that could run for too long are refused.</p> : null}
        </div>
      );
    case "days":
      return (
        <div>
          <MiniLabel htmlFor={`${id}-value`}>Days</MiniLabel>
          <input
            id={`${id}-value`}
            type="number"
            min={0}
            max={36500}
            step={1}
            value={text(value)}
            onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
            className={miniControl}
          />
        </div>
      );
    case "range": {
      const [from, to] = Array.isArray(value) ? value : [value ?? "", ""];
      return (
        <div className="grid grid-cols-2 gap-2">
          <div>
            <MiniLabel htmlFor={`${id}-from`}>From</MiniLabel>
            <input id={`${id}-from`} value={text(from)} onChange={(e) => onChange([e.target.value, text(to)])} className={miniControl} placeholder={type === "date" ? "2024-01-01" : "0"} />
          </div>
          <div>
            <MiniLabel htmlFor={`${id}-to`}>To</MiniLabel>
            <input id={`${id}-to`} value={text(to)} onChange={(e) => onChange([text(from), e.target.value])} className={miniControl} placeholder={type === "date" ? "2024-12-31" : "100"} />
          </div>
        </div>
      );
    }
    case "list": {
      const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
      if (type === "folder") {
        return (
          <fieldset>
            <legend className="text-xs font-medium text-slate-600">Folders</legend>
            <div className="mt-1 space-y-1">
              {ctx.folders.map((f) => (
                <div key={f.id}>
                  <CheckboxField
                    label={f.name}
                    checked={list.includes(f.id)}
                    onChange={(e) => onChange(e.target.checked ? [...list, f.id] : list.filter((v) => v !== f.id))}
                  />
                </div>
              ))}
            </div>
          </fieldset>
        );
      }
      return (
        <fieldset className="space-y-1">
          <legend className="text-xs font-medium text-slate-600">Values</legend>
          {list.map((v, i) => (
            <div key={i} className="flex items-center gap-1">
              <input
                aria-label={`Value ${i + 1}`}
                value={text(v)}
                maxLength={1000}
                onChange={(e) => onChange(list.map((x, j) => (j === i ? e.target.value : x)))}
                className={miniControl}
              />
              <SmallButton aria-label={`Remove value ${i + 1}`} onClick={() => onChange(list.filter((_, j) => j !== i))}>
                ×
              </SmallButton>
            </div>
          ))}
          <SmallButton onClick={() => onChange([...list, ""])}>+ Add value</SmallButton>
        </fieldset>
      );
    }
  }
}
