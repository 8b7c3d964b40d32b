import Link from "next/link";

export function Forbidden({ message, backHref = "/inbox" }: { message: string; backHref?: string }) {
  return (
    <div role="alert" data-testid="forbidden" className="mx-auto mt-16 max-w-md rounded-lg border border-amber-200 bg-amber-50 p-6 text-center">
      <h1 className="text-base font-semibold text-amber-900">You don&apos;t have access to this</h1>
      <p className="mt-2 text-sm text-amber-800">{message}</p>
      <Link href={backHref} className="mt-4 inline-block text-sm font-medium text-brand-700 underline">
        Back to your inbox
      </Link>
    </div>
  );
}
