export const DELIMITERS = [",", "\t", ";", "|"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** How much text the guess looks at. */
export const SNIFF_CHARS = 64 * 1024;
const MAX_RECORDS = 200;

/**
 * Guesses the delimiter from a sample (newlines already "\n"): the candidate that splits the
 * header into the most cells and splits the other rows the same way. Delimiters inside quotes
 * do not count, so `"Smith, Jane"` does not make a semicolon file look comma-separated.
 * `complete` says the sample is the whole file (otherwise its last, cut-off record is ignored).
 */
export function sniffDelimiter(sample: string, options: { complete: boolean; preferTab?: boolean }): Delimiter {
  const records = countPerRecord(sample, options.complete);
  const order: readonly Delimiter[] = options.preferTab ? ["\t", ",", ";", "|"] : DELIMITERS;
  let best: { delimiter: Delimiter; consistency: number; cells: number } | undefined;
  for (const delimiter of order) {
    const counts = records.map((r) => r[delimiter]);
    const header = counts[0] ?? 0;
    if (header === 0) continue; // a real delimiter separates the column names too
    const consistency = counts.filter((c) => c === header).length / counts.length;
    if (!best || consistency > best.consistency || (consistency === best.consistency && header > best.cells)) {
      best = { delimiter, consistency, cells: header };
    }
  }
  return best?.delimiter ?? (options.preferTab ? "\t" : ",");
}

type Counts = Record<Delimiter, number>;
const zero = (): Counts => ({ ",": 0, "\t": 0, ";": 0, "|": 0 });

function countPerRecord(sample: string, complete: boolean): Counts[] {
  const records: Counts[] = [];
  let counts = zero();
  let quoting = false;
  let blank = true;
  for (let i = 0; i < sample.length && records.length < MAX_RECORDS; i++) {
    const char = sample[i]!;
    if (char === '"') quoting = !quoting; // an escaped "" toggles twice: no change
    else if (!quoting && char === "\n") {
      if (!blank) records.push(counts);
      counts = zero();
      blank = true;
      continue;
    } else if (!quoting && char in counts) counts[char as Delimiter]++;
    if (char.trim()) blank = false;
  }
  if (complete && !blank && records.length < MAX_RECORDS) records.push(counts);
  return records;
}
