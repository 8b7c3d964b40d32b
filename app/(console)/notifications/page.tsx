import type { Metadata } from "next";
import Link from "next/link";
import { DesktopAlertsToggle } from "@/components/notifications/desktop-alerts-toggle";
import { MarkReadButton } from "@/components/notifications/mark-read-button";
import { PreferencesForm } from "@/components/notifications/preferences-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { getNotificationPreferences, listNotifications } from "@/db/queries/notifications";
import { getUserBookingLink } from "@/db/queries/meetings";
import { ActionForm } from "@/components/admin/action-form";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/field";
import { formatDateTime } from "@/lib/format";
import { pageActor } from "../page-actor";
import { markNotificationsReadAction, saveMyBookingLinkAction, saveNotificationPreferencesAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const { actor } = await pageActor();
  const [items, preferences, bookingLink] = await Promise.all([
    listNotifications({ userId: actor.id }),
    getNotificationPreferences({ userId: actor.id }),
    getUserBookingLink({ userId: actor.id }),
  ]);
  const unread = items.filter((n) => !n.readAt).length;
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_320px]">
      <Card>
        <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
          <div>
            <h1 className="text-sm font-semibold text-slate-900">Notifications</h1>
            <p className="mt-0.5 text-xs text-slate-500">{unread ? `${unread} unread` : "All read"} · the latest 50</p>
          </div>
          {unread ? <MarkReadButton markRead={markNotificationsReadAction} /> : null}
        </div>
        {items.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-500">Nothing yet. Packages routed to you, reminders and escalations appear here.</p>
          </CardBody>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="notification-list">
            {items.map((n) => (
              <li key={n.id} className="flex gap-3 px-4 py-3" data-testid="notification" data-unread={n.readAt ? "false" : "true"}>
                <span className={`mt-1.5 size-2 shrink-0 rounded-full ${n.readAt ? "bg-transparent" : "bg-brand-600"}`} aria-hidden />
                <div className="min-w-0 flex-1">
                  <p className={`text-sm ${n.readAt ? "text-slate-700" : "font-semibold text-slate-900"}`}>
                    {n.handoffId || n.event === "queue_stalled" ? (
                      <Link href={n.handoffId ? `/handoffs/${n.handoffId}` : "/admin/jobs"} className="hover:underline">
                        {n.title}
                      </Link>
                    ) : (
                      n.title
                    )}
                  </p>
                  <p className="mt-0.5 line-clamp-2 text-sm text-slate-600">{n.body}</p>
                  <time className="text-xs text-slate-400" dateTime={n.createdAt.toISOString()}>
                    {formatDateTime(n.createdAt)}
                  </time>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card className="h-fit">
        <CardHeader title="Where you hear about packages" description="Slack and email go out only where an admin has connected them." />
        <CardBody>
          <PreferencesForm initial={preferences} save={saveNotificationPreferencesAction} />
          <div className="mt-4 border-t border-slate-100 pt-3">
            <DesktopAlertsToggle />
          </div>
        </CardBody>
      </Card>
      <Card className="h-fit lg:col-start-2">
        <CardHeader
          title="Your booking link"
          description="Your Cal.com, Calendly or other https:// scheduling page: leads routed to you get it, prefilled with their name and email. Blank: your team's link (or the default) is used."
        />
        <CardBody>
          <ActionForm
            action={saveMyBookingLinkAction}
            success="Booking link saved."
            fieldLabels={{ url: "Booking link" }}
            label="Your booking link"
            className="space-y-2"
          >
            <Label htmlFor="my-booking-link">Booking link</Label>
            <Input id="my-booking-link" name="url" defaultValue={bookingLink ?? ""} placeholder="https://cal.com/your-name/diagnosis" />
            <Button type="submit" size="sm">
              Save
            </Button>
          </ActionForm>
        </CardBody>
      </Card>
    </div>
  );
}
