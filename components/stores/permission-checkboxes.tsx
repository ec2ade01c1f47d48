"use client";

import { PERMISSIONS, type Permission } from "@/server/permissions";

/** The permission table as checkboxes; posts as repeated `permissions` form fields. */
export function PermissionCheckboxes({
  defaultChecked,
  grantable,
  error,
}: {
  defaultChecked: readonly Permission[];
  grantable: readonly Permission[];
  error?: string;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Permissions</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {PERMISSIONS.map((p) => (
          <label key={p.key} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="permissions"
              value={p.key}
              defaultChecked={defaultChecked.includes(p.key)}
              disabled={!grantable.includes(p.key)}
              className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600"
            />
            <span>
              <span className="font-medium">{p.label}</span>
              <span className="block text-xs text-slate-500">{p.description}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function checkedPermissions(form: FormData): Permission[] {
  return form.getAll("permissions").map(String) as Permission[];
}
