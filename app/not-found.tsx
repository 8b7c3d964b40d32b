import type { Metadata } from "next";
import Link from "next/link";
import { NotFoundCard } from "@/components/layout/not-found-card";

export const metadata: Metadata = { title: "Page not found" };

// A URL no route matches: outside the console layout, so the page carries the brand bar itself.
export default function NotFound() {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex min-h-14 max-w-7xl items-center px-4">
          <Link href="/inbox" className="text-lg font-semibold tracking-tight text-slate-900">
            Baton<span className="text-brand-600">.</span>
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">
        <NotFoundCard />
      </main>
    </div>
  );
}
