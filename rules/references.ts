import { findField } from "./catalog/fields";
import { comparisonsIn, type Action, type Comparison, type Condition, type Rule, type Step } from "./schema";

/**
 * The folders and stores a rule names, so the server can check, when the rule is saved, that
 * they exist and that the author may use them (a rule must not move orders into a store its
 * author cannot reach). Sorted, without duplicates.
 */
export function referencedFolderIds(rule: Rule): number[] {
  const ids: number[] = [];
  const { trigger } = rule;
  if (trigger.kind === "schedule" || trigger.kind === "order.folder_changed") ids.push(...(trigger.folderId === undefined ? [] : [trigger.folderId]));
  for (const comparison of comparisons(rule)) {
    if (findField(comparison.field)?.type === "folder" && comparison.value !== undefined) ids.push(...[comparison.value].flat().map(Number));
  }
  for (const action of actions(rule.body)) if (action.kind === "move_to_folder") ids.push(action.input.folderId);
  return sortedUnique(ids);
}

export function referencedStoreIds(rule: Rule): number[] {
  return sortedUnique(actions(rule.body).flatMap((action) => (action.kind === "copy_to_store" || action.kind === "move_to_store" ? [action.input.storeId] : [])));
}

/** The export and email templates a rule's actions use, with the nodes that use them (for errors). */
export interface TemplateReference {
  kind: "export" | "email";
  templateId: number;
  nodeId: string;
}

export function referencedTemplates(rule: Rule): TemplateReference[] {
  return steps(rule.body).flatMap((step): TemplateReference[] => {
    const { action } = step;
    if (action.kind === "export_orders") return [{ kind: "export", templateId: action.input.templateId, nodeId: step.nodeId }];
    if (action.kind === "send_email" && action.input.templateId !== undefined) return [{ kind: "email", templateId: action.input.templateId, nodeId: step.nodeId }];
    return [];
  });
}

function steps(body: Step[]): Extract<Step, { kind: "action" }>[] {
  return body.flatMap((step) => (step.kind === "action" ? [step] : [...steps(step.then), ...steps(step.else)]));
}

const sortedUnique = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

function actions(steps: Step[]): Action[] {
  return steps.flatMap((step) => (step.kind === "action" ? [step.action] : [...actions(step.then), ...actions(step.else)]));
}

function conditions(steps: Step[]): Condition[] {
  return steps.flatMap((step) => (step.kind === "if" ? [step.condition, ...conditions(step.then), ...conditions(step.else)] : []));
}

function comparisons(rule: Rule): Comparison[] {
  const where = rule.scope.kind === "items" && rule.scope.where ? [rule.scope.where] : [];
  return [...where, ...conditions(rule.body)].flatMap(comparisonsIn);
}
