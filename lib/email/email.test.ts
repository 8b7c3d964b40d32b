import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { automatedReason, classifyEmail, replyTokenIn } from "@/lib/email/classify";
import { htmlToText } from "@/lib/email/html-to-text";
import { readEmail } from "@/lib/email/intake-event";
import { mailParseLine } from "@/lib/email/mail-parse";
import { extractNewWords } from "@/lib/email/new-words";
import { EmailParseError, parseEmail } from "@/lib/email/parse";
import { intakeEventSchema } from "@/lib/contract/intake";

const fixture = (name: string) => readFileSync(path.join(__dirname, "../../test/fixtures/email", name));

describe("parseEmail and classifyEmail on real messages", () => {
  it("a new lead: plain text, signature cut, a valid v1 intake event", async () => {
    const read = readEmail(await parseEmail(fixture("new-lead.eml")));
    expect(read.kind).toBe("new");
    expect(read.email.from).toEqual({ name: "Ana Ruiz", email: "ana.ruiz@northwind-logistics.com" });
    expect(read.words.text).toContain("Budget is around 30,000 EUR");
    expect(read.words.text).not.toContain("+34 600");
    expect(read.words.signature).toContain("Head of Sales Operations");
    const event = intakeEventSchema.parse(read.event);
    expect(event.channel).toBe("email");
    expect(event.externalId).toBe("email:CAF3x9q1-new-lead@mail.northwind-logistics.com");
    expect(event.messages?.[0]!.text).toMatch(/^Subject: Pricing for 40 seats/);
  });

  it("a Gmail reply: threading headers read, the wrapped 'On … wrote:' and the phone signature cut", async () => {
    const read = readEmail(await parseEmail(fixture("reply-gmail.eml")));
    expect(read.kind).toBe("reply");
    expect(read.email.inReplyTo).toBe("baton.rep.1@baton.demo");
    expect(read.email.references).toEqual(["CAF3x9q1-new-lead@mail.northwind-logistics.com", "baton.rep.1@baton.demo"]);
    expect(read.words.text).toBe("Thursday at 11:00 works for us. We use HubSpot today.");
    expect(read.words.quoted).toContain("Would Thursday suit you");
    expect(replyTokenIn(read.email)).toBe("k3v9x2m4q8w7e5t1");
  });

  it("a Spanish reply in windows-1252: decoded, 'El … escribió:' cut", async () => {
    const read = readEmail(await parseEmail(fixture("reply-spanish.eml")));
    expect(read.email.from.name).toBe("José María Peña");
    expect(read.email.subject).toBe("Re: Información");
    expect(read.words.text).toContain("50.000 € al año");
    expect(read.words.text).not.toContain("Cuántas");
    expect(read.words.quoted).toContain("¿Cuántas personas");
  });

  it("an HTML-only Outlook reply: turned into text, the From/Sent block and the script gone", async () => {
    const read = readEmail(await parseEmail(fixture("reply-outlook.eml")));
    expect(read.email.htmlOnly).toBe(true);
    expect(read.kind).toBe("reply");
    expect(read.words.text).toBe("Yes please, next Tuesday afternoon. We are 15 reps & 2 managers.");
    expect(read.words.quoted).toContain("Would you like a demo?");
    expect(read.email.text).not.toContain("alert(1)");
    expect(read.email.text).not.toMatch(/<\/?(div|p|b|br|script|html|style)\b/i);
  });

  it("an out-of-office reply is automated, even though it answers a thread", async () => {
    const email = await parseEmail(fixture("auto-reply.eml"));
    expect(classifyEmail(email)).toBe("automated");
    expect(automatedReason(email)).toBe("Auto-Submitted: auto-replied");
    expect(readEmail(email).event).toBeNull();
  });

  it("a bounce: RFC 3464 report read (recipient, status, the original Message-ID)", async () => {
    const email = await parseEmail(fixture("bounce.eml"));
    expect(classifyEmail(email)).toBe("bounce");
    expect(email.deliveryReport).toMatchObject({
      recipient: "gone@defunct-corp.example",
      action: "failed",
      status: "5.1.1",
      originalMessageId: "baton.agent.ask.55@baton.demo",
    });
    expect(email.deliveryReport?.diagnostic).toContain("User unknown");
  });

  it("refuses what is not a mail, naming why", async () => {
    await expect(parseEmail(fixture("not-an-email.eml"))).rejects.toThrow(/no mail headers/);
    await expect(parseEmail("")).rejects.toThrow(EmailParseError);
    await expect(parseEmail("Subject: hi\r\n\r\nbody")).rejects.toThrow(/no From address/);
  });
});

describe("hostile and odd input", () => {
  it("NUL bytes and an unknown charset do not break parsing", async () => {
    const raw = "From: x@example.com\r\nSubject: a\u0000b\r\nContent-Type: text/plain; charset=x-klingon-42\r\n\r\nhello\u0000 world";
    const email = await parseEmail(raw);
    expect(email.subject).toBe("ab");
    expect(email.text).toContain("hello world");
  });

  it("a big attachment keeps its metadata (name, type, size)", async () => {
    const content = Buffer.alloc(3 * 1024 * 1024, 7)
      .toString("base64")
      .replace(/.{76}/g, "$&\r\n");
    const raw = [
      "From: a@example.com",
      "Subject: file",
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "see file",
      "--b",
      'Content-Type: application/pdf; name="deck.pdf"',
      'Content-Disposition: attachment; filename="deck.pdf"',
      "Content-Transfer-Encoding: base64",
      "",
      content,
      "--b--",
      "",
    ].join("\r\n");
    const email = await parseEmail(raw);
    expect(email.attachments).toEqual([{ filename: "deck.pdf", mimeType: "application/pdf", size: 3 * 1024 * 1024 }]);
    expect(email.text.trim()).toBe("see file");
  });

  it("a message without a Message-ID gets a stable one from its content", async () => {
    const raw = "From: a@example.com\r\nSubject: hi\r\n\r\nbody";
    const [one, two] = [await parseEmail(raw), await parseEmail(raw)];
    expect(one.hasMessageId).toBe(false);
    expect(one.messageId).toBe(two.messageId);
    expect((await parseEmail(raw + "!")).messageId).not.toBe(one.messageId);
  });

  it.each([
    ["X-Autoreply: yes", "X-Autoreply"],
    ["X-Autorespond: yes", "X-Autorespond"],
    ["Precedence: bulk", "Precedence: bulk"],
    ["Precedence: auto_reply", "Precedence: auto_reply"],
    ["Auto-Submitted: auto-generated", "Auto-Submitted: auto-generated"],
  ])("%s is automated", async (header, reason) => {
    const email = await parseEmail(`From: a@example.com\r\n${header}\r\nSubject: hi\r\n\r\nbody`);
    expect(automatedReason(email)).toBe(reason);
  });

  it("Auto-Submitted: no and X-Auto-Response-Suppress do not mark a message automated", async () => {
    const email = await parseEmail("From: a@example.com\r\nAuto-Submitted: no\r\nX-Auto-Response-Suppress: All\r\nSubject: hi\r\n\r\nbody");
    expect(classifyEmail(email)).toBe("new");
  });
});

describe("extractNewWords", () => {
  it("cuts `>` lines interleaved with answers and keeps the answers", () => {
    const words = extractNewWords("> How many seats?\n40 seats.\n> Which CRM?\nSalesforce.");
    expect(words.text).toBe("40 seats.\nSalesforce.");
    expect(words.quoted).toContain("How many seats?");
  });
  it("cuts an Outlook block without a divider, in Spanish", () => {
    const words = extractNewWords(
      "Perfecto, gracias.\n\nDe: Ventas <ventas@baton.demo>\nEnviado el: martes, 1 de diciembre de 2026 10:00\nPara: Ana\nAsunto: Demo\n\nHola Ana",
    );
    expect(words.text).toBe("Perfecto, gracias.");
    expect(words.quoted).toContain("Hola Ana");
  });
  it("cuts a '-----Original Message-----' divider and an 'Enviado desde mi iPhone' signature", () => {
    const words = extractNewWords("Yes.\n\nEnviado desde mi iPhone\n\n-----Original Message-----\nFrom: x");
    expect(words.text).toBe("Yes.");
    expect(words.signature).toBe("Enviado desde mi iPhone");
  });
  it("keeps a message with no history whole", () => {
    expect(extractNewWords("Just one line, no quote.").text).toBe("Just one line, no quote.");
  });
});

describe("htmlToText", () => {
  it("blockquotes become quoted lines, entities decoded, tags dropped", () => {
    const text = htmlToText(
      '<p>Sure &amp; thanks&#33;</p><div class="gmail_quote">On Tue, Ana wrote:<blockquote><p>Old <b>text</b></p></blockquote></div><img src=x onerror=alert(1)>',
    );
    expect(text).toContain("Sure & thanks!");
    expect(text).toContain("> Old text");
    expect(text).not.toMatch(/<|onerror/);
    expect(extractNewWords(text).text).toBe("Sure & thanks!");
  });
});

describe("mail:parse line", () => {
  it("has exactly the fields of the issue", async () => {
    const line = await mailParseLine("reply.eml", fixture("reply-gmail.eml"));
    expect(Object.keys(line)).toEqual(["file", "kind", "messageId", "inReplyTo", "references", "from", "subject", "text", "event"]);
    expect(line.kind).toBe("reply");
  });
});
