"use client";

import { useEffect, useRef, type RefObject } from "react";

/**
 * A submit button disabled while saving drops the keyboard focus to <body>. When the save ends
 * with focus lost, put it back in the form: on the first field the server refused, else on its
 * submit button, so Escape and Tab keep working from where the person was.
 */
export function useRestoreFocus(pending: boolean, inside: RefObject<HTMLElement | null>) {
  const wasPending = useRef(false);
  useEffect(() => {
    if (wasPending.current && !pending && (!document.activeElement || document.activeElement === document.body)) {
      const form = inside.current?.closest("form") ?? inside.current;
      const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('button[type="submit"]');
      target?.focus();
    }
    wasPending.current = pending;
  }, [pending, inside]);
}
