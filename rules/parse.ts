import { formatPath, type RuleError, type RuleResult } from "./errors";
import { ruleDocumentSchema, type Rule } from "./schema";
import { validateRule } from "./validate";
import { describeProblem, flattenIssues } from "./zod-issues";

const MAX_DEPTH = 64;

/** Checks a rule document (parsed JSON): structure with zod, then meaning with validateRule. */
export function parseRule(json: unknown): RuleResult<Rule> {
  if (depthOf(json) > MAX_DEPTH) {
    return { ok: false, errors: [{ code: "too_large", message: `This rule is nested more than ${MAX_DEPTH} levels deep; flatten its conditions or split it.` }] };
  }
  const parsed = ruleDocumentSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) {
    const errors = flattenIssues(parsed.error.issues).map((problem): RuleError => {
      const nodeId = nodeIdAlong(json, problem.path);
      return { code: "invalid_document", message: describeProblem(problem, formatPath), ...(nodeId ? { nodeId } : {}), path: formatPath(problem.path) };
    });
    return { ok: false, errors };
  }
  return validateRule(parsed.data);
}

/**
 * The innermost node (step or trigger) on the way to a problem, so the editor can point at it;
 * the scope is edited on the trigger node, so its problems point there too.
 */
function nodeIdAlong(json: unknown, path: readonly PropertyKey[]): string | undefined {
  let found = path[0] === "scope" ? nodeIdAlong(json, ["trigger"]) : undefined;
  let at = json;
  for (const key of [undefined, ...path]) {
    if (key !== undefined) at = at !== null && typeof at === "object" && Object.hasOwn(at, key) ? (at as Record<PropertyKey, unknown>)[key] : undefined;
    const nodeId = at !== null && typeof at === "object" && !Array.isArray(at) ? (at as { nodeId?: unknown }).nodeId : undefined;
    if (typeof nodeId === "string") found = nodeId;
  }
  return found;
}

/** Without recursion, so a hostile document cannot overflow the stack before zod sees it. */
function depthOf(json: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[json, 1]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
}
