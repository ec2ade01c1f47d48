import { useCallback, useReducer } from "react";
import type { RuleGraph } from "@/rules";

/**
 * Undo/redo as a history of whole-graph snapshots (graphs are small and immutable, so a snapshot
 * is a pointer). Three kinds of change:
 * - a commit pushes the graph before it onto `past` and clears `future`;
 * - commits with the same `mergeKey` within MERGE_MS replace the last one (typing in a field is
 *   one step, not one per key);
 * - transient changes (a node being dragged) replace `present` and remember where they started in
 *   `pending`; the commit that ends them records that start, so one undo puts the node back.
 */
export const HISTORY_LIMIT = 100;
const MERGE_MS = 1500;

export interface History {
  past: RuleGraph[];
  present: RuleGraph;
  future: RuleGraph[];
  pending: RuleGraph | null;
  lastKey: string | null;
  lastAt: number;
}

/** A new graph, or how to make it from the current one (so quick successive events compose). */
export type GraphUpdate = RuleGraph | ((graph: RuleGraph) => RuleGraph);
const apply = (update: GraphUpdate, graph: RuleGraph) => (typeof update === "function" ? update(graph) : update);

export type HistoryAction =
  | { type: "commit"; update: GraphUpdate; mergeKey?: string; at: number }
  | { type: "transient"; update: GraphUpdate }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "reset"; graph: RuleGraph };

export const initialHistory = (graph: RuleGraph): History => ({ past: [], present: graph, future: [], pending: null, lastKey: null, lastAt: 0 });

export function historyReducer(state: History, action: HistoryAction): History {
  switch (action.type) {
    case "transient": {
      const graph = apply(action.update, state.present);
      return graph === state.present ? state : { ...state, present: graph, pending: state.pending ?? state.present, lastKey: null };
    }
    case "commit": {
      const graph = apply(action.update, state.present);
      const before = state.pending ?? state.present;
      if (before === graph) return state.pending ? { ...state, present: graph, pending: null } : state;
      const merge = !state.pending && action.mergeKey !== undefined && action.mergeKey === state.lastKey && action.at - state.lastAt < MERGE_MS;
      return {
        past: merge ? state.past : [...state.past, before].slice(-HISTORY_LIMIT),
        present: graph,
        future: [],
        pending: null,
        lastKey: action.mergeKey ?? null,
        lastAt: action.at,
      };
    }
    case "undo": {
      const base = state.pending ?? state.present;
      const previous = state.past.at(-1);
      if (!previous) return state.pending ? { ...state, present: base, pending: null } : state;
      return { past: state.past.slice(0, -1), present: previous, future: [base, ...state.future], pending: null, lastKey: null, lastAt: 0 };
    }
    case "redo": {
      const [next, ...rest] = state.future;
      if (!next) return state;
      return { past: [...state.past, state.pending ?? state.present], present: next, future: rest, pending: null, lastKey: null, lastAt: 0 };
    }
    case "reset":
      return initialHistory(action.graph);
  }
}

export interface GraphHistory {
  graph: RuleGraph;
  /** Records a change; pass the same mergeKey for a run of edits that should undo as one. */
  commit: (update: GraphUpdate, mergeKey?: string) => void;
  transient: (update: GraphUpdate) => void;
  undo: () => void;
  redo: () => void;
  reset: (graph: RuleGraph) => void;
  canUndo: boolean;
  canRedo: boolean;
}

export function useGraphHistory(initial: RuleGraph): GraphHistory {
  const [state, dispatch] = useReducer(historyReducer, initial, initialHistory);
  const commit = useCallback((update: GraphUpdate, mergeKey?: string) => dispatch({ type: "commit", update, mergeKey, at: Date.now() }), []);
  const transient = useCallback((update: GraphUpdate) => dispatch({ type: "transient", update }), []);
  const undo = useCallback(() => dispatch({ type: "undo" }), []);
  const redo = useCallback(() => dispatch({ type: "redo" }), []);
  const reset = useCallback((graph: RuleGraph) => dispatch({ type: "reset", graph }), []);
  return {
    graph: state.present,
    commit,
    transient,
    undo,
    redo,
    reset,
    canUndo: state.past.length > 0 || state.pending !== null,
    canRedo: state.future.length > 0,
  };
}
