import type { Language } from "@/lib/chat/agent-lines";
import { messageIdFor, sendEmail } from "@/lib/notifications/email";
import type { EmailMessage } from "@/lib/notifications/email-message";

// The email a form or email lead gets when the agent acts: a short note with the owner's prefilled
// booking link. Its Message-ID is derived from the package, so a retried send is the same message,
// and the email channel's threaded sender can take the conversation on from it.

export type BookingLinkEmailInput = { leadName: string | null; ownerName: string | null; link: string; language: Language };

export function bookingLinkEmailMessage(input: BookingLinkEmailInput): EmailMessage {
  const first = input.leadName?.trim().split(/\s+/)[0] ?? null;
  const en = input.language !== "es";
  const greeting = en ? (first ? `Hi ${first},` : "Hi,") : first ? `Hola ${first}:` : "Hola:";
  const from = input.ownerName ? (en ? `${input.ownerName} from our team` : `${input.ownerName}, de nuestro equipo`) : en ? "our team" : "nuestro equipo";
  const lines = en
    ? [
        greeting,
        "",
        "Thanks for getting in touch: what you describe is a good fit for what we do.",
        `The next step is a free diagnosis call with ${from}. You can pick a time that suits you here:`,
        "",
        input.link,
        "",
        "If none of the times work, just reply to this email.",
      ]
    : [
        greeting,
        "",
        "Gracias por escribirnos: lo que nos cuentas encaja muy bien con lo que hacemos.",
        `El siguiente paso es una llamada de diagnóstico gratuita con ${from}. Puedes elegir la hora que mejor te venga aquí:`,
        "",
        input.link,
        "",
        "Si ninguna hora te va bien, responde a este email.",
      ];
  const subject = en ? "Book your free diagnosis call" : "Reserva tu llamada de diagnóstico gratuita";
  const text = lines.join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:640px">${lines
    .filter((l) => l !== "")
    .map((l) => (l === input.link ? `<p><a href="${escapeHtml(l)}">${escapeHtml(en ? "Pick a time" : "Elegir una hora")}</a></p>` : `<p>${escapeHtml(l)}</p>`))
    .join("")}</body></html>`;
  return { subject, text, html };
}

/** The Message-ID of a package's booking-link email: the same on every retry. */
export function bookingLinkMessageId(handoffId: string, from: string): string {
  return messageIdFor(`booking-link.${handoffId}`, from);
}

/** Sends the booking-link email over the SMTP connection Baton already has (notifications, approvals). */
export async function sendBookingLinkEmail(input: {
  smtp: { url: string; from: string };
  to: string;
  handoffId: string;
  message: EmailMessage;
}): Promise<{ messageId: string }> {
  const messageId = bookingLinkMessageId(input.handoffId, input.smtp.from);
  const sent = await sendEmail({ smtpUrl: input.smtp.url, from: input.smtp.from, to: input.to, messageId, message: input.message });
  return { messageId: sent.ref };
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
