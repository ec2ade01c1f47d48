/**
 * Five-field cron ("minute hour day-of-month month day-of-week"), checked here so a schedule is
 * refused when it is saved rather than when the job runner first reads it. Each field is `*`, a
 * number, a range `a-b`, a step `*\/n` or `a-b/n`, or a comma list of those; months and weekdays
 * also take names (JAN, MON). Weekday 7 is Sunday, as in most crons.
 */
const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] },
  { name: "day of week", min: 0, max: 7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
] as const;

const PART = /^(?:(\*)|([A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?)(?:\/(\d+))?$/;

/** Why `expression` is not a valid cron, or null. */
export function checkCron(expression: string): string | null {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return `"${expression}" has ${parts.length} field${parts.length === 1 ? "" : "s"}; a schedule needs 5: minute hour day-of-month month day-of-week (e.g. "0 9 * * MON-FRI")`;
  for (const [index, field] of FIELDS.entries()) {
    for (const item of parts[index]!.split(",")) {
      const problem = checkItem(item, field);
      if (problem) return `the ${field.name} field "${parts[index]}" ${problem}`;
    }
  }
  return null;
}

function checkItem(item: string, field: (typeof FIELDS)[number]): string | null {
  const match = PART.exec(item);
  if (!match) return `has "${item}", which is not a number, range, step or *`;
  const [, star, from, to, step] = match;
  if (step !== undefined && Number(step) < 1) return "has a step of 0";
  if (star) return null;
  const values = [from, to].filter((v) => v !== undefined).map((v) => valueOf(v, field));
  if (values.some((v) => v === null || v < field.min || v > field.max)) return `must use values from ${field.min} to ${field.max}`;
  if (values.length === 2 && values[0]! > values[1]!) return `has the range "${item}", which runs backwards`;
  return null;
}

function valueOf(text: string, field: (typeof FIELDS)[number]): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const names: readonly string[] = "names" in field ? field.names : [];
  const index = names.indexOf(text.toUpperCase());
  if (index < 0) return null;
  return field.name === "month" ? index + 1 : index;
}
