"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

/** The admin section's pages, in the order an admin sets up a workspace. */
export const adminSections = [
  { href: "/admin/rules", label: "Rules" },
  { href: "/admin/routing", label: "Routing" },
  { href: "/admin/slas", label: "SLAs" },
  { href: "/admin/approvals", label: "Approvals" },
  { href: "/admin/knowledge", label: "Knowledge base" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/api-keys", label: "API keys" },
  { href: "/admin/webhooks", label: "Webhooks" },
  { href: "/admin/api-reference", label: "API reference" },
  { href: "/admin/meetings", label: "Meetings" },
  { href: "/admin/connections", label: "Connections" },
  { href: "/admin/privacy", label: "Privacy" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/jobs", label: "Jobs" },
  { href: "/admin/messages", label: "Messages" },
] as const;

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="-mx-1 mb-6 flex gap-1 overflow-x-auto border-b border-slate-200 pb-2 text-sm">
      {adminSections.map((section) => {
        const active = pathname === section.href || pathname.startsWith(`${section.href}/`);
        return (
          <Link
            key={section.href}
            href={section.href}
            aria-current={active ? "page" : undefined}
            className={cn("whitespace-nowrap rounded-md px-3 py-1.5 font-medium text-slate-600 hover:bg-slate-100", active && "bg-slate-100 text-slate-900")}
          >
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
