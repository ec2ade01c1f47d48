import { z } from "zod";
import { deliveryDestination } from "@/server/delivery/destinations";

export const EXPORT_FORMATS = ["csv", "tsv", "xml", "json", "text"] as const;
export const EXPORT_MODES = ["batch", "per_order"] as const;

const name = z.string().trim().min(1, "Give the template a name.").max(100, "Use at most 100 characters.");

/**
 * An export template as the editor saves it. Secret fields left empty keep the stored secret
 * (the form never receives it back), so editing a template does not need the password again.
 */
export const exportTemplateFields = {
  name,
  format: z.enum(EXPORT_FORMATS),
  mode: z.enum(EXPORT_MODES),
  body: z.string().min(1, "The template is empty.").max(200_000, "Use at most 200,000 characters."),
  filenamePattern: z.string().trim().min(1, "Give a file name pattern.").max(300),
  destination: deliveryDestination,
  sourceFolderId: z.number().int().positive().nullable().default(null),
  moveToFolderId: z.number().int().positive().nullable().default(null),
  schedule: z.string().trim().max(100).nullable().default(null),
};
export const exportTemplateInput = z.object(exportTemplateFields);
export type ExportTemplateInput = z.infer<typeof exportTemplateInput>;

/** Which orders an export takes: the ones given, else the template's source folder. */
export const startExportInput = z.object({
  templateId: z.number().int().positive(),
  orderIds: z.array(z.number().int().positive()).max(5000).optional(),
  /** Send orders this template already exported again. */
  includeExported: z.boolean().default(false),
});
export type StartExportInput = z.infer<typeof startExportInput>;
