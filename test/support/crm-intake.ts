import { insertApiKey } from "@/db/queries/intake";
import { generateApiKey } from "@/lib/intake/credentials";
import { handleIntake } from "@/lib/intake/handle-intake";
import { logger } from "@/lib/logger";

const QUOTE = "We get 500 leads a month from forms and need an AI agent to qualify them and send a quote within two weeks.";

/** A key for a team's forms, and a function that sends one form lead through the real intake path. */
export async function formIntake(teamId: string) {
  const generated = generateApiKey();
  await insertApiKey({ name: `Forms ${generated.prefix}`, prefix: generated.prefix, keyHash: generated.hash, teamId });
  return async function send(options: { externalId: string; email: string; company?: string; name?: [string, string]; message?: string }): Promise<string> {
    const [first, last] = options.name ?? ["Ines", "Marsh"];
    const reply = await handleIntake(
      {
        headers: new Headers({ authorization: `Bearer ${generated.key}` }),
        body: JSON.stringify({
          externalId: options.externalId,
          channel: "form",
          receivedAt: "2026-11-20T10:15:00Z",
          source: { url: "https://example.com/audit", pageName: "Sales audit", campaign: "q4-audit" },
          fields: [
            { name: "firstname", value: first },
            { name: "lastname", value: last },
            { name: "email", value: options.email },
            { name: "company", value: options.company ?? "Harbourline" },
            { name: "numemployees", value: "51-200" },
            { name: "message", value: options.message ?? QUOTE },
          ],
        }),
      },
      { log: logger },
    );
    if (reply.status !== 200) throw new Error(`intake refused: ${JSON.stringify(reply.body)}`);
    return reply.body.handoffId as string;
  };
}
