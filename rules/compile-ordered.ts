import { compareExact, type ExactDecimal } from "./decimal";
import { Code, type Constants, js } from "./source";

/**
 * Tests of numbers against constants, as expressions of the value in `x` (compile-comparison.ts):
 * dates as epoch ms, decimals as ExactDecimal, null when the order's value is missing or
 * unreadable, which passes no test.
 */
export type OrderedOp = "greater_than" | "less_than" | "at_least" | "at_most";

const OPERATORS: Record<OrderedOp, Code> = { greater_than: js`>`, less_than: js`<`, at_least: js`>=`, at_most: js`<=` };

export function dateOrdered(op: OrderedOp, at: number, c: Constants): Code {
  return js`(x !== null && x ${OPERATORS[op]} ${c.bind(at)})`;
}

export function dateBetween(low: number, high: number, c: Constants): Code {
  return js`(x !== null && x >= ${c.bind(low)} && x <= ${c.bind(high)})`;
}

/**
 * The order's decimal OP the constant. When both are doubles (the usual case: see ExactDecimal)
 * they compare exactly with < and >, so only a value too precise for a double goes through
 * compareExact (whose sign OP 0 says the same).
 */
export function decimalOrdered(op: OrderedOp, wanted: ExactDecimal, c: Constants): Code {
  return compared(OPERATORS[op], wanted, c);
}

/** Equal by value: 0.3 equals "0.30". */
export function decimalEquals(wanted: ExactDecimal, c: Constants): Code {
  return compared(js`===`, wanted, c);
}

/** Both bounds inclusive. */
export function decimalBetween(low: ExactDecimal, high: ExactDecimal, c: Constants): Code {
  return js`(${compared(js`>=`, low, c)} && ${compared(js`<=`, high, c)})`;
}

function compared(op: Code, wanted: ExactDecimal, c: Constants): Code {
  const [value, exact] = [c.bind(wanted), js`x !== null && ${c.bind(compareExact)}(x, ${c.bind(wanted)}) ${op} 0`];
  return typeof wanted === "number" ? js`(typeof x === "number" ? x ${op} ${value} : ${exact})` : js`(${exact})`;
}
