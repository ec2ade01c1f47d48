import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS, effectivePermissions, isPermission, PERMISSIONS } from "@/server/permissions";

describe("the permission table", () => {
  it("has unique resource.action keys, each with a label and description", () => {
    const keys = PERMISSIONS.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of PERMISSIONS) {
      expect(p.key).toMatch(/^[a-z]+\.[a-z]+$/);
      expect(p.label.length).toBeGreaterThan(0);
      expect(p.description.length).toBeGreaterThan(0);
    }
    expect(ALL_PERMISSIONS).toEqual(keys);
    expect(ALL_PERMISSIONS).toEqual(expect.arrayContaining(["orders.read", "users.manage", "billing.manage", "settings.manage"]));
  });
});

describe("isPermission", () => {
  it.each([
    ["orders.read", true],
    ["users.manage", true],
    ["billing.manage", true],
    ["Orders.Read", false],
    ["orders.read ", false],
    ["orders", false],
    ["orders.*", false],
    ["", false],
    ["constructor", false],
    ["toString", false],
  ])("%j -> %s", (value, expected) => {
    expect(isPermission(value)).toBe(expected);
  });
});

describe("effectivePermissions", () => {
  it.each([
    { case: "owner with nothing granted", role: "owner", granted: [], expected: [...ALL_PERMISSIONS] },
    { case: "owner with a partial list", role: "owner", granted: ["orders.read"], expected: [...ALL_PERMISSIONS] },
    { case: "member with nothing", role: "member", granted: [], expected: [] },
    { case: "member, kept in table order", role: "member", granted: ["users.manage", "orders.read"], expected: ["orders.read", "users.manage"] },
    { case: "member, duplicates collapse", role: "member", granted: ["orders.read", "orders.read"], expected: ["orders.read"] },
    {
      case: "member, unknown and mis-cased keys dropped",
      role: "member",
      granted: ["orders.read", "orders.burn", "BILLING.MANAGE", "*"],
      expected: ["orders.read"],
    },
    { case: "member with every key", role: "member", granted: [...ALL_PERMISSIONS].reverse(), expected: [...ALL_PERMISSIONS] },
  ] as const)("$case", ({ role, granted, expected }) => {
    expect(effectivePermissions(role, granted)).toEqual(expected);
  });

  it("returns a fresh array the caller may change", () => {
    const owned = effectivePermissions("owner", []);
    owned.pop();
    expect(effectivePermissions("owner", [])).toEqual([...ALL_PERMISSIONS]);
    expect(ALL_PERMISSIONS).toHaveLength(PERMISSIONS.length);
  });
});
