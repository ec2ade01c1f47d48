"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useCurrentStore } from "@/components/orders/use-current-store";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formError } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { Position, RuleGraph, SourceHandle } from "@/rules";
import { BacktestPanel } from "./backtest-panel";
import { nodeName } from "./describe";
import { EnabledSwitch } from "./enabled-switch";
import {
  asGraph,
  checkGraph,
  COLUMN,
  connect,
  disconnectTarget,
  EMPTY_GRAPH,
  formMessages,
  freeHandles,
  layoutGraph,
  makeNode,
  NO_PROBLEMS,
  problemCount,
  problemsFromServer,
  removeElements,
  ROW,
  updateNode,
  type GraphProblems,
  type PaletteItem,
} from "./graph-model";
import { useGraphHistory } from "./history";
import { Inspector } from "./inspector";
import { Palette } from "./palette";
import { RuleCanvas, type Selection } from "./rule-canvas";
import { TestPanel } from "./test-panel";
import type { Names, SavedRule } from "./types";
import { VersionsPanel } from "./versions-panel";

const snapshot = (name: string, graph: RuleGraph) => JSON.stringify([name, graph]);
const NOTHING: Selection = { nodes: [], edges: [] };

/** The rule editor page: a new rule, or a saved one loaded first. */
export function RuleEditor({ ruleId }: { ruleId?: number }) {
  const trpc = useTRPC();
  const { storeId } = useCurrentStore();
  const saved = useQuery({ ...trpc.rule.byId.queryOptions({ storeId, ruleId: ruleId ?? 0 }), enabled: ruleId !== undefined });

  if (ruleId !== undefined) {
    if (saved.isPending) return <p className="text-sm text-slate-500" role="status">Loading rule…</p>;
    if (saved.isError) {
      const missing = saved.error instanceof TRPCClientError && saved.error.data?.code === "NOT_FOUND";
      return (
        <div className="space-y-3">
          <Notice tone="error">{missing ? "This rule was not found in this store. It may have been deleted." : formError(saved.error)}</Notice>
          <Link href={`/s/${storeId}/rules`} className="text-sm font-medium text-brand-700 hover:underline">
            ← Back to rules
          </Link>
        </div>
      );
    }
  }
  return (
    <ReactFlowProvider>
      <Workspace key={ruleId ?? "new"} ruleId={ruleId} saved={ruleId === undefined ? undefined : saved.data} />
    </ReactFlowProvider>
  );
}

function Workspace({ ruleId, saved }: { ruleId?: number; saved?: SavedRule }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const search = useSearchParams();
  const { storeId, timezone, can } = useCurrentStore();
  const folders = useQuery(trpc.folder.list.queryOptions({ storeId }));
  const stores = useQuery(trpc.store.list.queryOptions());
  const { screenToFlowPosition, flowToScreenPosition, fitView, setCenter, getZoom, getInternalNode } = useReactFlow();

  const [initial] = useState(() => (saved ? asGraph(saved.graph) : EMPTY_GRAPH));
  const history = useGraphHistory(initial);
  const { graph, commit, undo, redo, reset } = history;
  const [name, setName] = useState(saved?.name ?? "");
  const [savedAs, setSavedAs] = useState(() => snapshot(saved?.name ?? "", initial));
  const dirty = snapshot(name, graph) !== savedAs;
  const [selection, setSelection] = useState<Selection>(NOTHING);
  // Problems are shown from the first save or test on, and then follow every edit.
  const [checking, setChecking] = useState(false);
  const [refused, setRefused] = useState<{ graph: RuleGraph; name: string; problems: GraphProblems } | null>(null);
  const [flash, setFlash] = useState<string | undefined>(() => (search.get("created") ? "Rule created. It is off until you enable it." : undefined));
  const canvasRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Drop ?created=1 so a reload does not announce it again.
    if (search.get("created")) window.history.replaceState(null, "", window.location.pathname);
  }, [search]);

  const names = useMemo<Names>(
    () => ({ folders: new Map(folders.data?.map((f) => [f.id, f.name])), stores: new Map(stores.data?.map((s) => [s.id, s.name])) }),
    [folders.data, stores.data],
  );
  const folderList = useMemo(() => folders.data?.map((f) => ({ id: f.id, name: f.name })) ?? [], [folders.data]);
  const otherStores = useMemo(() => stores.data?.filter((s) => s.id !== storeId).map((s) => ({ id: s.id, name: s.name })) ?? [], [stores.data, storeId]);

  const metaId = String(ruleId ?? "new");
  const live = useMemo(() => (checking ? checkGraph(graph, { id: metaId, name: name.trim() }) : NO_PROBLEMS), [checking, graph, name, metaId]);
  const problems = refused && refused.graph === graph && refused.name === name ? refused.problems : live;
  const selectedNode = selection.nodes.length === 1 ? graph.nodes.find((n) => n.id === selection.nodes[0]) : undefined;
  const hasTrigger = graph.nodes.some((n) => n.type === "trigger");

  // ---- editing -------------------------------------------------------------------------------

  const addItem = (item: PaletteItem, at?: Position) => {
    let position = at;
    let from: { source: string; handle: SourceHandle } | undefined;
    if (!position && selectedNode && item.type !== "trigger") {
      const handle = freeHandles(graph, selectedNode)[0];
      if (handle !== undefined) {
        from = { source: selectedNode.id, handle };
        // Below the step as it is drawn now (a step listing problems is taller than usual).
        const height = getInternalNode(selectedNode.id)?.measured.height ?? ROW - 80;
        position = { x: selectedNode.position.x + (handle === "false" ? COLUMN : 0), y: selectedNode.position.y + Math.max(ROW, height + 80) };
      } else position = { x: selectedNode.position.x + COLUMN, y: selectedNode.position.y };
    }
    if (!position) {
      const box = canvasRef.current?.getBoundingClientRect();
      const centre = box ? screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 3 }) : { x: 0, y: 0 };
      const nudge = (graph.nodes.length % 5) * 24;
      position = { x: Math.round(centre.x - 112 + nudge), y: Math.round(centre.y - 28 + nudge) };
    }
    const node = makeNode(graph, item, position);
    commit((g) => {
      const next = { ...g, nodes: [...g.nodes, node] };
      return from ? connect(next, from.source, from.handle, node.id) : next;
    });
    setSelection({ nodes: [node.id], edges: [] });
    if (!at) revealPosition(position);
  };

  /** Pans so a step added from the keyboard is in view (it may land below the visible area). */
  const revealPosition = (position: Position) => {
    const box = canvasRef.current?.getBoundingClientRect();
    if (!box) return;
    const topLeft = flowToScreenPosition(position);
    const bottomRight = flowToScreenPosition({ x: position.x + 224, y: position.y + 90 });
    const visible = topLeft.x >= box.left && topLeft.y >= box.top && bottomRight.x <= box.right && bottomRight.y <= box.bottom;
    if (!visible) void setCenter(position.x + 112, position.y + 45, { zoom: getZoom(), duration: 200 });
  };

  const autoLayout = () => {
    commit((g) => layoutGraph(g, name));
    setTimeout(() => void fitView({ padding: 0.25, maxZoom: 1, duration: 250 }), 50);
  };

  const showNode = (nodeId: string) => {
    const node = graph.nodes.find((n) => n.id === nodeId);
    if (!node) return;
    setSelection({ nodes: [nodeId], edges: [] });
    void setCenter(node.position.x + 112, node.position.y + 40, { zoom: getZoom(), duration: 300 });
    canvasRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  };

  // ---- checking and saving -------------------------------------------------------------------

  /** Before a test or backtest: the same check as saving, but a name is not needed yet. */
  const readyToRun = () => {
    const found = checkGraph(graph, { id: metaId, name: name.trim() || "Draft" });
    if (problemCount(found) === 0) return true;
    setChecking(true);
    setFlash(undefined);
    return false;
  };
  const onRefused = (error: unknown) => {
    const found = problemsFromServer(error);
    if (!found) return;
    setChecking(true);
    setRefused({ graph, name, problems: found });
  };

  const save = useMutation(trpc.rule.save.mutationOptions());
  const onSave = () => {
    setChecking(true);
    setFlash(undefined);
    const found = checkGraph(graph, { id: metaId, name: name.trim() });
    if (problemCount(found) > 0) return save.reset();
    if (ruleId !== undefined && !dirty) return setFlash(`No changes to save: version ${saved?.version ?? ""} is current.`);
    const sent = { name, graph };
    save.mutate(
      { storeId, ruleId, name: name.trim(), graph },
      {
        onSuccess: async (result) => {
          setSavedAs(snapshot(sent.name, sent.graph));
          await queryClient.invalidateQueries({ queryKey: trpc.rule.pathKey() });
          if (ruleId === undefined) router.replace(`/s/${storeId}/rules/${result.id}?created=1`);
          else setFlash(`Saved as version ${result.version}.`);
        },
        onError: (error) => {
          const found = problemsFromServer(error);
          if (found) setRefused({ graph: sent.graph, name: sent.name, problems: found });
        },
      },
    );
  };
  const saveRef = useRef(onSave);
  useEffect(() => {
    saveRef.current = onSave;
  });

  const setEnabled = useMutation(
    trpc.rule.setEnabled.mutationOptions({
      onMutate: ({ enabled }) => {
        if (ruleId !== undefined) queryClient.setQueryData(trpc.rule.byId.queryKey({ storeId, ruleId }), (rule) => (rule ? { ...rule, enabled } : rule));
      },
      onSuccess: (result) => setFlash(result.enabled ? "The rule is on: it runs on the next matching event." : "The rule is off."),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.rule.pathKey() }),
    }),
  );

  const onRestored = async (version: number) => {
    if (ruleId === undefined) return;
    const rule = await queryClient.fetchQuery(trpc.rule.byId.queryOptions({ storeId, ruleId }));
    const restored = asGraph(rule.graph);
    reset(restored);
    setName(rule.name);
    setSavedAs(snapshot(rule.name, restored));
    setSelection(NOTHING);
    setRefused(null);
    setFlash(`Restored: saved as version ${version}.`);
  };

  // ---- keyboard: undo / redo / save ----------------------------------------------------------

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === "s") {
        event.preventDefault();
        saveRef.current();
        return;
      }
      // Inside a text box the browser's own undo applies.
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return;
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        undo();
      } else if ((key === "z" && event.shiftKey) || key === "y") {
        event.preventDefault();
        redo();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [undo, redo]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const onSelectionChange = useCallback((next: Selection | ((s: Selection) => Selection)) => setSelection(next), []);

  // ---- view ----------------------------------------------------------------------------------

  const listed = [
    ...(problems.name ? [`Rule name — ${problems.name}`] : []),
    ...formMessages(problems),
    ...Object.entries(problems.nodes).flatMap(([id, messages]) => {
      const node = graph.nodes.find((n) => n.id === id);
      return messages.map((m) => (node ? `${nodeName(node, names)} — ${m}` : m));
    }),
  ];
  const total = problemCount(problems);
  const saveFailure = save.isError && !problemsFromServer(save.error) ? formError(save.error) : undefined;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <Link
            href={`/s/${storeId}/rules`}
            className="text-sm font-medium text-brand-700 hover:underline"
            onClick={(event) => {
              if (dirty && !window.confirm("Leave the editor? Your unsaved changes will be lost.")) event.preventDefault();
            }}
          >
            ← Rules
          </Link>
          <h1 className="text-2xl font-semibold">{ruleId === undefined ? "New rule" : saved?.name || "Rule"}</h1>
        </div>
        <p className="text-sm text-slate-500" aria-live="polite" data-testid="save-state">
          {dirty ? "Unsaved changes" : ruleId === undefined ? "Not saved yet" : `Saved · version ${saved?.version ?? ""}`}
        </p>
      </div>

      <div className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
        <div className="w-72">
          <TextField
            label="Rule name"
            value={name}
            maxLength={120}
            placeholder="e.g. Tag US orders"
            error={problems.name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === "Enter" && onSave()}
          />
        </div>
        <div className="pb-1">
          <span className="block text-sm font-medium text-slate-700">Enabled</span>
          <EnabledSwitch
            checked={saved?.enabled ?? false}
            label="Enabled"
            disabled={ruleId === undefined || setEnabled.isPending}
            onChange={(enabled) => ruleId !== undefined && setEnabled.mutate({ storeId, ruleId, enabled })}
          />
        </div>
        <p className="max-w-48 pb-1 text-xs text-slate-500">
          {ruleId === undefined ? "Save the rule first; new rules start off." : dirty ? "On/off applies to the saved version." : "Runs only while on."}
        </p>
        <div className="ml-auto flex flex-wrap gap-2" role="toolbar" aria-label="Editor">
          <Button variant="secondary" onClick={undo} disabled={!history.canUndo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">
            Undo
          </Button>
          <Button variant="secondary" onClick={redo} disabled={!history.canRedo} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">
            Redo
          </Button>
          <Button variant="secondary" onClick={autoLayout} disabled={graph.nodes.length === 0}>
            Auto layout
          </Button>
          <Button onClick={onSave} disabled={save.isPending} aria-keyshortcuts="Control+S">
            {save.isPending ? "Saving…" : "Save"}
          </Button>
        </div>
      </div>

      {flash ? <Notice tone="success">{flash}</Notice> : null}
      {saveFailure ? <Notice tone="error">{saveFailure}</Notice> : null}
      {total > 0 ? (
        <Notice tone="error">
          <p className="font-medium" data-testid="problem-count">
            {total === 1 ? "1 problem to fix" : `${total} problems to fix`} before the rule can be saved or tested
            {Object.keys(problems.nodes).length ? " (marked in red on the canvas)" : ""}:
          </p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5" data-testid="problem-list">
            {listed.slice(0, 8).map((message, i) => (
              <li key={i}>{message}</li>
            ))}
            {listed.length > 8 ? <li>and {listed.length - 8} more</li> : null}
          </ul>
        </Notice>
      ) : null}

      <div className="grid h-[640px] grid-cols-[10.5rem_minmax(0,1fr)_20rem] overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        <aside className="overflow-y-auto border-r border-slate-200 bg-slate-50 p-3">
          <Palette onAdd={(item) => addItem(item)} hasTrigger={hasTrigger} />
        </aside>
        <div className="relative min-w-0">
          <RuleCanvas
            graph={graph}
            history={history}
            problems={problems}
            names={names}
            selection={selection}
            onSelectionChange={onSelectionChange}
            onDropItem={addItem}
            canvasRef={canvasRef}
            fitOnInit={initial.nodes.length > 0}
          />
          {graph.nodes.length === 0 ? (
            <div className="pointer-events-none absolute inset-0 flex items-center justify-center p-8">
              <div className="max-w-xs rounded-lg border border-dashed border-slate-300 bg-white/90 px-4 py-3 text-center text-sm text-slate-600">
                <p className="font-medium text-slate-800">Start with a trigger</p>
                <p className="mt-1">Drag “Trigger” here from the left, then conditions and actions. Connect them by dragging from a step’s bottom dot to the next step.</p>
              </div>
            </div>
          ) : null}
        </div>
        <aside className="overflow-y-auto border-l border-slate-200 p-3" aria-label="Inspector">
          {selectedNode ? (
            <Inspector
              key={selectedNode.id}
              graph={graph}
              node={selectedNode}
              problems={problems.nodes[selectedNode.id] ?? []}
              names={names}
              folders={folderList}
              stores={otherStores}
              onNodeChange={(node, mergeKey) => commit((g) => updateNode(g, node.id, () => node), mergeKey)}
              onRunAfter={(source, handle) => commit((g) => (source ? connect(g, source, handle, selectedNode.id) : disconnectTarget(g, selectedNode.id)))}
              onDelete={() => {
                commit((g) => removeElements(g, [selectedNode.id]));
                setSelection(NOTHING);
              }}
            />
          ) : (
            <div className="space-y-3 text-sm text-slate-600">
              <h2 className="text-base font-semibold text-slate-900">Inspector</h2>
              {selection.nodes.length > 1 ? (
                <p>{selection.nodes.length} steps selected. Press Delete to remove them, or select one to edit it.</p>
              ) : (
                <p>Select a step on the canvas (click it, or Tab to it and press Enter) to edit it here.</p>
              )}
              <ul className="list-disc space-y-1 pl-4 text-xs text-slate-500">
                <li>A rule has one trigger; each step follows one step.</li>
                <li>A condition continues from its Yes and No outputs.</li>
                <li>Delete or Backspace removes the selected steps and connections.</li>
                <li>Ctrl+Z undoes, Ctrl+Shift+Z redoes, Ctrl+S saves.</li>
              </ul>
            </div>
          )}
        </aside>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Test on order" description="See what the rule would do to one order, step by step.">
          <TestPanel
            storeId={storeId}
            ruleId={ruleId}
            name={name}
            graph={graph}
            names={names}
            canReadOrders={can("orders.read")}
            beforeRun={readyToRun}
            onRefused={onRefused}
            onShowNode={showNode}
          />
        </Card>
        <Card title="Backtest" description="Run the rule over recent orders without changing them.">
          <BacktestPanel storeId={storeId} ruleId={ruleId} name={name} graph={graph} names={names} folders={folderList} beforeRun={readyToRun} onRefused={onRefused} />
        </Card>
      </div>
      {ruleId !== undefined && saved ? (
        <Card title="Versions" description="Every save is kept. Compare an older version with the current one, or restore it.">
          <VersionsPanel storeId={storeId} ruleId={ruleId} current={{ version: saved.version, dsl: saved.dsl }} names={names} timezone={timezone} dirty={dirty} onRestored={onRestored} />
        </Card>
      ) : null}
    </div>
  );
}
