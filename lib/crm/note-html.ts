import type { NoteSection } from "@/lib/crm/plan-sync";

/** The note as the HTML HubSpot shows in hs_note_body. Lead text is escaped: it is data, never markup. */
export function noteHtml(title: string, sections: NoteSection[]): string {
  const parts = [`<p><strong>${escapeHtml(title)}</strong></p>`];
  for (const section of sections) {
    parts.push(`<p><strong>${escapeHtml(section.heading)}</strong></p>`);
    parts.push(
      section.lines.length === 1 ? `<p>${escapeHtml(section.lines[0]!)}</p>` : `<ul>${section.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`,
    );
  }
  return parts.join("");
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
