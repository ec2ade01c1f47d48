// The rule language's public API: the editor (components) and the jobs (server) import from here.
export { ACTION_IDS, ACTION_LIST, ACTIONS, isActionId, SPLIT_KEYS, type ActionDef, type ActionId, type ActionInput, type ActionScope, type SplitKey } from "./catalog/actions";
export { FIELD_GROUPS, FIELD_TYPES, FIELDS, findField, KEYED_FIELDS, type FieldDef, type FieldGroup, type FieldScope, type FieldType, type KeyedFieldDef } from "./catalog/fields";
export { findOperator, OPERATOR_IDS, OPERATORS, TYPE_NAMES, type OperatorDef, type OperatorId, type ValueShape } from "./catalog/operators";
export type { RuleAddress, RuleKeyValues, RuleOrder, RuleOrderItem } from "./catalog/order";
export { TRIGGER_KINDS, TRIGGERS, type TriggerKind } from "./catalog/triggers";
export { compileRules, type CompiledRuleSet } from "./compile";
export { InvalidRuleError, RULE_ERROR_CODES, type RuleError, type RuleErrorCode, type RuleResult } from "./errors";
export { evaluate, type EvaluateOptions, type Evaluation } from "./evaluate";
export type { TriggerEvent } from "./events";
export { explain } from "./explain";
export {
  edgeId,
  graphToRule,
  ruleToGraph,
  type ActionNodeData,
  type ConditionNodeData,
  type GraphEdge,
  type GraphNode,
  type GraphNodeType,
  type RuleGraph,
  type RuleMeta,
  type SourceHandle,
  type TriggerNodeData,
} from "./graph";
export { parseRule } from "./parse";
export { referencedFolderIds, referencedStoreIds, referencedTemplates } from "./references";
export { PATTERN_INPUT_LIMIT, PATTERN_MAX_LENGTH } from "./safe-regex";
export { TOKEN_HELP } from "./tokens";
export {
  RULE_VERSION,
  viewCondition,
  type ConditionView,
  type Action,
  type ActionStep,
  type Comparison,
  type ComparisonValue,
  type Condition,
  type IfStep,
  type Position,
  type Rule,
  type Scope,
  type Step,
  type Trigger,
  type TriggerConfig,
} from "./schema";
export type { Intent, TraceEntry, TraceValue } from "./trace";
