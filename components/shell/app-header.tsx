import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "./user-menu";

/** Top bar: store switcher (or logo) on the left, navigation, and the signed-in user on the right. */
export function AppHeader({ left, nav, email }: { left?: ReactNode; nav?: ReactNode; email: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-2">
        {left ?? (
          <Link href="/" className="text-lg font-bold tracking-tight">
            <span className="text-brand-600">Switch</span>yard
          </Link>
        )}
        <div className="flex-1">{nav}</div>
        <UserMenu email={email} />
      </div>
    </header>
  );
}
