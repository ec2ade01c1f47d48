import type { z } from "zod";

export interface Problem {
  path: PropertyKey[];
  message: string;
}

/**
 * zod reports a failed union as every branch's failure. Keep the branch the input was meant for
 * (the one that got furthest before failing); if none got past the top level, the union's own
 * message says what shapes are allowed.
 */
export function flattenIssues(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): Problem[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code !== "invalid_union" || issue.errors.length === 0) return [{ path, message: issue.message }];
    const depth = (branch: readonly z.core.$ZodIssue[]) => Math.min(...branch.map((i) => (i.code === "invalid_union" ? i.path.length + 1 : i.path.length)));
    const best = issue.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a));
    return depth(best) > 0 ? flattenIssues(best, path) : [{ path, message: issue.message }];
  });
}

/** `"folderId": Choose a folder.` or, at the top, just the message. */
export const describeProblem = (problem: Problem, formatPath: (path: PropertyKey[]) => string) =>
  problem.path.length ? `${formatPath(problem.path)}: ${problem.message}` : problem.message;
