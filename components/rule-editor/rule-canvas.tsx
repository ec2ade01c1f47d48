"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnDelete,
} from "@xyflow/react";
import { useCallback, useMemo, useState, type Dispatch, type DragEvent, type RefObject, type SetStateAction } from "react";
import type { Position, RuleGraph, SourceHandle } from "@/rules";
import { nodeText } from "./describe";
import { NODE_TYPES, type RuleFlowNode } from "./flow-nodes";
import { canConnect, connect, removeElements, type GraphProblems, type PaletteItem } from "./graph-model";
import type { GraphHistory } from "./history";
import { PALETTE_MIME } from "./palette";
import type { Names } from "./types";

export interface Selection {
  nodes: string[];
  edges: string[];
}

/** Half a node's size: a dropped step is centred on the pointer. */
const NODE_HALF = { x: 112, y: 28 };

const toggle = (list: string[], changes: { id: string; selected: boolean }[]) => {
  const set = new Set(list);
  for (const c of changes) {
    if (c.selected) set.add(c.id);
    else set.delete(c.id);
  }
  return [...set];
};

/**
 * The React Flow canvas over the editor's RuleGraph. The graph stays the source of truth: it is
 * turned into React Flow nodes and edges on every render, and React Flow's changes are turned
 * back into graph updates (committed to the undo history, or transient while a node is dragged).
 * Only what React Flow needs for itself (measured sizes) and the selection live beside the graph.
 */
export function RuleCanvas({
  graph,
  history,
  problems,
  names,
  selection,
  onSelectionChange,
  onDropItem,
  canvasRef,
  fitOnInit,
}: {
  graph: RuleGraph;
  history: GraphHistory;
  problems: GraphProblems;
  names: Names;
  selection: Selection;
  onSelectionChange: Dispatch<SetStateAction<Selection>>;
  onDropItem: (item: PaletteItem, position: Position) => void;
  canvasRef: RefObject<HTMLDivElement | null>;
  fitOnInit: boolean;
}) {
  const { screenToFlowPosition } = useReactFlow();
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const { commit, transient } = history;

  const nodes = useMemo(
    () =>
      graph.nodes.map((node): RuleFlowNode => {
        const text = nodeText(node, names);
        return {
          id: node.id,
          type: node.type,
          position: node.position,
          data: { ...text, errors: problems.nodes[node.id] ?? [] },
          selected: selection.nodes.includes(node.id),
          measured: measured[node.id],
          ariaLabel: `${node.type === "trigger" ? "Trigger" : node.type === "condition" ? "Condition" : "Action"}: ${text.title}${text.summary ? `, ${text.summary}` : ""}`,
        };
      }),
    [graph.nodes, names, problems.nodes, selection.nodes, measured],
  );

  const edges = useMemo(
    () =>
      graph.edges.map((edge): Edge => {
        const handle = edge.sourceHandle ?? null;
        const invalid = Boolean(problems.edges[edge.id]);
        const color = invalid ? "#dc2626" : handle === "true" ? "#059669" : handle === "false" ? "#e11d48" : "#64748b";
        return {
          id: edge.id,
          source: edge.source,
          target: edge.target,
          sourceHandle: handle,
          selected: selection.edges.includes(edge.id),
          ariaLabel: `Connection from ${edge.source}${handle === "true" ? " (Yes)" : handle === "false" ? " (No)" : ""} to ${edge.target}`,
          style: { stroke: color, strokeWidth: 2 },
          markerEnd: { type: MarkerType.ArrowClosed, color },
        };
      }),
    [graph.edges, problems.edges, selection.edges],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<RuleFlowNode>[]) => {
      const moved = new Map<string, Position>();
      let dragging = false;
      const sizes: Record<string, { width: number; height: number }> = {};
      const selects: { id: string; selected: boolean }[] = [];
      for (const change of changes) {
        if (change.type === "position" && change.position) {
          moved.set(change.id, change.position);
          dragging ||= Boolean(change.dragging);
        } else if (change.type === "dimensions" && change.dimensions) sizes[change.id] = change.dimensions;
        else if (change.type === "select") selects.push(change);
        // "remove" arrives once, with its edges, through onDelete.
      }
      if (moved.size) {
        const update = (g: RuleGraph): RuleGraph => ({ ...g, nodes: g.nodes.map((n) => (moved.has(n.id) ? { ...n, position: moved.get(n.id)! } : n)) });
        if (dragging) transient(update);
        else commit(update, `move:${[...moved.keys()].join(",")}`);
      }
      if (Object.keys(sizes).length) {
        setMeasured((before) => {
          const changed = Object.entries(sizes).some(([id, s]) => before[id]?.width !== s.width || before[id]?.height !== s.height);
          return changed ? { ...before, ...sizes } : before;
        });
      }
      if (selects.length) onSelectionChange((s) => ({ ...s, nodes: toggle(s.nodes, selects) }));
    },
    [commit, transient, onSelectionChange],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const selects = changes.flatMap((c) => (c.type === "select" ? [c] : []));
      if (selects.length) onSelectionChange((s) => ({ ...s, edges: toggle(s.edges, selects) }));
    },
    [onSelectionChange],
  );

  const onConnect = useCallback(
    (connection: Connection) => commit((g) => connect(g, connection.source, (connection.sourceHandle ?? null) as SourceHandle, connection.target)),
    [commit],
  );

  const onDelete: OnDelete = useCallback(
    ({ nodes: gone, edges: cut }) => {
      commit((g) => removeElements(g, gone.map((n) => n.id), cut.map((e) => e.id)));
      onSelectionChange({ nodes: [], edges: [] });
    },
    [commit, onSelectionChange],
  );

  const isValidConnection: IsValidConnection = useCallback((c) => canConnect(graph, c.source, c.target), [graph]);

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  };
  const onDrop = (event: DragEvent) => {
    const raw = event.dataTransfer.getData(PALETTE_MIME);
    if (!raw) return;
    event.preventDefault();
    const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    onDropItem(JSON.parse(raw) as PaletteItem, { x: Math.round(at.x - NODE_HALF.x), y: Math.round(at.y - NODE_HALF.y) });
  };

  return (
    <div ref={canvasRef} className="h-full w-full" onDragOver={onDragOver} onDrop={onDrop} data-testid="rule-canvas">
      <ReactFlow<RuleFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onDelete={onDelete}
        isValidConnection={isValidConnection}
        deleteKeyCode={["Backspace", "Delete"]}
        fitView={fitOnInit}
        fitViewOptions={{ maxZoom: 1, padding: 0.25 }}
        defaultViewport={{ x: 40, y: 40, zoom: 1 }}
        minZoom={0.25}
        maxZoom={1.5}
        ariaLabelConfig={{ "node.a11yDescription.default": "Press Enter or Space to select this step, then Delete to remove it; arrow keys move it." }}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
