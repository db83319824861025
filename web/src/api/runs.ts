/** Runs: tickets, listings, details, steps, gates, judges' scores and budgets. */

/** Wire names of a run's status (orchestrations/Runs/RunStatuses.cs). */
export type RunStatus = "running" | "awaiting_approval" | "succeeded" | "rejected" | "failed" | "cancelled" | string;

export const finalRunStatuses = ["succeeded", "rejected", "failed", "cancelled", "budget-exhausted"];

/** A started run (202 from POST …/modifications, /from-scratch, /approve, /reject, /cancel). */
export interface RunTicket {
  runId: string;
  objectName: string;
  statusUrl: string;
  eventsUrl: string;
}

/** A run in a listing, and the payload of its `status` and `end` events (RunResponses.Summary). */
export interface RunSummary {
  runId: string;
  kind: "modification" | "creation" | string;
  objectName: string;
  status: RunStatus;
  currentStep?: string | null;
  reason?: string | null;
  version?: number | null;
  manual?: boolean;
  requester?: string;
  createdAt: string;
  updatedAt: string;
  statusUrl?: string;
}

/** One journaled step (RunResponses.Step); also the payload of a `step` event. */
export interface RunStep {
  sequence: number;
  name: string;
  iteration?: number | null;
  startedAt?: string;
  completedAt?: string;
  durationMs?: number | null;
  inputTokens?: number | null;
  outputTokens?: number | null;
  modelCalls?: number | null;
}

/** A verifiable gate's outcome (shared/DurableObjects.AI/Rewards/GateResult.cs). */
export interface GateResult {
  name: string;
  passed: boolean;
  details?: string | null;
  diagnostics?: string[] | null;
}

/** A judge's verdict with the threshold it was measured against (RunResponses.Scores). */
export interface JudgeScore {
  name?: string;
  kind?: string;
  score: number;
  threshold?: number | null;
  meetsThreshold?: boolean;
  rationale?: string | null;
  issues?: string[] | null;
  error?: string | null;
  [extra: string]: unknown;
}

export interface SkippedJudge {
  kind?: string;
  reason?: string;
  causedByGateFailure?: boolean;
}

export interface RunIteration {
  iteration: number;
  candidate?: { summary?: string | null; approach?: string | null; risks?: unknown; files?: (string | null)[] | null; tests?: (string | null)[] | null } | null;
  gates?: GateResult[] | null;
  gateTimings?: { compileMs?: number | null; testsMs?: number | null } | null;
  accepted?: boolean | null;
  combinedScore?: number | null;
  thresholds?: Record<string, number> | null;
  scores?: JudgeScore[] | null;
  skippedJudges?: SkippedJudge[] | null;
  rejectionReasons?: string[] | null;
  feedback?: string | null;
}

export interface RunUsage {
  inputTokens?: number;
  outputTokens?: number;
  estimatedCost?: number;
  modelCalls?: number;
}

/** GET /api/runs/{id} (RunResponses.Full). */
export interface RunDetail extends RunSummary {
  request?: string | null;
  maxIterations?: number;
  usage?: RunUsage | null;
  steps?: RunStep[] | null;
  plan?: unknown;
  iterations?: RunIteration[] | null;
  approval?: unknown;
  commit?: unknown;
  deploy?: unknown;
  notify?: unknown;
  /** Only when the approval request was not posted to a disabled requester (functions/Http/RunDetailsResponse.cs). */
  approvalNotice?: unknown;
  /** The run's budget and spend per item (functions/Http/RunBudgetResponse.cs); null when the run has none. */
  budget?: RunBudget | null;
  /** What proposed the run when a monitor did (functions/Http/RunDetailsResponse.cs). */
  proposedBy?: string | null;
}

/** One item of a run's spend: model calls, sandbox seconds of gates and tests, or mutation checks. */
export interface SpendItem {
  item: string;
  count: number;
  tokens: number;
  seconds: number;
  cost: number;
}

/** A run's budget (null limit = none of that kind) and what it has spent. */
export interface RunBudget {
  maxCost?: number | null;
  maxTokens?: number | null;
  cost: number;
  tokens: number;
  exhausted: boolean;
  items: SpendItem[];
}
