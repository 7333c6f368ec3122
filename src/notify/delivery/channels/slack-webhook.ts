/** Slack incoming webhooks: POST the Block Kit payload. The webhook URL is a secret: it is never logged or stored. */
import { NotifyDeliveryError, type OutboxRow, type Transport } from '../outbox.js';

/** recipient key (`slack:<owner id>`) → webhook URL, or null when none is configured. */
export type WebhookResolver = (recipient: string) => string | null;

export function slackWebhookTransport(resolve: WebhookResolver, opts: { timeoutMs?: number } = {}): Transport {
  return {
    async send(m: OutboxRow) {
      const url = resolve(m.recipient);
      if (!url)
        throw new NotifyDeliveryError(
          `no Slack webhook for ${m.recipient}`,
          'Set MIS_SLACK_WEBHOOK_URL (or notify.slack.byOwnerEnv in mis.config.json), or use email for this person.',
        );
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(m.slack),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
        });
      } catch (e) {
        throw new NotifyDeliveryError(
          `Slack webhook unreachable for message ${m.id}: ${(e as Error).message}`,
          'Check the network and the webhook variable; the message stays in the outbox and is retried on the next `mis notify`.',
          e,
        );
      }
      const body = (await res.text()).slice(0, 200);
      if (!res.ok)
        throw new NotifyDeliveryError(
          `Slack webhook answered ${res.status} for message ${m.id}: ${body}`,
          'A 404/403 means the webhook was revoked: create a new one and update the variable. The message stays in the outbox.',
        );
      return { providerId: null };
    },
  };
}
