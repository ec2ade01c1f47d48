import { compileAction, shared } from "./compile-action";
import { compileComparison } from "./compile-comparison";
import { formatPath } from "./errors";
import { stepName } from "./names";
import { readCode, type FieldReads } from "./reads";
import type { RunContext, RunMode } from "./run-context";
import { viewCondition, type Comparison, type Condition, type IfStep, type Rule, type Step } from "./schema";
import { Code, Constants, joined, js } from "./source";
import type { TraceEntry } from "./trace";
import { LeafNote } from "./trace-log";

type BranchEntry = Extract<TraceEntry, { kind: "branch" }>;

/** Where code is generated: the rule, the reads the rule set shares, how it runs, and what the function binds. */
interface Place {
  ruleId: string;
  reads: FieldReads;
  mode: RunMode;
  constants: Constants;
  /** Functions the rule's function calls (one per anyItem/allItems), declared before it. */
  helpers: Code[];
}

/** Whether code runs with an item in hand (`item`, `idx`): in a "for each item" rule, or in anyItem/allItems. */
type InItem = boolean;

/**
 * A rule's body as one generated function (source.ts): steps become if/else and calls to the
 * compiled actions, conditions become && / || / ! over the comparisons' tests, each reading its
 * field through the evaluation's slots (reads.ts). Names in the code: `ctx` the RunContext,
 * `item` and `idx` the item in hand (undefined for the order), `x` the value a comparison tests,
 * `h` its result on its way into the log, `t` a condition's result on its way into the branch
 * taken. Compiled once per RunMode, so a run without the trace pays nothing for it, and only a
 * replay logs the steps the trace is made of (trace-log.ts).
 */
export function compileBody(rule: Rule, reads: FieldReads, mode: RunMode): (ctx: RunContext) => void {
  const place: Place = { ruleId: rule.id, reads, mode, constants: new Constants(), helpers: [] };
  const { scope, trigger } = rule;
  const body = steps(rule.body, place, scope.kind === "items");
  let run: Code;
  if (scope.kind === "order") run = js`function run(ctx, item, idx) {\nlet x, h;\n${body}}`;
  else {
    const matched = scope.where ? condition(scope.where, place, true, trigger.nodeId, []) : js`true`;
    const { ruleId } = place;
    const nodeId = trigger.nodeId;
    const logItem = mode === "replay" ? js`${place.constants.bind((ctx: RunContext, itemIndex: number, matched: boolean) => ctx.log.push({ kind: "item", ruleId, nodeId, itemIndex, matched }))}(ctx, idx, m);\n` : js``;
    // forEach, as before: an array with holes skips them.
    run = js`function run(ctx) {\nctx.items.forEach((item, idx) => {\nlet x, h;\nconst m = ${matched};\n${logItem}if (m) {\n${body}}\n});\n}`;
  }
  return place.constants.build(js`${joined(place.helpers, js``)}return ${run};`);
}

function steps(list: readonly Step[], place: Place, inItem: InItem): Code {
  return joined(
    list.map((step) => (step.kind === "if" ? ifStep(step, place, inItem) : js`${place.constants.bind(compileAction(step, place.ruleId, place.mode))}(ctx, item, idx);\n`)),
    js``,
  );
}

function ifStep(step: IfStep, place: Place, inItem: InItem): Code {
  const test = condition(step.condition, place, inItem, step.nodeId, []);
  const [then, otherwise] = [steps(step.then, place, inItem), steps(step.else, place, inItem)];
  const orElse = step.else.length ? js` else {\n${otherwise}}` : js``;
  if (place.mode !== "replay") return js`if (${test}) {\n${then}}${orElse}\n`;
  const { ruleId } = place;
  const { nodeId } = step;
  const label = stepName(step);
  const wentTrue = shared<BranchEntry>({ kind: "branch", ruleId, nodeId, label, branch: "true" });
  const wentFalse = shared<BranchEntry>({ kind: "branch", ruleId, nodeId, label, branch: "false" });
  const { constants } = place;
  const logBranch = inItem
    ? js`${constants.bind((ctx: RunContext, passed: boolean, itemIndex: number) => ctx.log.push({ ...(passed ? wentTrue : wentFalse), itemIndex }))}(ctx, t, idx);`
    : js`ctx.log.push(t ? ${constants.bind(wentTrue)} : ${constants.bind(wentFalse)});`;
  return js`{\nconst t = ${test};\n${logBranch}\nif (t) {\n${then}}${orElse}\n}\n`;
}

/** A condition as an expression of `ctx`, `item` and `idx`; all/any short-circuit, and the trace holds only the comparisons that ran. */
function condition(node: Condition, place: Place, inItem: InItem, nodeId: string, path: PropertyKey[]): Code {
  const view = viewCondition(node);
  switch (view.kind) {
    case "comparison":
      return comparison(view.comparison, place, inItem, nodeId, formatPath(path));
    case "all":
    case "any": {
      // An empty group: "all" of nothing holds, "any" of nothing does not.
      if (view.children.length === 0) return view.kind === "all" ? js`true` : js`false`;
      const parts = view.children.map((child, i) => condition(child, place, inItem, nodeId, [...path, view.kind, i]));
      return js`(${joined(parts, view.kind === "all" ? js` && ` : js` || `)})`;
    }
    case "not":
      return js`!${condition(view.child, place, inItem, nodeId, [...path, "not"])}`;
    case "anyItem":
    case "allItems": {
      const inner = condition(view.child, place, true, nodeId, [...path, view.kind]);
      const name = place.helpers.length;
      // "Every item" of an order without items is false: an empty order should not trigger it.
      const found = view.kind === "anyItem" ? js`if (${inner}) return true;` : js`if (!${inner}) return false;`;
      const otherwise = view.kind === "anyItem" ? js`false` : js`true`;
      place.helpers.push(
        js`function q${name}(ctx) {\nconst items = ctx.items;\nif (items.length === 0) return false;\nlet x, h;\nfor (let idx = 0; idx < items.length; idx++) {\nconst item = items[idx];\n${found}\n}\nreturn ${otherwise};\n}\n`,
      );
      return js`q${name}(ctx)`;
    }
  }
}

/**
 * One comparison: its test applied to its read. Replayed, it logs the note for its outcome (and
 * the item's index); the recorded run kept the value it saw, and the entry and its sentence are
 * made from those (trace-log.ts).
 */
function comparison(leaf: Comparison, place: Place, inItem: InItem, nodeId: string, path: string): Code {
  const { ruleId, reads, constants, mode } = place;
  const compiled = compileComparison(leaf, reads, constants);
  const { field, negated } = compiled;
  const holds = js`(${readCode(compiled.read, mode, constants)}, ${compiled.test})`;
  if (mode !== "replay") return negated ? js`!${holds}` : holds;
  const note = (held: boolean) => constants.bind(new LeafNote(ruleId, nodeId, path, field, leaf.op, compiled.expected, held, negated, compiled, reads.seenSlot(field), inItem));
  const [heldNote, failedNote] = [note(true), note(false)];
  const logged = inItem ? js`ctx.log.push(h ? ${heldNote} : ${failedNote}, idx)` : js`ctx.log.push(h ? ${heldNote} : ${failedNote})`;
  return js`(h = ${holds}, ${logged}, ${negated ? js`!h` : js`h`})`;
}
