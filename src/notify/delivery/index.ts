/** Getting it there: the durable outbox, the channels (SMTP, Slack webhook, dry run) and the renderings. */
export { renderText, renderHtml, renderSlack, type SlackMessage } from './render/index.js';
export {
  deliverPending,
  pendingRows,
  outboxRow,
  outboxFor,
  claimRow,
  claimantGone,
  NotifyDeliveryError,
  MAX_ATTEMPTS,
  CLAIM_LEASE_MS,
  SENDER_ID,
  type OutboxRow,
  type Transport,
  type Transports,
  type DeliveryHooks,
  type DeliveryReport,
} from './outbox.js';
export { smtpTransport, type SmtpOptions } from './channels/smtp.js';
export { slackWebhookTransport, type WebhookResolver } from './channels/slack-webhook.js';
export { writeOutboxFiles, type RenderedMessage } from './channels/dry-run.js';
