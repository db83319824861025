/** Shapes of the HTTP API's answers (functions/Http/Contracts.cs, shared/DurableObjects.Sandbox/Api). */

export type ObjectStatus = "draft" | "deployed" | "failed" | "deprecated" | string;

export interface ApiParameter {
  name: string;
  /** JSON-friendly type: integer, number, string, boolean, any, object, array<T>, map<T>; a trailing ? = nullable. */
  type: string;
  clrType: string;
  optional: boolean;
  description?: string | null;
}

export interface ApiMethod {
  name: string;
  parameters: ApiParameter[];
  returnType: string;
  summary?: string | null;
  isStatic: boolean;
}

export interface ApiSchema {
  className: string;
  summary?: string | null;
  methods: ApiMethod[];
  testClass?: string | null;
  tests: string[];
}

export interface DeploymentInfo {
  version: number;
  contentHash: string;
  deployedAt: string;
  deployedBy: string;
}

export interface ObjectInfo {
  name: string;
  description: string;
  status: ObjectStatus;
  currentVersion: number;
  latestVersion: number;
  owner: string;
  apiSchema?: ApiSchema | null;
  createdAt: string;
  updatedAt: string;
  deployments: Record<string, DeploymentInfo>;
  lastError?: string | null;
  publicInvoke: boolean;
}

export interface SourceFileRef {
  path: string;
  [extra: string]: unknown;
}

export interface VersionInfo {
  number: number;
  summary: string;
  author: string;
  parentVersion?: number | null;
  contentHash: string;
  fileList: SourceFileRef[];
  apiSchema?: ApiSchema | null;
  createdAt: string;
  files?: Record<string, string>;
}

export interface Page<T> {
  items: T[];
  continuationToken?: string | null;
}

export interface Me {
  id: string;
  role: string;
  [extra: string]: unknown;
}

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

/** GET /health/isolation: the runner isolation in force on the host. */
export interface IsolationReport {
  status: "enforced" | "weakened" | "refused";
  networkIsolation: string;
  networkNamespace: boolean;
  networkMethod: string | null;
  dropPrivileges: string;
  hostUser: string;
  runnerUser: string;
  unprivileged: boolean;
  runnerPath: string;
  emptyEnvironment: boolean;
  limits: { heapHardLimitBytes: number; cpuTimeLimitSeconds: number; invocationTimeoutSeconds: number };
  observed: { processId: number; uid: number; gid: number; ownNetworkNamespace: boolean; cpuTimeLimit: string | null } | null;
  problems: string[];
}

/** A personal API token as GET /api/tokens lists it (shared/DurableObjects.Shared/Users/ApiTokenInfo.cs): never the token. */
export interface ApiTokenInfo {
  /** The short id: 12 hex digits of the token's SHA-256. */
  id: string;
  name: string;
  createdAt: string;
}

/** A token just made (POST /api/tokens): the only answer that ever carries the token itself. */
export interface NewApiToken {
  userId: string;
  tokenId: string;
  token: string;
}

/** A user as GET /api/users lists them (admins; shared/DurableObjects.Shared/Users/UserAccount.cs). */
export interface UserInfo {
  id: string;
  role: "viewer" | "member" | "admin" | string;
  /** Disabled by an admin: the account's tokens, phone and Slack commands are refused until it is enabled again. */
  disabled: boolean;
  createdAt: string;
  [extra: string]: unknown;
}

/** A user just made (POST /api/users) with their first token: the only answer that ever carries it. */
export interface NewUser {
  user: UserInfo;
  token: NewApiToken;
}
