"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { GraphNode, RuleGraph, SourceHandle } from "@/rules";
import { ActionInspector } from "./action-inspector";
import { ConditionEditor } from "./condition-editor";
import { nodeName } from "./describe";
import { descendants, handlesOf } from "./graph-model";
import { TriggerInspector } from "./trigger-inspector";
import type { Names } from "./types";

type Option = { id: number; name: string };

const TITLES = { trigger: "Trigger", condition: "Condition", action: "Action" } as const;

/**
 * The selected node's settings. Every change goes up as a node update with a merge key that
 * names the node and the field, so a run of typing undoes in one step.
 */
export function Inspector({
  graph,
  node,
  problems,
  names,
  folders,
  stores,
  onNodeChange,
  onRunAfter,
  onDelete,
}: {
  graph: RuleGraph;
  node: GraphNode;
  problems: readonly string[];
  names: Names;
  folders: readonly Option[];
  stores: readonly Option[];
  onNodeChange: (node: GraphNode, mergeKey?: string) => void;
  onRunAfter: (source: string | null, handle: SourceHandle) => void;
  onDelete: () => void;
}) {
  const trigger = graph.nodes.find((n) => n.type === "trigger");
  const itemRule = trigger?.type === "trigger" && trigger.data.scope.kind === "items";
  const key = (k?: string) => (k ? `${node.id}:${k}` : undefined);
  return (
    <div className="space-y-4" data-testid="inspector" data-node-id={node.id}>
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 className="text-base font-semibold text-slate-900">{TITLES[node.type]}</h2>
          <p className="text-xs text-slate-500">
            Node <code>{node.id}</code>
          </p>
        </div>
        <Button variant="danger" onClick={onDelete} aria-label={`Delete ${TITLES[node.type].toLowerCase()} ${node.id}`}>
          Delete
        </Button>
      </div>
      {problems.length ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="inspector-errors">
          <ul className="list-disc space-y-1 pl-4">
            {problems.map((message, i) => (
              <li key={i}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {node.type !== "trigger" ? <RunsAfter graph={graph} node={node} names={names} onChange={onRunAfter} /> : null}
      {node.type === "trigger" ? (
        <TriggerInspector data={node.data} folders={folders} onChange={(data, k) => onNodeChange({ ...node, data }, key(k))} />
      ) : node.type === "condition" ? (
        <div className="space-y-3">
          <TextField
            label="Label (optional)"
            value={node.data.label ?? ""}
            maxLength={200}
            placeholder="e.g. Ships to the US"
            hint="Shown on the canvas and in the test trace instead of the fields."
            onChange={(e) => {
              const { label: _old, ...rest } = node.data;
              onNodeChange({ ...node, data: e.target.value ? { ...rest, label: e.target.value } : rest }, key("label"));
            }}
          />
          <ConditionEditor
            value={node.data.condition}
            folders={folders}
            inItem={itemRule}
            onChange={(condition, k) => onNodeChange({ ...node, data: { ...node.data, condition } }, key(k))}
          />
          <p className="text-xs text-slate-500">
            Connect the <span className="font-semibold text-emerald-700">Yes</span> output to what runs when this is true, and{" "}
            <span className="font-semibold text-rose-700">No</span> to what runs otherwise.
          </p>
        </div>
      ) : (
        <ActionInspector
          action={node.data.action}
          folders={folders}
          stores={stores}
          itemRule={itemRule}
          onChange={(action, k) => onNodeChange({ ...node, data: { action } }, key(k))}
        />
      )}
    </div>
  );
}

/** The keyboard way to connect: choose which output this step hangs off. */
function RunsAfter({ graph, node, names, onChange }: { graph: RuleGraph; node: GraphNode; names: Names; onChange: (source: string | null, handle: SourceHandle) => void }) {
  const id = useId();
  const below = descendants(graph, node.id);
  const incoming = graph.edges.find((e) => e.target === node.id);
  const value = incoming ? `${incoming.source}|${incoming.sourceHandle ?? "next"}` : "";
  const options = graph.nodes
    .filter((n) => !below.has(n.id))
    .flatMap((n) =>
      handlesOf(n).map((handle) => {
        const taken = graph.edges.find((e) => e.source === n.id && (e.sourceHandle ?? null) === handle && e.target !== node.id);
        const branch = handle === "true" ? " → Yes" : handle === "false" ? " → No" : "";
        return { value: `${n.id}|${handle ?? "next"}`, label: `${nodeName(n, names)}${branch}${taken ? " (replaces what is there)" : ""}` };
      }),
    );
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Runs after
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          if (!e.target.value) return onChange(null, null);
          const [source, handle] = e.target.value.split("|") as [string, string];
          onChange(source, handle === "next" ? null : (handle as SourceHandle));
        }}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
      >
        <option value="">Not connected</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <p className="text-xs text-slate-500">Same as drawing a connection on the canvas.</p>
    </div>
  );
}
