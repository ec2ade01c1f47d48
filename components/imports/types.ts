import type { inferRouterOutputs } from "@trpc/server";
import type { ImportMapping as ServerImportMapping } from "@/server/imports/mapping";
import type { AppRouter } from "@/server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>;

export type ImportMapping = ServerImportMapping;
export type FieldMapping = ImportMapping["fields"][string];
export type ImportTarget = ImportMapping["target"];
export type ImportRunView = Outputs["import"]["run"];
export type ImportRunStatus = ImportRunView["status"];
export type ImportFieldsInfo = Outputs["import"]["fields"];
export type ImportField = ImportFieldsInfo["fields"][ImportTarget][number];
export type Transform = ImportFieldsInfo["transforms"][number];
export type ImportTemplate = Outputs["import"]["templates"][number];
export type PreviewRecord = Outputs["import"]["preview"]["records"][number];
export type ReportRow = Outputs["import"]["report"]["rows"][number];
export type ReportStatus = ReportRow["status"];

/** What the upload endpoint answers (plain JSON: dates are strings there, so only what is used). */
export interface UploadResult {
  run: { id: number; fileName: string; fileBytes: number; headers: string[]; target: ImportTarget };
  mapping: ImportMapping;
  detected: "shopify" | null;
  sample: string[][];
}
