import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIELD_GROUPS, FIELDS, findField, KEYED_FIELDS, OPERATORS, referencedFolderIds, referencedStoreIds, type Rule } from "@/rules";
import { checkCron } from "@/rules/cron";
import { parseDate } from "@/rules/dates";
import { compareDecimals, formatDecimal, parseDecimal, toExactDecimal } from "@/rules/decimal";
import { rule, tag } from "./helpers";

describe("decimals", () => {
  it.each([
    ["0.3", "0.30", 0],
    [0.3, "0.3", 0],
    [0.1 + 0.2, "0.3", 1],
    ["-1.70", -1.7, 0],
    ["19.99", "20", -1],
    [1e-7, "0.0000001", 0],
    [1e21, "1000000000000000000000", 0],
    ["123456789012345678.0001", "123456789012345678", 1],
    [" 5 ", 5, 0],
  ] as const)("%j vs %j -> %i", (a, b, expected) => {
    expect(compareDecimals(parseDecimal(a)!, parseDecimal(b)!)).toBe(expected);
  });

  it.each(["", "abc", "1.2.3", "--1", ".", null, undefined, true, Number.NaN, Number.POSITIVE_INFINITY, {}])("does not read %j", (value) => {
    expect(parseDecimal(value)).toBeNull();
  });

  it.each([
    ["19.990", "19.99"],
    ["-0.50", "-0.5"],
    ["007", "7"],
    [".5", "0.5"],
    ["2e3", "2000"],
  ])("formats %j canonically as %j", (value, expected) => {
    expect(formatDecimal(parseDecimal(value)!)).toBe(expected);
  });
});

describe("short decimal texts, read without Number's parser", () => {
  it.each(["-0.00", "+5", ".5", "12.", "0000000000000000012.5", "0.0000000000000000000000001", "999999999999999", "-123.456", "19.99"])("reads %j as Number does", (text) => {
    expect(Object.is(toExactDecimal(text), Number(text))).toBe(true);
  });

  it("reads any text of at most 15 significant digits as the double Number reads", () => {
    const digits = (maxLength: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength });
    fc.assert(
      fc.property(fc.constantFrom("", "+", "-"), digits(17), fc.option(digits(25), { nil: undefined }), (sign, whole, fraction) => {
        const text = `${sign}${whole}${fraction === undefined ? "" : `.${fraction}`}`;
        const all = `${whole}${fraction ?? ""}`;
        fc.pre(all.length > 0 && all.replace(/^0+/, "").length <= 15 && text.length <= 32);
        expect(Object.is(toExactDecimal(text), Number(text))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("dates", () => {
  it.each([
    ["2014-10-08 12:10:00", Date.UTC(2014, 9, 8, 12, 10, 0)],
    ["2014-10-08", Date.UTC(2014, 9, 8)],
    ["2014-10-08T12:10:00Z", Date.UTC(2014, 9, 8, 12, 10, 0)],
    ["2014-10-08T14:10:00+02:00", Date.UTC(2014, 9, 8, 12, 10, 0)],
    ["2014-10-08 12:10", Date.UTC(2014, 9, 8, 12, 10, 0)],
    ["2024-02-29", Date.UTC(2024, 1, 29)],
  ])("reads %j as UTC", (text, ms) => {
    expect(parseDate(text)).toBe(ms);
  });

  it.each(["2023-02-29", "2014-13-01", "0000-00-00 00:00:00", "2014-10-08 24:00:00", "yesterday", "", 1412770200000])("does not read %j", (value) => {
    expect(parseDate(value)).toBeNull();
  });
});

describe("cron", () => {
  it.each([
    ["0 9 * * MON-FRI", null],
    ["*/5 * * * *", null],
    ["0 0 1,15 * *", null],
    ["0 0 * * 7", null],
    ["* * * *", /has 4 fields/],
    ["60 * * * *", /minute field "60" must use values from 0 to 59/],
    ["0 0 0 * *", /day of month field/],
    ["0 0 * 13 *", /month field/],
    ["0 0 * * FUNDAY", /day of week field/],
    ["*/0 * * * *", /step of 0/],
    ["0 17-9 * * *", /runs backwards/],
    ["0 9 * * ?", /not a number, range, step or \*/],
  ] as const)("%j", (cron, problem) => {
    if (problem === null) expect(checkCron(cron)).toBeNull();
    else expect(checkCron(cron)).toMatch(problem);
  });
});

describe("the field catalog", () => {
  it("has unique ids, a label, a known group and a working getter for every field", () => {
    expect(new Set(FIELDS.map((f) => f.id)).size).toBe(FIELDS.length);
    for (const field of [...FIELDS, ...KEYED_FIELDS]) {
      expect(field.label).not.toBe("");
      expect(FIELD_GROUPS).toContain(field.group);
    }
    expect(findField("item.category_code")).toMatchObject({ label: "Vendor / category code", scope: "item", type: "text" });
    expect(findField("checkout_data.Gift Message")).toMatchObject({ label: 'Checkout data "Gift Message"', group: "Custom data", scope: "order" });
    expect(findField("checkout_data.")).toBeUndefined();
    expect(findField("toString")).toBeUndefined();
  });

  it("has operators for every field type", () => {
    for (const field of FIELDS) expect(OPERATORS.filter((op) => op.types.includes(field.type)).length).toBeGreaterThan(1);
  });
});

describe("references", () => {
  it("lists the folders and stores a rule names, sorted and unique", () => {
    const subject: Rule = {
      ...rule(
        [
          {
            kind: "if",
            nodeId: "c",
            condition: { any: [{ field: "folder_id", op: "in_list", value: [9, 3] }, { anyItem: { field: "item.code", op: "equals", value: "X" } }] },
            then: [{ kind: "action", nodeId: "m", action: { kind: "move_to_folder", input: { folderId: 5 } } }, { kind: "action", nodeId: "cp", action: { kind: "copy_to_store", input: { storeId: 12 } } }],
            else: [{ kind: "action", nodeId: "mv", action: { kind: "move_to_store", input: { storeId: 4 } } }, { kind: "action", nodeId: "m2", action: { kind: "move_to_folder", input: { folderId: 3 } } }],
          },
        ],
        { trigger: { kind: "order.folder_changed", folderId: 7 } },
      ),
    };
    expect(referencedFolderIds(subject)).toEqual([3, 5, 7, 9]);
    expect(referencedStoreIds(subject)).toEqual([4, 12]);
    expect(referencedFolderIds(rule([tag("a", "x")], { trigger: { kind: "schedule", cron: "0 * * * *", folderId: 2 } }))).toEqual([2]);
    expect(referencedStoreIds(rule([tag("a", "x")]))).toEqual([]);
  });
});
