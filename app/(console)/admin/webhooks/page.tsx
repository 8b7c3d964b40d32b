import type { Metadata } from "next";
import { ActionButton } from "@/components/admin/action-button";
import { CreateWebhookForm, RotateSecretButton } from "@/components/admin/webhook-forms";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { listWebhookDeliveries, listWebhookEndpoints } from "@/db/queries/webhooks";
import { formatDateTime } from "@/lib/format";
import { webhookEventLabels, webhookEventTypes } from "@/lib/webhooks/events";
import { pageActorWith } from "../../page-actor";
import {
  createWebhookEndpointAction,
  deleteWebhookEndpointAction,
  redeliverWebhookAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  updateWebhookEndpointAction,
} from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

const statusTone = { delivered: "green", pending: "amber", waiting: "slate", failed: "red" } as const;

export default async function WebhooksPage() {
  await pageActorWith("admin.manage");
  const endpoints = await listWebhookEndpoints();
  const logs = await Promise.all(endpoints.map((e) => listWebhookDeliveries({ endpointId: e.id, limit: 20 })));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Webhooks</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Baton POSTs events to these URLs, signed as Standard Webhooks (<code className="font-mono text-xs">webhook-id</code>,{" "}
          <code className="font-mono text-xs">webhook-timestamp</code>, <code className="font-mono text-xs">webhook-signature</code>). A failed delivery is
          retried for about a day; an endpoint that answers 410, or fails for days, is switched off and the admins told. Addresses inside Baton&apos;s own
          network are refused. Examples for n8n: <code className="font-mono text-xs">docs/n8n/</code>.
        </p>
      </div>
      <Card>
        <CardHeader title="Add an endpoint" />
        <CardBody>
          <CreateWebhookForm action={createWebhookEndpointAction} events={webhookEventTypes.map((value) => ({ value, label: webhookEventLabels[value] }))} />
        </CardBody>
      </Card>
      {endpoints.length === 0 ? (
        <Card>
          <CardBody>
            <p className="text-sm text-slate-500">No endpoints yet.</p>
          </CardBody>
        </Card>
      ) : null}
      {endpoints.map((endpoint, i) => (
        <Card key={endpoint.id} data-testid="webhook-endpoint" data-name={endpoint.name}>
          <CardHeader title={endpoint.name} description={endpoint.url} />
          <CardBody className="space-y-3">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              {endpoint.enabled ? <Badge tone="green">On</Badge> : <Badge tone="red">Off{endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ""}</Badge>}
              {endpoint.rotating ? <Badge tone="amber">Two secrets sign until {formatDateTime(endpoint.previousSecretExpiresAt!)}</Badge> : null}
              {endpoint.failingSince ? <Badge tone="amber">Failing since {formatDateTime(endpoint.failingSince)}</Badge> : null}
              <span className="text-xs text-slate-500">{endpoint.events.join(", ")}</span>
            </div>
            <div className="flex flex-wrap items-start gap-2">
              <ActionButton
                action={sendTestWebhookAction}
                fields={{ id: endpoint.id }}
                success="Test event queued."
                aria-label={`Send a test event to ${endpoint.name}`}
              >
                Send a test event
              </ActionButton>
              <ActionButton
                action={updateWebhookEndpointAction}
                fields={{ id: endpoint.id, enabled: endpoint.enabled ? "false" : "true" }}
                success={endpoint.enabled ? "Switched off." : "Switched on."}
              >
                {endpoint.enabled ? "Switch off" : "Switch on"}
              </ActionButton>
              <RotateSecretButton action={rotateWebhookSecretAction} id={endpoint.id} name={endpoint.name} />
              <ActionButton
                action={deleteWebhookEndpointAction}
                fields={{ id: endpoint.id }}
                success="Endpoint deleted."
                variant="danger-outline"
                confirm={`Delete "${endpoint.name}" and its delivery log?`}
              >
                Delete
              </ActionButton>
            </div>
            <table className="w-full text-left text-xs" data-testid="webhook-delivery-log">
              <caption className="sr-only">Deliveries to {endpoint.name}</caption>
              <thead className="text-slate-500">
                <tr>
                  <th className="py-1 pr-3 font-medium">Event</th>
                  <th className="py-1 pr-3 font-medium">Status</th>
                  <th className="py-1 pr-3 font-medium">Last attempt</th>
                  <th className="py-1 pr-3 font-medium">Code</th>
                  <th className="py-1 pr-3 font-medium">Answer</th>
                  <th className="py-1 font-medium">
                    <span className="sr-only">Redeliver</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {logs[i]!.map((d) => (
                  <tr key={d.id}>
                    <td className="py-1 pr-3 font-mono">{d.eventType}</td>
                    <td className="py-1 pr-3">
                      <Badge tone={statusTone[d.status]}>
                        {d.status}
                        {d.attempts > 1 ? ` · ${d.attempts} attempts` : ""}
                      </Badge>
                      {d.nextAttemptAt ? <span className="ml-1 text-slate-500">next {formatDateTime(d.nextAttemptAt)}</span> : null}
                    </td>
                    <td className="py-1 pr-3">{d.lastAttemptAt ? formatDateTime(d.lastAttemptAt) : "—"}</td>
                    <td className="py-1 pr-3">{d.lastStatusCode ?? "—"}</td>
                    <td className="max-w-xs truncate py-1 pr-3" title={d.lastResponse ?? undefined}>
                      {d.lastResponse ?? ""}
                    </td>
                    <td className="py-1">
                      <ActionButton
                        action={redeliverWebhookAction}
                        fields={{ deliveryId: d.id }}
                        success="Queued again."
                        aria-label={`Redeliver ${d.eventType}`}
                      >
                        Redeliver
                      </ActionButton>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardBody>
        </Card>
      ))}
    </div>
  );
}
