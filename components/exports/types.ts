import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

/** An export template as the editor receives it: secrets replaced by `storedSecrets`. */
export type SavedExportTemplate = Outputs["export"]["byId"];
export type ExportTemplateRow = Outputs["export"]["list"][number];
export type ExportRunRow = Outputs["export"]["runs"][number];
export type ExportHelp = Outputs["export"]["help"];
export type ExportPreset = ExportHelp["presets"][number];
export type ExportPreview = Outputs["export"]["preview"];
export type ExportTemplateInput = Omit<Inputs["export"]["create"], "storeId">;
export type Destination = ExportTemplateInput["destination"];
export type DestinationKind = Destination["kind"];
export type ExportFormat = ExportTemplateInput["format"];
export type ExportMode = ExportTemplateInput["mode"];
