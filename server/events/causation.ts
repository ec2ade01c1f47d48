import { AsyncLocalStorage } from "node:async_hooks";

/**
 * How deep in a chain of rule effects the current code runs: events enqueued while a rule applies
 * its actions carry `depth`, so the rules they trigger know how far the chain has gone and a rule
 * that keeps re-triggering itself is stopped at a limit instead of looping forever.
 */
const causation = new AsyncLocalStorage<{ depth: number }>();

export const withRuleDepth = <T>(depth: number, fn: () => Promise<T>) => causation.run({ depth }, fn);

export const currentRuleDepth = () => causation.getStore()?.depth;
