/**
 * Generated JavaScript for compiled rules, built so that nothing a rule says (a value, a label, an
 * id) can ever become code: source is only fixed fragments written in this folder and whole
 * numbers, and every constant the code uses (a text to compare with, a list, a regex, an action) is
 * passed in as an argument named by its index, c0, c1... Why generate at all: a rule's control flow
 * and simple tests run inline, and each call left in it is its own call site, which the engine can
 * inline, where one closure shared by every rule would see every rule's callees.
 */
export class Code {
  /** Only `js` makes Code, so its text holds nothing but fragments and numbers. */
  private constructor(readonly text: string) {}

  static of(strings: TemplateStringsArray, parts: readonly (Code | number)[]): Code {
    // A template literal's strings come frozen, with `raw`: fragments written in this folder.
    if (!Object.isFrozen(strings) || !Array.isArray(strings.raw)) throw new TypeError("Generated source is written as js`...` templates.");
    let text = strings[0]!;
    parts.forEach((part, i) => {
      if (part instanceof Code) text += part.text;
      else if (Number.isSafeInteger(part)) text += String(part);
      else throw new TypeError("Generated source takes only code and whole numbers.");
      text += strings[i + 1]!;
    });
    return new Code(text);
  }
}

/** Source from a template: its interpolations must be Code or whole numbers (checked as it runs). */
export const js = (strings: TemplateStringsArray, ...parts: (Code | number)[]): Code => Code.of(strings, parts);

/** Code parts one after another, e.g. statements, or `a && b && c` with `separator` `&&`. */
export function joined(parts: readonly Code[], separator: Code): Code {
  return parts.reduce((all, part, i) => (i === 0 ? part : js`${all}${separator}${part}`), js``);
}

/** The constants of one generated function, each named in its source by its index. */
export class Constants {
  private readonly values: unknown[] = [];
  private readonly names = new Map<unknown, Code>();

  /** The name of `value` in the source (one name per object or function). */
  bind(value: unknown): Code {
    const shared = (typeof value === "object" && value !== null) || typeof value === "function";
    let name = shared ? this.names.get(value) : undefined;
    if (!name) {
      name = js`c${this.values.push(value) - 1}`;
      if (shared) this.names.set(value, name);
    }
    return name;
  }

  /** Runs `body` (statements ending in a return) with the constants in scope and returns what it returns. */
  build<T>(body: Code): T {
    const names = this.values.map((_, i) => js`c${i}`.text);
    // The source is Code: fragments and numbers only; the rule's own data is in `values`.
    return new Function(...names, js`"use strict";\n${body}`.text)(...this.values) as T;
  }
}
