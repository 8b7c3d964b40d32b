import MailComposer from "nodemailer/lib/mail-composer";
import { describe, expect, it } from "vitest";
import { displayName, headerText, nodemailerMessage, replySubject, safeMessageId, threadingHeaders } from "@/lib/email/compose";

async function raw(message: ReturnType<typeof nodemailerMessage>): Promise<string> {
  const built = await new MailComposer(message).compile().build();
  return built.toString("utf8");
}

const base = {
  from: { name: "Marta Gil", address: "sales@baton.test" },
  replyTo: "sales+r-abc@baton.test",
  to: "ana@northwind.example",
  subject: "Re: Pricing",
  text: "Hello",
  messageId: "baton.1@baton.test",
  inReplyTo: "lead.1@northwind.example",
  references: ["lead.0@northwind.example", "lead.1@northwind.example"],
  automatic: false,
};

describe("composing a lead email", () => {
  it("carries the threading headers and the rep's name on the shared address", async () => {
    const text = await raw(nodemailerMessage(base));
    expect(text).toMatch(/^From: Marta Gil <sales@baton\.test>$/m);
    expect(text).toMatch(/^Reply-To: sales\+r-abc@baton\.test$/m);
    expect(text).toMatch(/^Message-ID: <baton\.1@baton\.test>$/m);
    expect(text).toMatch(/^In-Reply-To: <lead\.1@northwind\.example>$/m);
    expect(text).toMatch(/^References: <lead\.0@northwind\.example> <lead\.1@northwind\.example>$/m);
    expect(text).not.toMatch(/^Auto-Submitted:/m);
    expect(await raw(nodemailerMessage({ ...base, automatic: true }))).toMatch(/^Auto-Submitted: auto-generated$/m);
  });

  it("CR/LF in a subject or a name cannot add a header", async () => {
    const text = await raw(
      nodemailerMessage({
        ...base,
        subject: "Hi\r\nBcc: victim@evil.example",
        from: { name: 'Eve"\r\nBcc: x@evil.example <', address: "sales@baton.test" },
        to: "ana@northwind.example\r\nBcc: y@evil.example",
      }),
    );
    const headers = text.split(/\r?\n\r?\n/)[0];
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(
      headers!
        .split(/\r?\n/)
        .filter((l) => /^[A-Za-z-]+:/.test(l))
        .map((l) => l.split(":")[0]!.toLowerCase()),
    ).not.toContain("bcc");
  });

  it("header values lose control characters; names lose quotes and brackets", () => {
    expect(headerText("a\r\nb\u0000c\td")).toBe("a b c d");
    expect(displayName('Ana "The Boss" <Ruiz>')).toBe("Ana The Boss Ruiz");
  });

  it("threading: the parent's references plus the parent, capped at 20 keeping the first", () => {
    const refs = Array.from({ length: 30 }, (_, i) => `m${i}@x.example`);
    const t = threadingHeaders({ messageId: "p@x.example", references: refs });
    expect(t.inReplyTo).toBe("p@x.example");
    expect(t.references).toHaveLength(20);
    expect(t.references[0]).toBe("m0@x.example");
    expect(t.references.at(-1)).toBe("p@x.example");
    expect(threadingHeaders({ messageId: "not an id", references: [] })).toEqual({ inReplyTo: null, references: [] });
    expect(safeMessageId("a@b.example>\r\nBcc: x")).toBeNull();
  });

  it("reply subjects say Re: once", () => {
    expect(replySubject("Pricing")).toBe("Re: Pricing");
    expect(replySubject("RE: Pricing")).toBe("RE: Pricing");
    expect(replySubject("")).toBe("Re: Your enquiry");
  });
});
