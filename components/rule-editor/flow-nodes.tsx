"use client";

import { Handle, Position, type Node, type NodeProps, type NodeTypes } from "@xyflow/react";

/** What a canvas node shows; computed by the editor from the graph node, names and problems. */
export type RuleNodeData = {
  title: string;
  summary: string;
  errors: string[];
};
export type RuleFlowNode = Node<RuleNodeData, "trigger" | "condition" | "action">;

const KIND = {
  trigger: { badge: "When", tone: "border-violet-300 bg-violet-50", badgeTone: "bg-violet-600 text-white" },
  condition: { badge: "If", tone: "border-amber-300 bg-amber-50", badgeTone: "bg-amber-500 text-white" },
  action: { badge: "Do", tone: "border-sky-300 bg-sky-50", badgeTone: "bg-sky-600 text-white" },
} as const;

const handleClass = "!h-3 !w-3 !border-2 !border-white !bg-slate-500";

function Body({ type, data, selected, id }: { type: keyof typeof KIND; data: RuleNodeData; selected: boolean; id: string }) {
  const kind = KIND[type];
  const invalid = data.errors.length > 0;
  return (
    <div
      data-testid="rule-node"
      data-node-id={id}
      data-node-type={type}
      data-invalid={invalid ? "true" : undefined}
      className={`w-56 rounded-lg border-2 px-3 py-2 text-left shadow-sm ${invalid ? "border-red-500 bg-red-50" : kind.tone} ${selected ? "ring-2 ring-brand-500 ring-offset-2" : ""}`}
    >
      <div className="flex items-center gap-2">
        <span className={`rounded px-1.5 py-0.5 text-[10px] font-bold uppercase tracking-wide ${kind.badgeTone}`}>{kind.badge}</span>
        <span className="truncate text-sm font-semibold text-slate-900">{data.title}</span>
      </div>
      {data.summary ? <p className="mt-1 line-clamp-3 text-xs break-words text-slate-700">{data.summary}</p> : null}
      {invalid ? (
        <ul className="mt-1 space-y-0.5 text-xs text-red-700" data-testid="node-errors">
          {data.errors.slice(0, 2).map((message, i) => (
            <li key={i} className="line-clamp-3 break-words">
              {message}
            </li>
          ))}
          {data.errors.length > 2 ? <li>and {data.errors.length - 2} more (see the inspector)</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

function TriggerNode({ id, data, selected }: NodeProps<RuleFlowNode>) {
  return (
    <>
      <Body type="trigger" id={id} data={data} selected={selected} />
      <Handle type="source" position={Position.Bottom} className={handleClass} title="Then" aria-label="Then" />
    </>
  );
}

function ConditionNode({ id, data, selected }: NodeProps<RuleFlowNode>) {
  return (
    <>
      <Handle type="target" position={Position.Top} className={handleClass} />
      <Body type="condition" id={id} data={data} selected={selected} />
      <Handle type="source" id="true" position={Position.Bottom} style={{ left: "25%" }} className="!h-3.5 !w-3.5 !border-2 !border-white !bg-emerald-600" title="Yes" aria-label="Yes" />
      <Handle type="source" id="false" position={Position.Bottom} style={{ left: "75%" }} className="!h-3.5 !w-3.5 !border-2 !border-white !bg-rose-600" title="No" aria-label="No" />
      {/* Labels under the handles: what each output means. */}
      <span className="pointer-events-none absolute top-full right-[calc(75%+8px)] text-[10px] font-semibold text-emerald-700">Yes</span>
      <span className="pointer-events-none absolute top-full left-[calc(75%+8px)] text-[10px] font-semibold text-rose-700">No</span>
    </>
  );
}

function ActionNode({ id, data, selected }: NodeProps<RuleFlowNode>) {
  return (
    <>
      <Handle type="target" position={Position.Top} className={handleClass} />
      <Body type="action" id={id} data={data} selected={selected} />
      <Handle type="source" position={Position.Bottom} className={handleClass} title="Then" aria-label="Then" />
    </>
  );
}

export const NODE_TYPES: NodeTypes = { trigger: TriggerNode, condition: ConditionNode, action: ActionNode };
