import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { emailQuarantine, handoffs, intakes, messages } from "@/db/schema";
import { POST } from "@/app/api/v1/inbound-email/route";
import { resetEnvCache } from "@/lib/env";
import { signBody } from "@/lib/intake/credentials";
import { stopBoss } from "@/lib/jobs/boss";
import { rawEmail } from "../support/emails";

const SECRET = "inbound-webhook-test-secret-0123456789";

beforeAll(() => {
  process.env.INTAKE_SIGNING_SECRET = SECRET;
  process.env.EMAIL_SENDER_LIMIT_PER_HOUR = "3";
  resetEnvCache();
});

afterAll(async () => {
  delete process.env.INTAKE_SIGNING_SECRET;
  delete process.env.EMAIL_SENDER_LIMIT_PER_HOUR;
  resetEnvCache();
  await stopBoss();
});

function signed(body: Buffer, over: Record<string, string> = {}) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return new Request("http://127.0.0.1/api/v1/inbound-email", {
    method: "POST",
    headers: { "content-type": "message/rfc822", "x-baton-timestamp": timestamp, "x-baton-signature": signBody(SECRET, timestamp, body), ...over },
    body: new Uint8Array(body),
  });
}

describe("POST /api/v1/inbound-email", () => {
  it("a signed raw email in latin-1 (not UTF-8) becomes one package; the same message again is a replay", async () => {
    const { raw, messageId } = rawEmail({
      from: "=?iso-8859-1?Q?Jos=E9_Pe=F1a?= <jose@acme-iberia.example>",
      subject: "Demo",
      body: "Somos 40 personas, presupuesto 30.000 EUR, queremos una demo esta semana. Año próximo.",
    });
    const body = Buffer.from(raw.replace("charset=utf-8", "charset=iso-8859-1"), "latin1");
    const first = await POST(signed(body));
    expect(first.status).toBe(200);
    const answer = (await first.json()) as { status: string; handoffId: string };
    expect(answer.status).toBe("new");
    const [row] = await db.select().from(handoffs).where(eq(handoffs.id, answer.handoffId));
    expect(row).toMatchObject({ channel: "email", leadName: "José Peña" });
    const [line] = await db.select().from(messages).where(eq(messages.conversationId, row!.conversationId!));
    expect(line!.text).toContain("Año próximo");

    const again = await POST(signed(body));
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replay")).toBe("true");
    expect(
      await db
        .select()
        .from(intakes)
        .where(eq(intakes.externalId, `email:${messageId}`)),
    ).toHaveLength(1);
  });

  it("refuses a signature over other bytes, and a body that is not message/rfc822", async () => {
    const body = Buffer.from(rawEmail({ from: "a@acme.example", subject: "x", body: "y" }).raw);
    const tampered = signed(body, { "x-baton-signature": signBody(SECRET, String(Math.floor(Date.now() / 1000)), Buffer.concat([body, Buffer.from("!")])) });
    expect((await POST(tampered)).status).toBe(401);
    const wrongType = await POST(signed(body, { "content-type": "text/plain" }));
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { error: { message: string } }).error.message).toContain("message/rfc822");
  });

  it("a flood from one sender: past the hourly limit the rest are quarantined, naming the sender", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await POST(signed(Buffer.from(rawEmail({ from: "flood@spam-house.example", subject: `Buy ${i}`, body: `Offer ${i}` }).raw)))).status);
    expect(statuses).toEqual([200, 200, 200, 422, 422]);
    const quarantined = await db.select().from(emailQuarantine).where(eq(emailQuarantine.fromAddress, "flood@spam-house.example"));
    expect(quarantined).toHaveLength(2);
    expect(quarantined[0]!.reason).toContain("more than 3 emails in an hour from flood@spam-house.example");
  });
});
