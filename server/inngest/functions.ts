import { evaluateRules } from "./functions/evaluate-rules";
import { notifyShipment } from "./functions/notify-shipment";
import { runExport } from "./functions/run-export";
import { sendEmail } from "./functions/send-email";
import { scheduleExports } from "./functions/schedule-exports";
import { scheduleImports } from "./functions/schedule-imports";
import { scheduleRules } from "./functions/schedule-rules";
import type { JobDefinition, JobDeps } from "./types";

/** Every job Switchyard runs, on Inngest or on the embedded engine alike. */
export const createJobDefinitions = (deps: JobDeps): JobDefinition[] => [
  evaluateRules(deps),
  scheduleRules(deps),
  runExport(deps),
  scheduleExports(deps),
  scheduleImports(deps),
  sendEmail(deps),
  notifyShipment(deps),
];
