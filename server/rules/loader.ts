import { and, asc, eq, inArray } from "drizzle-orm";
import { compileRules, parseRule, type CompiledRuleSet, type Rule as RuleDsl } from "@/rules";
import type { Database } from "@/db/client";
import { rules } from "@/db/schema";

export interface LoadedRule {
  id: number;
  name: string;
  version: number;
  ownerUserId: number | null;
}

/** Compiled rule sets by store and trigger kind, reused while no rule of theirs changed version. */
const cache = new Map<string, { signature: string; compiled: CompiledRuleSet }>();

/**
 * The store's enabled rules for this trigger kind, in run order, compiled once per version
 * (not re-interpreted per order). `onlyIds` narrows to rules run by hand or by schedule.
 */
export async function loadRuleSet(db: Database, storeId: number, triggerKind: string, onlyIds?: number[]) {
  const rows = await db
    .select({ id: rules.id, name: rules.name, version: rules.version, ownerUserId: rules.ownerUserId, dsl: rules.dsl, enabled: rules.enabled })
    .from(rules)
    .where(and(eq(rules.storeId, storeId), eq(rules.triggerKind, triggerKind), onlyIds ? inArray(rules.id, onlyIds) : eq(rules.enabled, true)))
    .orderBy(asc(rules.position), asc(rules.id));
  const key = `${storeId}|${triggerKind}|${onlyIds?.join(",") ?? ""}`;
  const signature = rows.map((r) => `${r.id}@${r.version}`).join(",");
  if (cache.size > 1000) cache.clear();
  let entry = cache.get(key);
  if (!entry || entry.signature !== signature) {
    const dsl = rows.map((r) => {
      const parsed = parseRule(r.dsl);
      if (!parsed.ok) throw new Error(`Rule ${r.id} no longer parses: ${parsed.errors.map((e) => e.message).join("; ")}`);
      return parsed.rule as RuleDsl;
    });
    entry = { signature, compiled: compileRules(dsl) };
    cache.set(key, entry);
  }
  const byId = new Map(rows.map((r): [string, LoadedRule] => [String(r.id), { id: r.id, name: r.name, version: r.version, ownerUserId: r.ownerUserId }]));
  return { compiled: entry.compiled, byId };
}
