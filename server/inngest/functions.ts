import { evaluateRules } from "./functions/evaluate-rules";
import { scheduleRules } from "./functions/schedule-rules";
import type { JobDefinition, JobDeps } from "./types";

/** Every job Switchyard runs, on Inngest or on the embedded engine alike. */
export const createJobDefinitions = (deps: JobDeps): JobDefinition[] => [evaluateRules(deps), scheduleRules(deps)];
