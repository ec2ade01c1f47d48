/**
 * Errors a person can act on. `nodeId` / `edgeId` let the editor highlight the culprit; `path`
 * points inside the rule document (parseRule) or inside the node's data (graphToRule), e.g.
 * "condition.all[1].value".
 */
export const RULE_ERROR_CODES = [
  // The document
  "invalid_document",
  "too_large",
  "duplicate_node_id",
  "steps_after_condition",
  "empty_rule",
  // The graph
  "no_trigger",
  "multiple_triggers",
  "dangling_edge",
  "invalid_handle",
  "duplicate_handle_edge",
  "edge_into_trigger",
  "multiple_parents",
  "cycle",
  "unreachable_node",
  // Meaning
  "invalid_trigger",
  "empty_group",
  "unknown_field",
  "item_field_outside_item_scope",
  "operator_type_mismatch",
  "invalid_value",
  "unsafe_regex",
  "invalid_action_input",
  "action_scope_mismatch",
] as const;
export type RuleErrorCode = (typeof RULE_ERROR_CODES)[number];

export interface RuleError {
  code: RuleErrorCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
  path?: string;
}

export type RuleResult<T> = { ok: true; rule: T } | { ok: false; errors: RuleError[] };

/** ["body", 0, "condition", "all", 1] -> "body[0].condition.all[1]". */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === "number") return `${path}[${segment}]`;
    const name = String(segment);
    return /^[A-Za-z_$][\w$]*$/.test(name) ? (path ? `${path}.${name}` : name) : `${path}[${JSON.stringify(name)}]`;
  }, "");
}

/** Thrown by compileRules when handed a rule that does not validate. */
export class InvalidRuleError extends Error {
  constructor(
    readonly ruleId: string,
    readonly errors: RuleError[],
  ) {
    super(`Rule "${ruleId}" is not valid: ${errors.map((e) => e.message).join(" ")}`);
    this.name = "InvalidRuleError";
  }
}
