import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { expect, it } from "vitest";
import { openSpool } from "@/server/imports/spool";

type Entry = { n: number; text: string; at?: Date | string };

it("gives back every record in order, revived, with the share read reaching 1", async () => {
  const spool = await openSpool<Entry>((entry) => (typeof entry.at === "string" ? { ...entry, at: new Date(entry.at) } : entry));
  const records: Entry[] = Array.from({ length: 20_000 }, (_, n) => ({ n, text: n % 3 ? `cell ${n}` : `two\nlines "quoted" \u2028 é` }));
  records[7]!.at = new Date("2025-05-11T13:55:16Z");
  for (const record of records) await spool.write(record);

  const progress = { fraction: 0 };
  const fractions: number[] = [];
  const read: Entry[] = [];
  for await (const record of spool.read(progress)) {
    read.push(record);
    fractions.push(progress.fraction);
  }
  expect(read).toEqual(records);
  expect(read[7]!.at).toBeInstanceOf(Date);
  expect(fractions.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]!))).toBe(true);
  expect(progress.fraction).toBe(1);

  expect(existsSync(spool.path)).toBe(true);
  await spool.drop();
  expect(existsSync(dirname(spool.path))).toBe(false);
});

it("reads nothing from an empty spool and drops without having been read", async () => {
  const empty = await openSpool<Entry>((entry) => entry);
  const progress = { fraction: 0 };
  const read: Entry[] = [];
  for await (const record of empty.read(progress)) read.push(record);
  expect(read).toEqual([]);
  expect(progress.fraction).toBe(1);
  await empty.drop();

  const unread = await openSpool<Entry>((entry) => entry);
  await unread.write({ n: 1, text: "x" });
  expect(existsSync(dirname(unread.path))).toBe(true);
  await unread.drop();
  expect(existsSync(dirname(unread.path))).toBe(false);
});
