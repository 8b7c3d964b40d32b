import Link from "next/link";

/** The 404 card: what happened and the way back, in the console's colours. */
export function NotFoundCard() {
  return (
    <div role="alert" data-testid="not-found" className="mx-auto mt-16 max-w-md rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-1 text-base font-semibold text-slate-900">We can&apos;t find that page</h1>
      <p className="mt-2 text-sm text-slate-600">The link may be mistyped, or what it pointed to no longer exists.</p>
      <Link href="/inbox" className="mt-4 inline-block text-sm font-medium text-brand-700 underline">
        Back to your inbox
      </Link>
    </div>
  );
}
