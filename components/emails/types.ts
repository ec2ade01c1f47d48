import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>;

export type EmailTemplateRow = Outputs["emailTemplate"]["list"][number];
export type SavedEmailTemplate = Outputs["emailTemplate"]["byId"];
export type EmailPreview = Outputs["emailTemplate"]["preview"];
