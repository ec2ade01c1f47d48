/**
 * Code 128 (code set B: ASCII 32-127) as an inline SVG, for packing slips and labels.
 * Each symbol is six bar/space widths in modules, bar first; STOP (106) has a seventh, its
 * termination bar. Values 0-95 are the characters, 104 is START B.
 */
export const CODE128_PATTERNS: readonly string[] = [
  "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
  "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
  "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
  "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
  "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
  "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
  "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
  "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
  "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
  "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
  "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
];
export const START_B = 104;
export const STOP = 106;
const QUIET_ZONE = 10;
const MAX_LENGTH = 80;

/** Symbol values of `text` with START B, checksum and STOP. */
export function code128Values(text: string): number[] {
  if (text.length > MAX_LENGTH) throw new Error(`at most ${MAX_LENGTH} characters fit in a barcode.`);
  const values = [START_B];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 32 || code > 127) throw new Error(`"${char}" cannot be encoded in Code 128 (ASCII letters, digits and signs only).`);
    values.push(code - 32);
  }
  const checksum = values.reduce((sum, value, index) => sum + value * Math.max(index, 1), 0) % 103;
  return [...values, checksum, STOP];
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function code128Svg(text: string, options: { moduleWidth?: number; height?: number } = {}): string {
  const moduleWidth = options.moduleWidth ?? 2;
  const height = options.height ?? 60;
  if (!Number.isFinite(moduleWidth) || moduleWidth < 1 || moduleWidth > 10) throw new Error("the module width must be between 1 and 10.");
  if (!Number.isFinite(height) || height < 10 || height > 500) throw new Error("the height must be between 10 and 500.");
  const bars: string[] = [];
  let x = QUIET_ZONE;
  for (const value of code128Values(text)) {
    const widths = CODE128_PATTERNS[value] ?? "";
    for (let i = 0; i < widths.length; i++) {
      const w = Number(widths[i]);
      if (i % 2 === 0) bars.push(`<rect x="${x * moduleWidth}" width="${w * moduleWidth}" height="${height}"/>`);
      x += w;
    }
  }
  const width = (x + QUIET_ZONE) * moduleWidth;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(text)}">` +
    `<rect width="${width}" height="${height}" fill="#fff"/><g fill="#000">${bars.join("")}</g></svg>`
  );
}
