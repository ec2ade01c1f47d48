import { ACTIONS } from "./catalog/actions";
import { findField, type FieldDef, type FieldType } from "./catalog/fields";
import { findOperator, TYPE_NAMES, type OperatorDef } from "./catalog/operators";
import { checkCron } from "./cron";
import { parseDate } from "./dates";
import { compareDecimals, parseDecimal } from "./decimal";
import { formatPath, type RuleError, type RuleErrorCode, type RuleResult } from "./errors";
import { ITEM_FILTER_NAME, stepName, triggerName } from "./names";
import { checkPattern } from "./safe-regex";
import { viewCondition, type Action, type Comparison, type Condition, type Rule, type Step, type Trigger, type UncheckedAction } from "./schema";
import { findBadToken, TOKEN_HELP } from "./tokens";
import { describeProblem, flattenIssues } from "./zod-issues";

const MAX_STEPS = 200;
const MAX_DAYS = 36_500;

type Path = PropertyKey[];
interface Where {
  /** How the message names the node: `Condition "Ship to country"`. */
  name: string;
  nodeId: string;
  /** Item fields are readable here (an item rule, or inside anyItem/allItems). */
  inItem: boolean;
}

/**
 * The meaning checks on a structurally valid document: known fields, operators that fit the
 * field's type, values that fit the operator, safe patterns, action inputs that pass the catalog
 * schema, actions allowed in the rule's scope, unique node ids, `if` only last in a step list.
 * Returns the rule with each action input as the catalog schema parsed it.
 */
export function validateRule(document: Rule<UncheckedAction>): RuleResult<Rule> {
  const errors: RuleError[] = [];
  const add = (code: RuleErrorCode, message: string, nodeId: string | undefined, path: Path) =>
    errors.push({ code, message, ...(nodeId === undefined ? {} : { nodeId }), ...(path.length ? { path: formatPath(path) } : {}) });
  const seen = new Set<string>([document.trigger.nodeId]);
  const itemRule = document.scope.kind === "items";
  let steps = 0;

  function checkTrigger(trigger: Trigger) {
    if (trigger.kind !== "schedule") return;
    const name = triggerName(trigger);
    const cron = checkCron(trigger.cron);
    if (cron) add("invalid_trigger", `${name}: ${cron}.`, trigger.nodeId, ["trigger", "cron"]);
    if (trigger.timezone !== undefined && !isTimeZone(trigger.timezone)) {
      add("invalid_trigger", `${name}: "${trigger.timezone}" is not a time zone; use a name such as "Europe/Paris" or "UTC".`, trigger.nodeId, ["trigger", "timezone"]);
    }
  }

  function checkCondition(condition: Condition, where: Where, path: Path) {
    const view = viewCondition(condition);
    switch (view.kind) {
      case "comparison":
        return checkComparison(view.comparison, where, path);
      case "all":
      case "any":
        if (view.children.length === 0) add("empty_group", `${where.name}: an "${view.kind}" group is empty; add a condition to it or remove it.`, where.nodeId, [...path, view.kind]);
        return view.children.forEach((child, i) => checkCondition(child, where, [...path, view.kind, i]));
      case "not":
        return checkCondition(view.child, where, [...path, "not"]);
      default:
        return checkCondition(view.child, { ...where, inItem: true }, [...path, view.kind]);
    }
  }

  function checkComparison(comparison: Comparison, where: Where, path: Path) {
    const at = (code: RuleErrorCode, message: string, key?: string) => add(code, `${where.name}: ${message}`, where.nodeId, key ? [...path, key] : path);
    const field = findField(comparison.field);
    if (!field) return at("unknown_field", `there is no field "${comparison.field}".`, "field");
    if (field.scope === "item" && !where.inItem) {
      at("item_field_outside_item_scope", `"${field.label}" is an item field; test it in a "for each item" rule or inside "any item" / "every item".`, "field");
    }
    const op = findOperator(comparison.op)!;
    if (!op.types.includes(field.type)) {
      return at("operator_type_mismatch", `operator "${op.label}" needs ${op.needs}, but "${field.label}" is ${TYPE_NAMES[field.type]}.`, "op");
    }
    if (comparison.caseSensitive !== undefined && !(op.caseOption && (field.type === "text" || field.type === "list"))) {
      at("invalid_value", `"${op.label}" on "${field.label}" does not compare text, so "case sensitive" means nothing here; remove it.`, "caseSensitive");
    }
    const problem = valueProblem(op, field, comparison.value);
    if (problem) at(problem.code, problem.message, "value");
  }

  function checkSteps(list: Step<UncheckedAction>[], path: Path): Step[] {
    return list.map((step, i): Step => {
      const at = [...path, i];
      const name = stepName(step);
      if (seen.has(step.nodeId)) add("duplicate_node_id", `${name}: another node already has the id "${step.nodeId}"; give each node its own id.`, step.nodeId, [...at, "nodeId"]);
      seen.add(step.nodeId);
      if (++steps === MAX_STEPS + 1) add("too_large", `This rule has more than ${MAX_STEPS} steps; split it into several rules.`, step.nodeId, at);
      if (step.kind === "action") return { ...step, action: checkAction(step.action, name, step.nodeId, [...at, "action"]) };
      if (i < list.length - 1) {
        const rest = list.slice(i + 1).map(stepName).join(", ");
        add("steps_after_condition", `${name}: the steps after it (${rest}) would never run; move them into its true or false branch.`, step.nodeId, at);
      }
      checkCondition(step.condition, { name, nodeId: step.nodeId, inItem: itemRule }, [...at, "condition"]);
      return { ...step, then: checkSteps(step.then, [...at, "then"]), else: checkSteps(step.else, [...at, "else"]) };
    });
  }

  function checkAction(action: UncheckedAction, name: string, nodeId: string, path: Path): Action {
    const def = ACTIONS[action.kind];
    const parsed = def.input.safeParse(action.input, { reportInput: true });
    if (!parsed.success) {
      for (const problem of flattenIssues(parsed.error.issues)) {
        add("invalid_action_input", `${name}: ${describeProblem(problem, formatPath)}`, nodeId, [...path, "input", ...problem.path]);
      }
      return action as Action;
    }
    const checked = { kind: action.kind, input: parsed.data } as Action;
    if (def.scope === "order" && itemRule) {
      add("action_scope_mismatch", `${name} acts on the whole order, so it cannot run "for each item"; use it in an order rule.`, nodeId, [...path, "kind"]);
    }
    if (checked.kind === "set_field" && findField(checked.input.field)?.scope === "item" && !itemRule) {
      add("item_field_outside_item_scope", `${name}: "${findField(checked.input.field)!.label}" is an item field; set it from a "for each item" rule.`, nodeId, [...path, "input", "field"]);
    }
    if (checked.kind === "set_field" || checked.kind === "set_checkout_data" || checked.kind === "set_metadata") {
      const bad = findBadToken(checked.input.value);
      if (bad) add("invalid_action_input", `${name}: "${bad}" is not a date token. ${TOKEN_HELP}`, nodeId, [...path, "input", "value"]);
    }
    return checked;
  }

  checkTrigger(document.trigger);
  if (document.scope.kind === "items" && document.scope.where) {
    checkCondition(document.scope.where, { name: ITEM_FILTER_NAME, nodeId: document.trigger.nodeId, inItem: true }, ["scope", "where"]);
  }
  if (document.body.length === 0) add("empty_rule", `Rule "${document.name}" does nothing yet: connect a condition or an action to the trigger.`, document.trigger.nodeId, ["body"]);
  const body = checkSteps(document.body, ["body"]);
  return errors.length ? { ok: false, errors } : { ok: true, rule: { ...document, body } };
}

const WANTS: Record<FieldType, string> = {
  text: "text",
  decimal: "a number such as 19.99",
  integer: "a number such as 3",
  date: 'a date such as "2024-05-31" or "2024-05-31 14:00:00" (UTC)',
  list: "a tag",
  folder: "a folder",
};

function fits(type: FieldType, value: unknown): boolean {
  switch (type) {
    case "text":
    case "list":
      return typeof value === "string";
    case "decimal":
    case "integer":
      return parseDecimal(value) !== null;
    case "date":
      return parseDate(value) !== null;
    case "folder":
      return typeof value === "number" && Number.isInteger(value) && value > 0;
  }
}

function valueProblem(op: OperatorDef, field: FieldDef, value: unknown): { code: RuleErrorCode; message: string } | null {
  const invalid = (message: string) => ({ code: "invalid_value" as const, message });
  const needs = (what: string) => invalid(`"${op.label}" on "${field.label}" needs ${what}${value === undefined ? "" : `, not ${JSON.stringify(value)}`}.`);
  switch (op.value) {
    case "none":
      return value === undefined ? null : invalid(`"${op.label}" takes no value; remove ${JSON.stringify(value)}.`);
    case "tag":
      return typeof value === "string" && /\S/.test(value) ? null : needs("a tag name");
    case "days":
      return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_DAYS ? null : needs(`a whole number of days (0 to ${MAX_DAYS})`);
    case "pattern": {
      if (typeof value !== "string" || value === "") return needs("a pattern");
      const reason = checkPattern(value);
      return reason ? { code: "unsafe_regex", message: `the pattern ${JSON.stringify(value)} is refused: ${reason}.` } : null;
    }
    case "one":
      return fits(field.type, value) ? null : needs(WANTS[field.type]);
    case "list":
      return Array.isArray(value) && value.length > 0 && value.every((v) => fits(field.type, v)) ? null : needs(`a list of one or more values, each ${WANTS[field.type]}`);
    case "range": {
      if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => fits(field.type, v))) return needs(`two values [from, to], each ${WANTS[field.type]}`);
      const [from, to] = value;
      const backwards = field.type === "date" ? parseDate(from)! > parseDate(to)! : compareDecimals(parseDecimal(from)!, parseDecimal(to)!) > 0;
      return backwards ? invalid(`"between" runs from ${JSON.stringify(value[0])} to ${JSON.stringify(value[1])}, which is backwards; put the smaller value first.`) : null;
    }
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
