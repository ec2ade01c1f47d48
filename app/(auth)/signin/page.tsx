// Sign-in page; with the embedded database it also shows the demo login.
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Notice } from "@/components/ui/notice";
import { findUserByEmail } from "@/server/accounts/service";
import { currentUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { usesEmbeddedDatabase } from "@/server/env";
import { DEMO_LOGIN, DEMO_STORE_USER } from "@/server/seed/demo";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const REASONS: Record<string, string> = {
  expired: "Your session has expired. Please sign in again.",
  signedout: "You have been signed out.",
  CredentialsSignin: "The email or password is incorrect.",
};

/** Only same-site paths, so the sign-in page cannot be used to bounce people elsewhere. */
function safeCallback(value: string | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const reason = REASONS[params.reason ?? params.error ?? ""];
  const showDemo = usesEmbeddedDatabase() && (await findUserByEmail(await getDb(), DEMO_LOGIN.email)) !== null;

  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">Sign in</h1>
      {reason ? <Notice tone="info">{reason}</Notice> : null}
      <SignInForm callbackUrl={callbackUrl} />
      {showDemo ? (
        <div className="rounded-md border border-dashed border-slate-300 p-3 text-xs text-slate-600" data-testid="demo-login">
          <p className="font-medium text-slate-800">Demo login (embedded database)</p>
          <p>
            Supplier: <code>{DEMO_LOGIN.email}</code> / <code>{DEMO_LOGIN.password}</code>
          </p>
          <p>
            Store user: <code>{DEMO_STORE_USER.email}</code> / <code>{DEMO_STORE_USER.password}</code>
          </p>
        </div>
      ) : null}
    </div>
  );
}
