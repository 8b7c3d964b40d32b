import type { HTMLAttributes } from "react";
import { cn } from "@/lib/cn";

export function Card({ className, ...props }: HTMLAttributes<HTMLElement>) {
  return <section className={cn("rounded-lg border border-slate-200 bg-white shadow-sm", className)} {...props} />;
}

export function CardHeader({ title, description, id }: { title: string; description?: string; id?: string }) {
  return (
    <header className="border-b border-slate-100 px-4 py-3">
      <h2 id={id} className="text-sm font-semibold text-slate-900">
        {title}
      </h2>
      {description ? <p className="mt-0.5 text-xs text-slate-500">{description}</p> : null}
    </header>
  );
}

export function CardBody({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("px-4 py-3", className)} {...props} />;
}
