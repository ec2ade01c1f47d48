import { describe, expect, it } from "vitest";
import { fileNameMatcher, matchesPattern, patternProblem } from "@/server/delivery/glob";
import { oldestFirst, processedName } from "@/server/delivery/remote-files";

describe("file name patterns", () => {
  it.each([
    ["*.csv", "orders.csv", true],
    ["*.csv", "ORDERS.CSV", true],
    ["*.csv", "orders.csv.bak", false],
    ["*.csv", "orders.xlsx", false],
    ["*.csv", "orders.tsv", false],
    ["*.csv", ".orders.csv.1a2b.part", false],
    ["*.csv", ".hidden.csv", false],
    [".*.csv", ".hidden.csv", true],
    ["*", "anything at all.txt", true],
    ["*", ".profile", false],
    ["orders-????.csv", "orders-2025.csv", true],
    ["orders-????.csv", "orders-25.csv", false],
    ["orders-*.csv", "orders-.csv", true],
    ["orders-*-eu.csv", "orders-2025-01-eu.csv", true],
    ["orders-*-eu.csv", "orders-2025-01-us.csv", false],
    ["*.csv, *.xlsx", "stock.xlsx", true],
    ["*.csv,*.xlsx", "stock.XLSX", true],
    ["*.csv, *.xlsx", "stock.ods", false],
    ["stock (1).csv", "stock (1).csv", true],
    ["stock[1].csv", "stock1.csv", false],
    ["stock[1].csv", "stock[1].csv", true],
    ["a+b.csv", "aab.csv", false],
    ["a+b.csv", "a+b.csv", true],
    ["$^.csv", "$^.csv", true],
    ["*.csv", "line\nbreak.csv", true],
  ])("%s on %j: %s", (pattern, name, expected) => {
    expect(matchesPattern(pattern, name)).toBe(expected);
  });

  it("compiles once for a whole listing", () => {
    const matches = fileNameMatcher("in-*.csv");
    expect(["in-1.csv", "out-1.csv", "in-2.CSV", "in-3.csv.part"].filter(matches)).toEqual(["in-1.csv", "in-2.CSV"]);
  });

  it.each([
    ["*.csv", null],
    ["*.csv, *.xlsx", null],
    ["", "Enter a file name pattern such as *.csv."],
    [" , ", "Enter a file name pattern such as *.csv."],
    ["in/*.csv", "A pattern matches file names only; put the folder in Directory."],
    ["in\\*.csv", "A pattern matches file names only; put the folder in Directory."],
    ["a\u0000.csv", "Control characters are not allowed."],
    ["x".repeat(201), "Use at most 200 characters."],
  ])("pattern %j: %s", (pattern, problem) => {
    expect(patternProblem(pattern)).toBe(problem);
  });
});

describe("processed file names", () => {
  const now = new Date("2026-03-02T10:04:05.678Z");

  it("keeps the name when it is free and never overwrites a file already there", () => {
    expect(processedName("orders.csv", new Set(), now)).toBe("orders.csv");
    expect(processedName("orders.csv", new Set(["orders.csv"]), now)).toBe("orders-20260302T100405Z.csv");
    expect(processedName("orders.csv", new Set(["orders.csv", "orders-20260302T100405Z.csv"]), now)).toBe("orders-20260302T100405Z-1.csv");
    expect(processedName("README", new Set(["README"]), now)).toBe("README-20260302T100405Z");
  });

  it("orders files oldest first, then by name", () => {
    const file = (name: string, at: string | null) => ({ name, size: 1, modifiedAt: at ? new Date(at) : null, modified: at ?? "raw" });
    const sorted = [file("b.csv", "2026-01-02T00:00:00Z"), file("c.csv", "2026-01-01T00:00:00Z"), file("a.csv", "2026-01-02T00:00:00Z")].sort(oldestFirst);
    expect(sorted.map((f) => f.name)).toEqual(["c.csv", "a.csv", "b.csv"]);
  });
});
