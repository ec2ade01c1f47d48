import { ACTIONS, findField, findOperator, isActionId, TRIGGERS, viewCondition, type Comparison, type Condition, type GraphNode, type Rule, type Scope, type Step, type TriggerConfig } from "@/rules";

import type { Names } from "./types";

/** Words for conditions, actions and whole rules: node summaries, intents, version diffs. */

const quote = (value: unknown) => (typeof value === "string" ? `“${value}”` : String(value));

function describeValue(comparison: Comparison, names: Names): string {
  const op = findOperator(comparison.op);
  const field = findField(comparison.field);
  const one = (v: unknown) => (field?.type === "folder" && typeof v === "number" ? `folder ${quote(names.folders.get(v) ?? `#${v}`)}` : quote(v));
  const value = comparison.value;
  if (!op || op.value === "none" || value === undefined) return "";
  if (op.value === "range" && Array.isArray(value)) return `${one(value[0])} and ${one(value[1])}`;
  if (op.value === "days") return `${value} day${value === 1 ? "" : "s"}`;
  if (Array.isArray(value)) return value.map(one).join(", ");
  return one(value);
}

export function describeComparison(comparison: Comparison, names: Names): string {
  if (!comparison.field) return "(choose a field)";
  const field = comparison.field ? (findField(comparison.field)?.label ?? comparison.field) : "(no field)";
  const op = findOperator(comparison.op)?.label ?? comparison.op;
  const value = describeValue(comparison, names);
  return [field, op, value].filter(Boolean).join(" ") + (comparison.caseSensitive ? " (case sensitive)" : "");
}

export function describeCondition(condition: Condition, names: Names, nested = false): string {
  const view = viewCondition(condition);
  switch (view.kind) {
    case "comparison":
      return describeComparison(view.comparison, names);
    case "all":
    case "any": {
      if (view.children.length === 0) return "(empty group)";
      if (view.children.length === 1) return describeCondition(view.children[0]!, names, nested);
      const text = view.children.map((c) => describeCondition(c, names, true)).join(view.kind === "all" ? " and " : " or ");
      return nested ? `(${text})` : text;
    }
    case "not":
      return `not ${describeCondition(view.child, names, true)}`;
    case "anyItem":
      return `any item: ${describeCondition(view.child, names, true)}`;
    case "allItems":
      return `every item: ${describeCondition(view.child, names, true)}`;
  }
}

const SPLIT_LABELS: Record<string, string> = {
  code: "SKU",
  category_code: "vendor / category code",
  delivery_type: "delivery type",
  name: "item name",
  variation: "variation",
};

export const splitKeyLabel = (key: string) => SPLIT_LABELS[key] ?? (key.startsWith("variation:") ? `variation “${key.slice(10)}”` : key);

/** What an action does, in a few words: `Add tag “us”`. */
export function describeAction(kind: string, rawInput: unknown, names: Names): string {
  if (!isActionId(kind)) return kind;
  const label = ACTIONS[kind].label;
  const input = (rawInput ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof input[key] === "string" && input[key] !== "" ? (input[key] as string) : undefined);
  const id = (key: string) => (typeof input[key] === "number" ? (input[key] as number) : undefined);
  const detail = ((): string | undefined => {
    switch (kind) {
      case "move_to_folder": {
        const folder = id("folderId");
        return folder === undefined ? undefined : quote(names.folders.get(folder) ?? `#${folder}`);
      }
      case "copy_to_store":
      case "move_to_store": {
        const store = id("storeId");
        return store === undefined ? undefined : quote(names.stores.get(store) ?? `#${store}`);
      }
      case "add_tag":
      case "remove_tag":
        return text("tag") && quote(text("tag"));
      case "set_field": {
        const field = text("field");
        return field ? `${findField(field)?.label ?? field} = ${quote(input.value ?? "")}` : undefined;
      }
      case "set_checkout_data":
      case "set_metadata":
        return text("key") ? `${text("key")} = ${quote(input.value ?? "")}` : undefined;
      case "set_shipping_method": {
        if (text("method")) return quote(text("method"));
        const mapping = Array.isArray(input.mapping) ? (input.mapping as { from?: string; to?: string }[]) : [];
        const rows = mapping.filter((m) => m.from || m.to);
        return rows.length ? rows.map((m) => `${m.from || "?"} → ${m.to || "?"}`).join(", ") + (text("default") ? `, else ${text("default")}` : "") : undefined;
      }
      case "add_note":
        return text("content") && quote(text("content")!.length > 60 ? `${text("content")!.slice(0, 60)}…` : text("content"));
      case "split_order":
        return text("key") ? `by ${splitKeyLabel(text("key")!)}` : undefined;
      case "adjust_inventory": {
        const mode = text("mode");
        const quantity = typeof input.quantity === "number" ? input.quantity : undefined;
        if (!mode) return undefined;
        if (mode === "set") return `set stock to ${quantity ?? "?"}`;
        return `${mode} by ${quantity ?? "the ordered quantity"}`;
      }
      case "send_email":
        return text("to") ? `to ${text("to") === "customer" ? "the customer" : text("to")}${text("subject") ? `: ${quote(text("subject"))}` : ""}` : undefined;
      case "post_webhook":
        return text("url");
      case "export_orders":
        return typeof input.templateId === "number" ? `with template ${input.templateId}` : undefined;
      default:
        return undefined;
    }
  })();
  return detail ? `${label} ${detail}` : label;
}

export function describeTrigger(trigger: TriggerConfig, names: Names): string {
  const label = TRIGGERS[trigger.kind]?.label ?? trigger.kind;
  if (trigger.kind === "order.folder_changed" && trigger.folderId) return `${label} to ${quote(names.folders.get(trigger.folderId) ?? `#${trigger.folderId}`)}`;
  if (trigger.kind === "schedule") {
    const folder = trigger.folderId ? ` on ${quote(names.folders.get(trigger.folderId) ?? `#${trigger.folderId}`)}` : "";
    return `${label}: ${trigger.cron || "(no time set)"} ${trigger.timezone ?? "UTC"}${folder}`;
  }
  return label;
}

export function describeScope(scope: Scope, names: Names): string {
  if (scope.kind === "order") return "the whole order";
  return scope.where ? `each item where ${describeCondition(scope.where, names)}` : "each item";
}

/** A rule as indented lines, for reading a version and diffing two of them. */
export function ruleOutline(rule: Rule, names: Names): string[] {
  const lines = [`Name: ${rule.name}`, `When: ${describeTrigger(rule.trigger, names)}`, `Runs on: ${describeScope(rule.scope, names)}`];
  const walk = (steps: Step[], depth: number) => {
    const pad = "  ".repeat(depth);
    if (steps.length === 0) lines.push(`${pad}(nothing)`);
    for (const step of steps) {
      if (step.kind === "action") {
        lines.push(`${pad}${describeAction(step.action.kind, step.action.input, names)}`);
        continue;
      }
      lines.push(`${pad}If ${step.label ? `[${step.label}] ` : ""}${describeCondition(step.condition, names)}:`);
      lines.push(`${pad}  Yes:`);
      walk(step.then, depth + 2);
      lines.push(`${pad}  No:`);
      walk(step.else, depth + 2);
    }
  };
  lines.push("Then:");
  walk(rule.body, 1);
  return lines;
}

export type DiffLine = { kind: "same" | "added" | "removed"; text: string };

/** A line diff (longest common subsequence): what changes going from `before` to `after`. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ kind: "same", text: before[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: "removed", text: before[i++]! });
    else out.push({ kind: "added", text: after[j++]! });
  }
  while (i < n) out.push({ kind: "removed", text: before[i++]! });
  while (j < m) out.push({ kind: "added", text: after[j++]! });
  return out;
}

/** How a canvas node reads: a title and a one-line summary. */
export function nodeText(node: GraphNode, names: Names): { title: string; summary: string } {
  switch (node.type) {
    case "trigger": {
      const { trigger, scope } = node.data;
      const detail = describeTrigger(trigger, names).slice((TRIGGERS[trigger.kind]?.label ?? trigger.kind).length).replace(/^:\s*/, "");
      return { title: TRIGGERS[trigger.kind]?.label ?? String(trigger.kind), summary: [detail, `Runs on ${describeScope(scope, names)}`].filter(Boolean).join(" · ") };
    }
    case "condition":
      return { title: node.data.label || "Condition", summary: describeCondition(node.data.condition, names) };
    case "action": {
      const { kind, input } = node.data.action;
      const label = isActionId(kind) ? ACTIONS[kind].label : String(kind);
      return { title: label, summary: describeAction(kind, input, names).slice(label.length).trim() };
    }
  }
}

/** "When: Order is created", "If: Ship to country equals “US”", "Do: Add tag “us”". */
export function nodeName(node: GraphNode, names: Names): string {
  const { title, summary } = nodeText(node, names);
  if (node.type === "trigger") return `When: ${title}`;
  if (node.type === "condition") return `If: ${node.data.label || summary || "(empty condition)"}`;
  return `Do: ${title}${summary ? ` ${summary}` : ""}`;
}
