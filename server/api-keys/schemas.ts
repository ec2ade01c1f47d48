import { z } from "zod";

export const apiKeyName = z.string().trim().min(1, "Name the key (e.g. the script or app that uses it).").max(80, "Use at most 80 characters.");
export const createApiKeyInput = z.object({ name: apiKeyName });
