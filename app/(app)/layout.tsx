// Everything behind sign-in. Pages still call guarded procedures: this check is for navigation only.
import type { ReactNode } from "react";
import { requireUser } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  await requireUser();
  return children;
}
