/** Monitors and the channels and actions they may use. */

/** A monitor as GET /api/monitors shows it (orchestrations/Monitors/MonitorInfo.cs). */
export interface MonitorInfo {
  id: string;
  owner: string;
  name: string;
  eventType: string;
  subject?: string | null;
  conditions?: Record<string, string>;
  channel: string;
  target?: string | null;
  rateLimitPerHour?: number | null;
  quietHours?: string | null;
  timeZone?: string;
  schedule?: string | null;
  enabled: boolean;
  createdAt?: string;
  updatedAt?: string;
  watermark?: string;
  sending?: boolean;
  lastFiredAt?: string | null;
  firedCount?: number;
  lastRunAt?: string | null;
  lastError?: string | null;
  /** notify, propose or both (MonitorActions). */
  action?: string;
  proposeAfter?: number;
}

/** POST /api/monitors (orchestrations/Monitors/MonitorDefinition.cs); unset fields take defaults. */
export interface MonitorDefinition {
  name?: string;
  eventType: string;
  subject?: string;
  channel?: string;
  target?: string;
  schedule?: string;
  action?: string;
  proposeAfter?: number;
}

/** The channels a monitor may use (MonitorValidator). */
export const monitorChannels = ["sms", "voice", "email", "slack"];

/** What a monitor does with matching events (MonitorActions): send a message, propose a change, or both. */
export const monitorActions = ["notify", "propose", "both"];
