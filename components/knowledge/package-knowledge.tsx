import { ActionButton } from "@/components/admin/action-button";
import type { FormAction } from "@/components/admin/action-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { KnowledgeAnswerRow } from "@/db/schema/knowledge";

/** What the knowledge base answered this lead, and by which article; the owner can mark an answer wrong in one click. */
export function PackageKnowledge({ answers, markWrong, mayAct }: { answers: KnowledgeAnswerRow[]; markWrong: FormAction<unknown>; mayAct: boolean }) {
  if (!answers.length) return null;
  return (
    <Card aria-labelledby="knowledge-heading">
      <CardHeader
        id="knowledge-heading"
        title="Questions the agent answered"
        description="From the knowledge base; an answer marked wrong counts against its article."
      />
      <CardBody>
        <ul className="space-y-3" data-testid="knowledge-answers">
          {answers.map((a) => (
            <li key={a.id} className="text-sm" data-testid="knowledge-answer" data-outcome={a.outcome}>
              <p className="text-slate-900">&ldquo;{a.question}&rdquo;</p>
              <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                {a.outcome === "answered" ? (
                  <>
                    <span>
                      Answered from &ldquo;{a.articleTitle}&rdquo; (v{a.articleVersion})
                    </span>
                    {a.markedWrongAt ? (
                      <Badge tone="red">Marked wrong</Badge>
                    ) : mayAct ? (
                      <ActionButton
                        action={markWrong}
                        fields={{ answerId: a.id }}
                        success="Marked wrong: the article's count shows it."
                        variant="ghost"
                        aria-label={`Answer was wrong: ${a.question}`}
                      >
                        Answer was wrong
                      </ActionButton>
                    ) : null}
                  </>
                ) : a.outcome === "never_answer" ? (
                  <Badge tone="amber">Not answered: {a.topic ?? "limit"} (a person answers)</Badge>
                ) : (
                  <Badge tone="slate">Not answered: no confident answer</Badge>
                )}
              </div>
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}
