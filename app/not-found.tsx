import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md space-y-3 text-center">
        <h1 className="text-xl font-semibold">Not found</h1>
        <p className="text-sm text-slate-600">
          This page or store does not exist, or you do not have access to it (anymore).
        </p>
        <Link href="/" className="inline-block text-sm font-medium text-brand-600 hover:underline">
          Back to your stores
        </Link>
      </div>
    </main>
  );
}
