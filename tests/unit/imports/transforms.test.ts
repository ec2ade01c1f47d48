import { describe, expect, it } from "vitest";
import { applyTransform, parseDate, parseNumber, splitName, ValueError } from "@/server/imports/transforms";

describe("parseNumber", () => {
  it.each([
    ["12.50", "12.50"],
    ["$1,234.50", "1234.50"],
    ["1.234,50 €", "1234.50"],
    ["12,50", "12.50"],
    ["1,234", "1234"],
    ["0,500", "0.500"],
    ["1,234,567", "1234567"],
    ["1.234.567", "1234567"],
    ["1 234,5", "1234.5"],
    ["1'234.50", "1234.50"],
    ["(12.50)", "-12.50"],
    ["-$12", "-12"],
    ["12.50-", "-12.50"],
    ["USD 7", "7"],
    [".5", "0.5"],
    ["007", "7"],
    ["-0", "0"],
    ["", ""],
  ])("%s -> %s", (input, expected) => {
    expect(parseNumber(input)).toBe(expected);
  });

  it.each(["abc", "12abc34", "1.2.3,4,5", "--"])("refuses %s", (input) => {
    expect(() => parseNumber(input)).toThrow(ValueError);
  });
});

describe("parseDate", () => {
  it.each([
    ["2025-05-11 09:55:16 -0400", "mdy", "2025-05-11 13:55:16"],
    ["2025-05-12 23:30:00 +02:00", "mdy", "2025-05-12 21:30:00"],
    ["2025-05-11T09:55:16Z", "mdy", "2025-05-11 09:55:16"],
    ["2025-05-11", "mdy", "2025-05-11 00:00:00"],
    ["2025/5/1 7:05", "mdy", "2025-05-01 07:05:00"],
    ["05/11/2025", "mdy", "2025-05-11 00:00:00"],
    ["05/11/2025", "dmy", "2025-11-05 00:00:00"],
    ["11.05.2025 14:30", "mdy", "2025-05-11 14:30:00"],
    ["5/11/25 2:30 PM", "mdy", "2025-05-11 14:30:00"],
    ["5/11/2025 12:15 am", "mdy", "2025-05-11 00:15:00"],
    ["2024-02-29", "mdy", "2024-02-29 00:00:00"],
    ["2025-01-01 00:30:00 +0100", "mdy", "2024-12-31 23:30:00"],
  ] as const)("%s (%s) -> %s", (input, order, expected) => {
    expect(parseDate(input, order)).toBe(expected);
  });

  it.each([
    ["yesterday", /^Expected a date such as/],
    ["2025-02-30", /"2025-02-30" is not a real date\./],
    ["13/01/2025", /is not a real date/],
    ["2025-05-11 25:00", /is not a real date/],
  ])("refuses %s", (input, message) => {
    expect(() => parseDate(input, "mdy")).toThrow(message);
  });
});

describe("splitName and the simple transforms", () => {
  it.each([
    ["Jane van Dyke", { first_name: "Jane", last_name: "van Dyke" }],
    ["  Jane   Doe ", { first_name: "Jane", last_name: "Doe" }],
    ["Dyke, Jane", { first_name: "Jane", last_name: "Dyke" }],
    ["Cher", { first_name: "Cher", last_name: "" }],
  ])("splitName(%s)", (input, expected) => {
    expect(splitName(input)).toEqual(expected);
  });

  it.each([
    ["trim", "12 Main St\n  Apt 4", "12 Main St Apt 4"],
    ["upper", "us", "US"],
    ["lower", "Jane@Example.COM", "jane@example.com"],
    ["number", "€ 9,99", "9.99"],
    ["date_dmy", "31/12/2025", "2025-12-31 00:00:00"],
  ] as const)("%s", (transform, input, expected) => {
    expect(applyTransform(input, transform)).toBe(expected);
  });
});
