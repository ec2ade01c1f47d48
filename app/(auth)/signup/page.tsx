// Sign-up page: creates an account; pending store invitations for the email become memberships.
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { currentUser } from "@/server/auth/session";

export const metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  if (await currentUser()) redirect("/");
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">Create your account</h1>
      <SignUpForm />
    </div>
  );
}
