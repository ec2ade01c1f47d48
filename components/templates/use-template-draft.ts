"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * The editing state every template editor shares: the draft, whether it differs from what was
 * last saved, and the "created" notice that follows the redirect from /new (shown once: the
 * ?created=1 marker is dropped so a reload does not announce it again).
 */
export function useTemplateDraft<T>(initial: () => T, createdNotice: string) {
  const search = useSearchParams();
  const [draft, setDraft] = useState<T>(initial);
  const [savedAs, setSavedAs] = useState(() => JSON.stringify(initial()));
  const [justCreated] = useState(() => search.has("created"));
  useEffect(() => {
    if (search.has("created")) window.history.replaceState(null, "", window.location.pathname);
  }, [search]);
  return {
    draft,
    setDraft,
    set: <K extends keyof T>(key: K, value: T[K]) => setDraft((d) => ({ ...d, [key]: value })),
    dirty: JSON.stringify(draft) !== savedAs,
    /** Call with what was saved (as the draft would look when reloaded). */
    markSaved: (saved: T) => setSavedAs(JSON.stringify(saved)),
    createdNotice: justCreated ? createdNotice : undefined,
  };
}
