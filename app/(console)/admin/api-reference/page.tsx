import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { openApiDocument } from "@/lib/api/openapi";
import { pageActorWith } from "../../page-actor";

export const metadata: Metadata = { title: "API reference" };

type Operation = {
  operationId: string;
  summary: string;
  security: { apiKey: string[] }[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema: unknown }[];
  requestBody?: { content: Record<string, { schema: { $ref: string } }> };
  responses: Record<string, { description: string }>;
};

export default async function ApiReferencePage() {
  await pageActorWith("admin.manage");
  const doc = openApiDocument();
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  const schemaName = (ref: string) => ref.split("/").at(-1)!;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">API reference</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          {doc.info.description} The machine-readable document is{" "}
          <a className="text-brand-700 underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1); keys and their scopes are made on{" "}
          <a className="text-brand-700 underline" href="/admin/api-keys">
            API keys
          </a>
          .
        </p>
      </div>
      {operations.map(({ path, method, op }) => (
        <Card key={op.operationId} data-testid="api-operation">
          <CardHeader title={`${method} ${path}`} description={`${op.summary} · scope ${op.security[0]!.apiKey.join(", ")}`} />
          <CardBody className="space-y-2 text-sm">
            {op.parameters?.length ? (
              <ul className="space-y-0.5">
                {op.parameters.map((p) => (
                  <li key={`${p.in}-${p.name}`}>
                    <code className="font-mono text-xs">{p.name}</code>{" "}
                    <span className="text-xs text-slate-500">
                      ({p.in}
                      {p.required ? ", required" : ""})
                    </span>
                    {p.description ? <span className="text-slate-600"> {p.description}</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {op.requestBody ? (
              <details>
                <summary className="cursor-pointer text-slate-700">Body: {schemaName(Object.values(op.requestBody.content)[0]!.schema.$ref)}</summary>
                <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs">
                  {JSON.stringify(doc.components.schemas[schemaName(Object.values(op.requestBody.content)[0]!.schema.$ref)], null, 2)}
                </pre>
              </details>
            ) : null}
            <p className="text-xs text-slate-600">
              {Object.entries(op.responses)
                .map(([status, r]) => `${status} ${r.description}`)
                .join(" · ")}
            </p>
          </CardBody>
        </Card>
      ))}
    </div>
  );
}
