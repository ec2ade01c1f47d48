import { describe, expect, it } from "vitest";
import { checkPattern, PATTERN_INPUT_LIMIT } from "@/rules/safe-regex";

describe("checkPattern", () => {
  it.each([
    ["(a+)+", /the group "\(a\+\)\+" repeats/],
    ["(a*)*", /exponential time/],
    ["(a|a)*", /exponential time/],
    ["(.*)*", /exponential time/],
    ["(\\w+\\s?)+$", /the group "\(\\w\+\\s\?\)\+" repeats/],
    ["^(([a-z])+.)+[A-Z]([a-z])+$", /exponential time/],
    ["(a?){25}a{25}", /exponential time/],
    ["(?:x|y)+", /rather than "\(a\|b\)\+"/],
    [".*.*=.*", /".\*" and ".\*" can match the same characters/],
    ["a.*b.*c", /can match the same characters one after the other/],
    ["\\d+\\d*x", /"\\d\+" and "\\d\*"/],
    ["a[^c]*b[^c]*c", /can match the same characters/],
    ["\\w+\\d?\\w+", /can match the same characters/],
    ["(\\d+)(\\d+)", /can match the same characters/],
    ["(a)\\1", /back-reference/],
    ["(?<x>a)\\k<x>", /back-reference/],
    ["(?=a)b", /lookahead or lookbehind/],
    ["(?<!a)b", /lookahead or lookbehind/],
    ["x".repeat(201), /201 characters long; the limit is 200/],
    ["(", /not a valid regular expression/],
  ])("refuses %j", (pattern, reason) => {
    expect(checkPattern(pattern)).toMatch(reason);
  });

  it.each([
    "^[A-Z]{2}-\\d{4}$",
    "\\w+@\\w+\\.com$",
    "^\\d+(\\.\\d+)?$",
    "^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$",
    "gift|present",
    "^SKU-(red|blue)-\\d+$",
    "(ab)+c",
    "(\\d{3}-){2}\\d{4}",
    "\\d+[-/]\\d+",
    "[a-z]+[0-9]+",
    ".*foo",
    "(?<code>[A-Z]+)-\\d+",
    "^$",
    "x".repeat(200),
  ])("accepts %j", (pattern) => {
    expect(checkPattern(pattern)).toBeNull();
  });

  // The accepted patterns stay fast on hostile input at the length evaluation reads.
  it.each(["\\w+@\\w+\\.com$", "^\\d+(\\.\\d+)?$", "[a-z]+[0-9]+", "\\d+[-/]\\d+x", ".*foo"])("runs %j on 10,000 hostile characters in well under a second", (pattern) => {
    const re = new RegExp(pattern, "i");
    for (const input of ["a".repeat(PATTERN_INPUT_LIMIT), "1".repeat(PATTERN_INPUT_LIMIT), "1-".repeat(PATTERN_INPUT_LIMIT / 2), "ab@".repeat(PATTERN_INPUT_LIMIT / 3)]) {
      const started = performance.now();
      re.test(input);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});
