/** The first message for `key` or for any path below it ("destination.to" also finds "destination.to.0"). */
export function errorAt(errors: Record<string, string | undefined>, key: string): string | undefined {
  if (errors[key]) return errors[key];
  const below = Object.keys(errors).find((k) => k.startsWith(`${key}.`));
  return below ? errors[below] : undefined;
}

/** Messages whose field the form does not show, so none is lost. */
export function otherErrors(errors: Record<string, string | undefined>, shown: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([key, message]) => message && !shown.some((s) => key === s || key.startsWith(`${s}.`)))
    .map(([, message]) => message!);
}
