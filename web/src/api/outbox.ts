/** Undelivered messages and the channels the outbox can be filtered by. */

/** An undelivered message (functions/Http/OutboxApi.cs, OutboxItemResponse). */
export interface OutboxItem {
  id: string;
  createdAt: string;
  channel: string;
  target: string;
  subject?: string;
  text?: string;
  html?: string | null;
  links?: unknown[];
  correlationId?: string;
  reason?: string;
  detail?: string;
}

/** The channels the outbox can be filtered by (OutboxApi). */
export const outboxChannels = ["sms", "voice", "email", "slack", "github"];
