/**
 * Patterns run on JavaScript's backtracking engine (rules/ may not bring its own), so a pattern is
 * accepted only if it cannot backtrack catastrophically: at most 200 characters, no
 * back-references or lookaround, no repeated group that holds a repetition or an alternation
 * (`(a+)+`, `(a|a)*`, `(\w+\s?)+$`), and no two repetitions that can share the characters between
 * them (`.*.*`, `a.*b.*c`, `\d+\d*`): each repetition must be cut off by a required character it
 * cannot match before the next one starts (`\w+@\w+\.com` is fine). What remains is at worst
 * quadratic in the input, which evaluation caps at 10,000 characters.
 */
export const PATTERN_MAX_LENGTH = 200;
export const PATTERN_INPUT_LIMIT = 10_000;
const MAX_PATHS = 256;

type Node = { kind: "atom"; source: string } | { kind: "anchor" } | { kind: "group"; alternatives: Term[][] };
interface Term {
  node: Node;
  min: number;
  max: number;
  /** The term as written, for messages. */
  text: string;
}
/** One term on a straight path through the pattern; `source` null matches any character. */
interface PathTerm {
  source: string | null;
  min: number;
  max: number;
  text: string;
}

class Refusal extends Error {}

/** Why `pattern` is refused, as the end of a sentence ("it ..."), or null when it is safe. */
export function checkPattern(pattern: string): string | null {
  if (pattern.length > PATTERN_MAX_LENGTH) return `it is ${pattern.length} characters long; the limit is ${PATTERN_MAX_LENGTH}`;
  try {
    new RegExp(pattern);
  } catch {
    return "it is not a valid regular expression";
  }
  try {
    const alternatives = new Parser(pattern).parse();
    checkRepeatedGroups(alternatives);
    for (const path of alternatives.flatMap(expand)) checkPath(path);
    return null;
  } catch (error) {
    if (error instanceof Refusal) return error.message;
    throw error;
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly pattern: string) {}

  parse(): Term[][] {
    return this.alternatives();
  }

  private alternatives(): Term[][] {
    const alternatives: Term[][] = [[]];
    while (this.pos < this.pattern.length && this.peek() !== ")") {
      if (this.peek() === "|") {
        this.pos++;
        alternatives.push([]);
      } else {
        alternatives.at(-1)!.push(this.term());
      }
    }
    return alternatives;
  }

  private term(): Term {
    const start = this.pos;
    const node = this.node();
    const [min, max] = this.quantifier();
    return { node, min, max, text: this.pattern.slice(start, this.pos) };
  }

  private node(): Node {
    const start = this.pos;
    const char = this.pattern[this.pos++]!;
    if (char === "(") return this.group();
    if (char === "^" || char === "$") return { kind: "anchor" };
    if (char === "[") {
      while (this.pos < this.pattern.length && this.peek() !== "]") this.pos += this.peek() === "\\" ? 2 : 1;
      this.pos++;
      return { kind: "atom", source: this.pattern.slice(start, this.pos) };
    }
    if (char !== "\\") return { kind: "atom", source: char };
    const escaped = this.pattern[this.pos++] ?? "";
    if (/[1-9]/.test(escaped) || (escaped === "k" && this.peek() === "<")) {
      throw new Refusal(`it uses a back-reference ("\\${escaped}"), which can take exponential time`);
    }
    if (escaped === "b" || escaped === "B") return { kind: "anchor" };
    const operand = { c: /^[A-Za-z]/, x: /^[0-9A-Fa-f]{2}/, u: /^[0-9A-Fa-f]{4}/ }[escaped]?.exec(this.pattern.slice(this.pos));
    this.pos += operand?.[0].length ?? 0;
    return { kind: "atom", source: this.pattern.slice(start, this.pos) };
  }

  private group(): Node {
    if (this.peek() === "?") {
      const marker = this.pattern.slice(this.pos, this.pos + 3);
      if (/^\?(<?[=!])/.test(marker)) throw new Refusal("it uses a lookahead or lookbehind, which is not supported");
      if (marker.startsWith("?<")) this.pos = this.pattern.indexOf(">", this.pos) + 1;
      else if (marker.startsWith("?:")) this.pos += 2;
      else throw new Refusal(`it uses an unsupported group "(${marker}"`);
    }
    const alternatives = this.alternatives();
    this.pos++;
    return { kind: "group", alternatives };
  }

  private quantifier(): [number, number] {
    const rest = this.pattern.slice(this.pos);
    const match = /^(?:([*+?])|\{(\d+)(,(\d*))?\})\??/.exec(rest);
    if (!match) return [1, 1];
    this.pos += match[0].length;
    const [, symbol, low, comma, high] = match;
    if (symbol) return symbol === "*" ? [0, Infinity] : symbol === "+" ? [1, Infinity] : [0, 1];
    const min = Number(low);
    return [min, comma === undefined ? min : high ? Number(high) : Infinity];
  }

  private peek() {
    return this.pattern[this.pos];
  }
}

const repeats = (term: { min: number; max: number }) => term.max > 1;
const varies = (term: { min: number; max: number }) => term.max > 1 && term.min !== term.max;

function checkRepeatedGroups(alternatives: Term[][]): void {
  for (const term of alternatives.flat()) {
    if (term.node.kind !== "group") continue;
    if (repeats(term) && (term.node.alternatives.length > 1 || term.node.alternatives.flat().some(holdsChoice))) {
      throw new Refusal(
        `the group "${term.text}" repeats something that can itself match in several ways, which can take exponential time; repeat a character class instead, e.g. "[ab]+" rather than "(a|b)+" or "(a+)+"`,
      );
    }
    checkRepeatedGroups(term.node.alternatives);
  }
}

/** A term that can match in more than one way: a variable count or an alternation, at any depth. */
function holdsChoice(term: Term): boolean {
  if (term.min !== term.max) return true;
  return term.node.kind === "group" && (term.node.alternatives.length > 1 || term.node.alternatives.flat().some(holdsChoice));
}

/** Every straight path through the alternations; repeated groups (fixed inside) stay one term. */
function expand(sequence: Term[]): PathTerm[][] {
  let paths: PathTerm[][] = [[]];
  for (const term of sequence) {
    const { node } = term;
    const options: PathTerm[][] =
      node.kind === "anchor"
        ? [[]]
        : node.kind === "atom"
          ? [[{ source: node.source, min: term.min, max: term.max, text: term.text }]]
          : repeats(term)
            ? [[{ source: null, min: term.min, max: term.max, text: term.text }]]
            : [...(term.min === 0 ? [[]] : []), ...node.alternatives.flatMap(expand)];
    paths = paths.flatMap((path) => options.map((option) => [...path, ...option]));
    if (paths.length > MAX_PATHS) throw new Refusal(`it has more than ${MAX_PATHS} alternative paths to check`);
  }
  return paths;
}

/** After each variable repetition, a required term it cannot match must come before the next one. */
function checkPath(path: PathTerm[]): void {
  path.forEach((first, i) => {
    if (!varies(first)) return;
    for (const next of path.slice(i + 1)) {
      const separate = next.min >= 1 && disjoint(first, next);
      if (separate) return;
      if (varies(next)) {
        throw new Refusal(
          `"${first.text}" and "${next.text}" can match the same characters one after the other, which can take very long on long text; put a required character that "${first.text}" cannot match between them`,
        );
      }
    }
  });
}

/**
 * Whether no character matches both terms, under the "i" flag (the wider case). Matching is closed
 * under case folding, so a literal needs one test; a class is checked against every UTF-16 code
 * unit, which is exact because a non-unicode pattern sees nothing else.
 */
function disjoint(a: PathTerm, b: PathTerm): boolean {
  if (a.source === null || b.source === null) return false;
  const left = new RegExp(`^(?:${a.source})$`, "i");
  const literal = b.source.length === 1 && b.source !== "." ? b.source : /^\\[^A-Za-z0-9]$/.test(b.source) ? b.source[1]! : null;
  if (literal !== null) return !left.test(literal);
  const right = new RegExp(`^(?:${b.source})$`, "i");
  for (let code = 0; code <= 0xffff; code++) {
    const char = String.fromCharCode(code);
    if (right.test(char) && left.test(char)) return false;
  }
  return true;
}
