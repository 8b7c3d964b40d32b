import type { Sql } from "postgres";
import { calcomBooking, calcomDelivery, postCalcom } from "../test/stand-ins/calcom";

// The demo's meetings: every person and team gets a booking link (Cal.com pages, prefilled per lead),
// good fits the agent acts on are round-robined to the team's reps (so the lead gets their owner's
// link), and a few bookings arrive through the signed Cal.com webhook once the console is up, as
// Cal.com would send them. The secret is the demo's own: set it on /admin/connections elsewhere.

export const DEMO_CALCOM_SECRET = "demo-calcom-webhook-secret-local-only";
export const DEMO_CALENDLY_KEY = "demo-calendly-signing-key-local-only";

export async function seedDemoMeetings(sql: Sql): Promise<void> {
  await sql`
    insert into booking_links (user_id, url)
    select id, 'https://cal.com/' || regexp_replace(lower(coalesce(name, split_part(email, '@', 1))), '[^a-z0-9]+', '-', 'g') || '/diagnosis'
    from users where active and role in ('rep', 'manager')
    on conflict (user_id) where user_id is not null do nothing`;
  await sql`
    insert into booking_links (team_id, url)
    select id, 'https://cal.com/team/' || regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g') || '/diagnosis' from teams
    on conflict (team_id) where team_id is not null do nothing`;
  await sql`insert into meeting_settings (singleton, default_booking_url) values (true, 'https://cal.com/team/sales/diagnosis') on conflict (singleton) do nothing`;
  const [rule] = await sql`select id from routing_rules where name = 'Good fits the agent acted on: round-robin among the team''s reps'`;
  if (!rule) {
    await sql`
      insert into routing_rules (position, name, match, target, respect_capacity)
      values (950, 'Good fits the agent acted on: round-robin among the team''s reps', '{"reasons":["low_risk_fit"]}', '{"kind":"round_robin","teamId":null}', true)`;
  }
}

/** A few of the demo's open packages book a call, the way Cal.com reports it; once per fresh database. */
export async function sendDemoBookings(sql: Sql, appUrl: string, say: (line: string) => void): Promise<void> {
  const [already] = await sql`select 1 from meetings limit 1`;
  if (already) return;
  const rows = await sql<{ id: string; lead_name: string | null; lead_email: string; owner_name: string | null; owner_email: string | null }[]>`
    select h.id, h.lead_name, h.lead_email, u.name as owner_name, u.email as owner_email
    from handoffs h join users u on u.id = h.owner_id
    where h.status = 'in_follow_up' and h.lead_email is not null
    order by h.created_at desc limit 3`;
  let n = 0;
  for (const row of rows) {
    const start = new Date(Date.now() + (2 + n) * 86_400_000);
    start.setUTCHours(9 + n, 0, 0, 0);
    const payload = calcomBooking({
      uid: `demo-booking-${row.id.slice(0, 8)}`,
      startTime: start.toISOString(),
      organizer: { name: row.owner_name ?? "Sales", email: row.owner_email ?? "sales@baton.demo" },
      attendee: { name: row.lead_name ?? "Lead", email: row.lead_email },
      metadata: { baton: `bt_${row.id}` },
    });
    const reply = await postCalcom(
      `${appUrl}/api/v1/bookings/calcom`,
      calcomDelivery({ secret: DEMO_CALCOM_SECRET, triggerEvent: "BOOKING_CREATED", payload }),
    );
    if (reply.status !== 200) say(`demo booking refused (${reply.status}): ${JSON.stringify(reply.body)}`);
    n++;
  }
  if (n) say(`${n} demo bookings arrived through the Cal.com webhook`);
}
