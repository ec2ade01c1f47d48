import { z } from "zod";
import { ftpDestination, SECRET_FIELDS, sftpDestination } from "@/server/delivery/destinations";
import { patternProblem } from "@/server/delivery/glob";
import { openSecretFields, redactSecretFields, sealSecretFields } from "@/server/secrets/secret-fields";

/**
 * Where an import template fetches files from: an FTP or SFTP folder (the same connection fields
 * as export destinations; the folder is not created), which files (a pattern such as "*.csv") and
 * what happens to a file once it was imported.
 */
export const AFTER_IMPORT = ["move", "delete", "leave"] as const;
export type AfterImport = (typeof AFTER_IMPORT)[number];

const pattern = z
  .string()
  .trim()
  .default("*.csv")
  .superRefine((value, ctx) => {
    const problem = patternProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const fetching = {
  pattern,
  /** "move": into processed/ below the folder; "delete"; "leave" (remembered, never imported twice). */
  afterImport: z.enum(AFTER_IMPORT).default("move"),
};

export const ftpImportSource = ftpDestination.extend(fetching);
export const sftpImportSource = sftpDestination.extend(fetching);
export const importSource = z.discriminatedUnion("kind", [ftpImportSource, sftpImportSource]);
export type ImportSource = z.infer<typeof importSource>;

export const IMPORT_MODES = ["valid_rows", "all_or_nothing"] as const;

/** What the form saves: the source (null: none), the cron (null: "Check now" only) and the mode. */
export const importScheduleFields = {
  source: importSource.nullable(),
  schedule: z.string().trim().max(100).nullable().default(null),
  mode: z.enum(IMPORT_MODES).default("valid_rows"),
};
export const importScheduleInput = z.object(importScheduleFields);
export type ImportScheduleInput = z.infer<typeof importScheduleInput>;

/** The source as the UI sees it: secrets removed, and whether each one is stored. */
export function redactSource(stored: Record<string, unknown> | null) {
  if (!stored) return { source: null, storedSecrets: {} as Partial<Record<(typeof SECRET_FIELDS)[number], boolean>> };
  const { settings, storedSecrets } = redactSecretFields(stored, SECRET_FIELDS);
  return { source: settings as Partial<ImportSource>, storedSecrets };
}

/** Seals new secrets; an empty secret field keeps what is stored (when the kind did not change). */
export const sealSource = (next: ImportSource, previous: Record<string, unknown> | null) => sealSecretFields(next, SECRET_FIELDS, previous);

/** The stored source with its secrets opened, for the transports only. */
export const openSource = (stored: Record<string, unknown>): ImportSource => importSource.parse(openSecretFields(stored, SECRET_FIELDS));

/** "ftp://host:21/in/orders/*.csv", for messages and the UI. */
export function describeSource(source: Pick<ImportSource, "kind" | "host" | "port" | "directory" | "pattern">) {
  const folder = source.directory ? `/${source.directory.replace(/^\/+/, "")}` : "";
  return `${source.kind}://${source.host}:${source.port}${folder}/${source.pattern}`;
}
