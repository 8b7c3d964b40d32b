import type { ReactNode } from "react";

/** The frame of the sign-in pages: the brand, a line of context, the card. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold tracking-tight text-slate-900">
            Baton<span className="text-brand-600">.</span>
          </p>
          <p className="mt-1 text-sm text-slate-500">{subtitle}</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-base font-semibold text-slate-900">{title}</h1>
          {children}
        </div>
      </div>
    </main>
  );
}

export function FormAlert({ tone, children, testId }: { tone: "error" | "notice"; children: ReactNode; testId: string }) {
  return (
    <p
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={
        tone === "error"
          ? "rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200"
          : "rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200"
      }
    >
      {children}
    </p>
  );
}
