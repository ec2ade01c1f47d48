import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>;

export type RuleListRow = Outputs["rule"]["list"][number];
export type SavedRule = Outputs["rule"]["byId"];
export type RuleVersion = Outputs["rule"]["versions"][number];

/** What the pickers need to name folders and stores in summaries. */
export interface Names {
  folders: ReadonlyMap<number, string>;
  stores: ReadonlyMap<number, string>;
}

export const NO_NAMES: Names = { folders: new Map(), stores: new Map() };
