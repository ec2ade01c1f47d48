"use client";

import type { DragEvent, ReactNode } from "react";
import { ACTIONS } from "@/rules";
import { groupedActions } from "./action-inspector";
import type { PaletteItem } from "./graph-model";

/** The drag payload's type: only our palette's drags are accepted by the canvas. */
export const PALETTE_MIME = "application/x-switchyard-rule-node";

/**
 * What can go on the canvas. Drag an entry onto the canvas, or press it (click, Enter, Space) to
 * add it below the selected step, connected to its first free output.
 */
export function Palette({ onAdd, hasTrigger }: { onAdd: (item: PaletteItem) => void; hasTrigger: boolean }) {
  return (
    <nav aria-label="Steps to add" className="space-y-3 text-sm">
      <p className="text-xs text-slate-500">Drag onto the canvas, or press to add below the selected step.</p>
      <Section title="Start">
        <Entry item={{ type: "trigger" }} label="Trigger" description={hasTrigger ? "This rule already has its trigger." : "When the rule runs."} disabled={hasTrigger} onAdd={onAdd} tone="violet" />
      </Section>
      <Section title="Logic">
        <Entry item={{ type: "condition" }} label="Condition" description="Splits into Yes and No." onAdd={onAdd} tone="amber" />
      </Section>
      {groupedActions().map((group) => (
        <Section key={group.label} title={group.label}>
          {group.ids.map((id) => (
            <Entry key={id} item={{ type: "action", kind: id }} label={ACTIONS[id].label} description={ACTIONS[id].description} onAdd={onAdd} tone="sky" />
          ))}
        </Section>
      ))}
    </nav>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h3 className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      <ul className="space-y-1">{children}</ul>
    </section>
  );
}

const TONES = {
  violet: "border-l-violet-500",
  amber: "border-l-amber-500",
  sky: "border-l-sky-500",
} as const;

function Entry({
  item,
  label,
  description,
  disabled,
  onAdd,
  tone,
}: {
  item: PaletteItem;
  label: string;
  description: string;
  disabled?: boolean;
  onAdd: (item: PaletteItem) => void;
  tone: keyof typeof TONES;
}) {
  const onDragStart = (event: DragEvent<HTMLButtonElement>) => {
    event.dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
    event.dataTransfer.setData("text/plain", label);
    event.dataTransfer.effectAllowed = "copy";
  };
  return (
    <li>
      <button
        type="button"
        draggable={!disabled}
        onDragStart={onDragStart}
        onClick={() => onAdd(item)}
        disabled={disabled}
        title={description}
        data-testid="palette-item"
        className={`w-full cursor-grab rounded-md border border-l-4 border-slate-200 bg-white px-2 py-1.5 text-left font-medium text-slate-800 shadow-sm hover:bg-slate-50 active:cursor-grabbing disabled:cursor-not-allowed disabled:opacity-50 ${TONES[tone]}`}
      >
        {label}
      </button>
    </li>
  );
}
