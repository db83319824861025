/** Audit events and the decision chain. */

/** An audit event (shared/DurableObjects.Shared/Audit/AuditEvent.cs). */
export interface AuditEvent {
  id: string;
  type: string;
  subject: string;
  actor: string;
  time: string;
  data?: Record<string, string> | null;
}

/** One record of the decision chain (shared/DurableObjects.Shared/Audit/Chain/ChainRecord.cs). */
export interface ChainRecord {
  sequence: number;
  key: string;
  type: string;
  subject: string;
  actor: string;
  time: string;
  /** What the decision rested on, as canonical JSON. */
  detailsJson: string;
  previousHash: string;
  hash: string;
}

/** GET /api/audit/verify (shared/DurableObjects.Shared/Audit/Chain/ChainVerification.cs). */
export interface ChainVerification {
  intact: boolean;
  records: number;
  headHash?: string | null;
  brokenAt?: number | null;
  brokenKey?: string | null;
  reason?: string | null;
}
