import { notFound } from "@/server/errors";

/** A path id; anything that is not a plausible id is simply not found (as a missing row would be). */
export function pathId(value: string | undefined, what: string): number {
  if (!value || !/^\d{1,15}$/.test(value)) throw notFound(what);
  const id = Number(value);
  if (id < 1 || !Number.isSafeInteger(id)) throw notFound(what);
  return id;
}
