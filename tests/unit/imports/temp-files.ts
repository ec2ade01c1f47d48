import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A temp folder for fixture files written by a test file; removed in afterAll. */
export function tempFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-imports-"));
  let n = 0;
  return {
    dir,
    write(content: string | Uint8Array, name = `file-${++n}.csv`) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A CSV cell, quoted when it needs to be. */
export const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
export const csvLine = (cells: string[]) => cells.map(csvCell).join(",");
