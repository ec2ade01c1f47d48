import type { Position, Rule, Step } from "./schema";

const COLUMN = 280;
const ROW = 160;

/**
 * A deterministic top-down tree layout for rules saved without positions (written by hand or over
 * the API): the trigger on top, each step one row lower, a condition's true branch below it and
 * its false branch in the columns to the right of everything the true branch uses.
 */
export function autoLayout(rule: Rule): Record<string, Position> {
  const positions = new Map<string, Position>([[rule.trigger.nodeId, { x: 0, y: 0 }]]);
  const place = (steps: Step[], row: number, column: number): number => {
    for (const [i, step] of steps.entries()) {
      positions.set(step.nodeId, { x: column * COLUMN, y: (row + i) * ROW });
      if (step.kind === "if") {
        const thenWidth = Math.max(1, place(step.then, row + i + 1, column));
        return thenWidth + place(step.else, row + i + 1, column + thenWidth);
      }
    }
    return steps.length ? 1 : 0;
  };
  place(rule.body, 1, 0);
  return Object.fromEntries(positions);
}
