/**
 * File name patterns for fetching from a server folder: "*" is any run of characters, "?" one
 * character, everything else is literal; several patterns are separated by commas
 * ("*.csv, *.xlsx"). Matching ignores case (Windows servers do), and a wildcard never matches a
 * leading dot, so hidden and half-uploaded files (".orders.csv.part") are left alone.
 */

const MAX_PATTERN = 200;

/** Why a pattern cannot be used, or null when it can. */
export function patternProblem(pattern: string): string | null {
  const parts = splitPattern(pattern);
  if (parts.length === 0) return "Enter a file name pattern such as *.csv.";
  if (pattern.length > MAX_PATTERN) return `Use at most ${MAX_PATTERN} characters.`;
  if (parts.some((p) => p.includes("/") || p.includes("\\"))) return "A pattern matches file names only; put the folder in Directory.";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(pattern)) return "Control characters are not allowed.";
  return null;
}

const splitPattern = (pattern: string) =>
  pattern
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);

const escape = (text: string) => text.replace(/[.+^${}()|[\]\\]/g, "\\$&");

function toRegExp(pattern: string): RegExp {
  const body = pattern
    .split("")
    .map((c) => (c === "*" ? "[^/]*" : c === "?" ? "[^/]" : escape(c)))
    .join("");
  return new RegExp(`^${body}$`, "is");
}

/** A predicate over file names for `pattern` (compiled once, used for a whole listing). */
export function fileNameMatcher(pattern: string): (name: string) => boolean {
  const parts = splitPattern(pattern).map((p) => ({ regexp: toRegExp(p), dotAllowed: p.startsWith(".") }));
  return (name) => parts.some((p) => (p.dotAllowed || !name.startsWith(".")) && p.regexp.test(name));
}

export const matchesPattern = (pattern: string, name: string) => fileNameMatcher(pattern)(name);
