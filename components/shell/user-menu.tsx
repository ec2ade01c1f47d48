"use client";

import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function UserMenu({ email }: { email: string }) {
  return (
    <div className="flex items-center gap-3">
      <span className="hidden text-sm text-slate-500 sm:inline" data-testid="signed-in-as">
        {email}
      </span>
      <Button variant="ghost" onClick={() => signOut({ callbackUrl: "/signin?reason=signedout" })}>
        Sign out
      </Button>
    </div>
  );
}
