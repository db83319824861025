/** A typed client for the HTTP API: bearer token from sessionStorage, JSON in and out, problems → ApiError. */
import { ApiError, toApiError } from "./problem";
import type {
  ApiTokenInfo, AuditEvent, ChainRecord, ChainVerification, IsolationReport, Me, MonitorDefinition, MonitorInfo, NewApiToken, NewUser, ObjectInfo, OutboxItem,
  Page, RunDetail, RunSummary, RunTicket, UserInfo, VersionInfo,
} from "./types";

const tokenKey = "durableobjects.token";
const roleKey = "durableobjects.role";

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(tokenKey);
  },
  /** The signed-in user's role as last read (GET /api/me), for the navigation only: the host decides what is allowed. */
  get role(): string | null {
    return sessionStorage.getItem(roleKey);
  },
  set(token: string, role?: string): void {
    sessionStorage.setItem(tokenKey, token);
    if (role) sessionStorage.setItem(roleKey, role);
    else sessionStorage.removeItem(roleKey);
  },
  setRole(role: string): void {
    sessionStorage.setItem(roleKey, role);
  },
  clear(): void {
    sessionStorage.removeItem(tokenKey);
    sessionStorage.removeItem(roleKey);
  },
};

/** Called on 401 with the host's answer: the app sends the user back to sign-in. */
let onUnauthorized: (error: ApiError) => void = () => {};
export function setUnauthorizedHandler(handler: (error: ApiError) => void): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Use this token instead of the stored one (sign-in check). */
  token?: string;
  accept?: string;
  signal?: AbortSignal;
  /**
   * Sent as `Idempotency-Key` (one per user action, see newIdempotencyKey): the host runs the request once and answers
   * a retry with the first answer. Keyed requests are retried here on 503 (storage unavailable) and 409 (in progress)
   * answers that carry Retry-After, and on network errors, waiting `Retry-After` (at most 5 s), up to `retries` times.
   */
  idempotencyKey?: string;
  retries?: number;
}

/** A fresh Idempotency-Key for one user action (a UUID). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

/** Seconds to wait before retrying a keyed request, from Retry-After (capped at 5 s; 1 s when absent). */
export function retryDelayMs(retryAfter: string | null): number {
  const seconds = Number(retryAfter);
  return Math.min(5, Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** Sends the request; a failed answer (read whole) becomes an ApiError, and a 401 sends the user to sign-in. */
async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? "application/json, application/problem+json" };
  const token = options.token ?? session.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  let retries = options.idempotencyKey ? options.retries ?? 3 : 0;
  let response: Response;
  for (;;) {
    try {
      response = await fetch(path, {
        method: options.method ?? (options.body === undefined ? "GET" : "POST"),
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (e) {
      if (options.signal?.aborted) throw e;
      if (retries-- > 0) {
        await sleep(1000);
        continue;
      }
      throw toApiError(0, e instanceof Error ? e.message : String(e));
    }
    // Same key, so safe: the host answers what the first attempt did, or runs it if it never ran.
    // Only answers that say when to come back (Retry-After): storage unavailable, the first attempt still running.
    // A 503 without it (no model configured, say) is final.
    if ((response.status === 503 || response.status === 409) && response.headers.get("retry-after") && retries-- > 0) {
      await sleep(retryDelayMs(response.headers.get("retry-after")));
      continue;
    }
    break;
  }
  if (!response.ok) {
    const error = toApiError(response.status, await readBody(response));
    if (response.status === 401 && options.token === undefined) {
      session.clear();
      onUnauthorized(error);
    }
    throw error;
  }
  return response;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await readBody(await send(path, options))) as T;
}

/**
 * Opens a server-sent event stream with fetch, not EventSource: EventSource cannot send the bearer token.
 * The caller reads the body (lib/sse.ts) and aborts with `signal`.
 */
export async function openEventStream(path: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const response = await send(path, { accept: "text/event-stream, application/problem+json", signal });
  if (!response.body) throw toApiError(response.status, "The server sent no event stream.");
  return response.body;
}

const enc = encodeURIComponent;
const obj = (name: string) => `/api/objects/${enc(name)}`;

export const api = {
  me: (token?: string) => request<Me>("/api/me", { token }),
  listTokens: () => request<{ items: ApiTokenInfo[] }>("/api/tokens"),
  /** A new personal token; its value is in this answer only. Keyed: a retry after a lost answer revokes the lost token. */
  createToken: (name?: string) => request<NewApiToken>("/api/tokens", { body: { name: name || null }, idempotencyKey: newIdempotencyKey() }),
  revokeToken: (id: string) => request<void>(`/api/tokens/${enc(id)}`, { method: "DELETE", idempotencyKey: newIdempotencyKey() }),
  /** Admins: every user, with their role and whether their account is disabled. */
  listUsers: () => request<UserInfo[]>("/api/users"),
  /** Admins: a new user and their first token, whose value is in this answer only. */
  createUser: (name: string, role: string) => request<NewUser>("/api/users", { body: { name, role }, idempotencyKey: newIdempotencyKey() }),
  /** Admins: change a user's role or disable / enable their account (not your own). Keyed: one key per change, so a retry replays its answer. */
  updateUser: (id: string, change: { role?: string; disabled?: boolean }) =>
    request<UserInfo>(`/api/users/${enc(id)}`, { method: "PATCH", body: change, idempotencyKey: newIdempotencyKey() }),
  listObjects: (continuationToken?: string, status?: string) =>
    request<Page<ObjectInfo>>(`/api/objects?pageSize=200${status ? `&status=${enc(status)}` : ""}${continuationToken ? `&continuationToken=${enc(continuationToken)}` : ""}`),
  getObject: (name: string) => request<ObjectInfo>(obj(name)),
  createObject: (body: { name: string; description: string; files: Record<string, string>; summary?: string }) =>
    request<ObjectInfo>("/api/objects", { body, idempotencyKey: newIdempotencyKey() }),
  /** Every version, newest first (follows continuation tokens, 200 a page, up to 2,000). */
  listVersions: (name: string) => collect<VersionInfo>((token) =>
    request<Page<VersionInfo>>(`${obj(name)}/versions?pageSize=200${token ? `&continuationToken=${enc(token)}` : ""}`), 2000),
  updateObject: (name: string, body: { description?: string; publicInvoke?: boolean }) =>
    request<ObjectInfo>(obj(name), { method: "PATCH", body, idempotencyKey: newIdempotencyKey() }),
  deprecate: (name: string) => request<ObjectInfo>(`${obj(name)}/deprecate`, { method: "POST", idempotencyKey: newIdempotencyKey() }),
  addVersion: (name: string, body: { files: Record<string, string>; summary?: string }) =>
    request<VersionInfo>(`${obj(name)}/versions`, { body, idempotencyKey: newIdempotencyKey() }),
  getVersion: (name: string, version: number) => request<VersionInfo>(`${obj(name)}/versions/${version}`),
  diff: (name: string, from: number, to: number) =>
    request<string>(`${obj(name)}/diff?from=${from}&to=${to}`, { accept: "text/x-diff, text/plain, application/problem+json" }),
  deploy: (name: string, environment: string, version?: number) =>
    request<ObjectInfo>(`${obj(name)}/deploy`, { body: version === undefined ? { environment } : { environment, version }, idempotencyKey: newIdempotencyKey() }),
  promote: (name: string, from: string) => request<ObjectInfo>(`${obj(name)}/promote`, { body: { from }, idempotencyKey: newIdempotencyKey() }),
  rollback: (name: string, version: number) => request<ObjectInfo>(`${obj(name)}/rollback`, { body: { version }, idempotencyKey: newIdempotencyKey() }),
  invoke: (name: string, method: string, args: Record<string, unknown>, environment?: string) =>
    request<unknown>(`${obj(name)}/invoke/${enc(method)}${environment ? `?environment=${enc(environment)}` : ""}`, { body: args }),

  /** A modification run: a prompt (needs a model) or edited files with a summary. */
  modify: (name: string, body: { prompt?: string; files?: Record<string, string>; summary?: string; requireApproval: boolean; deploy: boolean }) =>
    request<RunTicket>(`${obj(name)}/modifications`, { body, idempotencyKey: newIdempotencyKey() }),
  createFromScratch: (body: { name: string; description: string; requirements: string; requireApproval: boolean }) =>
    request<RunTicket>("/api/objects/from-scratch", { body, idempotencyKey: newIdempotencyKey() }),
  listRuns: (objectName?: string, limit = 100) =>
    request<Page<RunSummary>>(`/api/runs?limit=${limit}${objectName ? `&object=${enc(objectName)}` : ""}`),
  getRun: (id: string) => request<RunDetail>(`/api/runs/${enc(id)}`),
  runEvents: (id: string, signal: AbortSignal) => openEventStream(`/api/runs/${enc(id)}/events`, signal),
  approveRun: (id: string, comment?: string) =>
    request<RunTicket>(`/api/runs/${enc(id)}/approve`, { body: { comment: comment || null }, idempotencyKey: newIdempotencyKey() }),
  rejectRun: (id: string, comment?: string) =>
    request<RunTicket>(`/api/runs/${enc(id)}/reject`, { body: { comment: comment || null }, idempotencyKey: newIdempotencyKey() }),
  cancelRun: (id: string) => request<RunTicket>(`/api/runs/${enc(id)}/cancel`, { method: "POST", idempotencyKey: newIdempotencyKey() }),

  listMonitors: () => request<{ items: MonitorInfo[] }>("/api/monitors"),
  createMonitor: (body: MonitorDefinition) => request<MonitorInfo>("/api/monitors", { body, idempotencyKey: newIdempotencyKey() }),
  setMonitorEnabled: (id: string, enabled: boolean) =>
    request<MonitorInfo>(`/api/monitors/${enc(id)}/${enabled ? "enable" : "disable"}`, { method: "POST", idempotencyKey: newIdempotencyKey() }),
  deleteMonitor: (id: string) => request<void>(`/api/monitors/${enc(id)}`, { method: "DELETE", idempotencyKey: newIdempotencyKey() }),

  /** The runner isolation in force (anonymous health endpoint). */
  isolation: () => request<IsolationReport>("/health/isolation"),

  listEvents: (filter: { type?: string; subject?: string }, continuationToken?: string, pageSize = 50) =>
    request<Page<AuditEvent>>(`/api/events?pageSize=${pageSize}${query(filter)}${continuationToken ? `&continuationToken=${enc(continuationToken)}` : ""}`),
  verifyChain: () => request<ChainVerification>("/api/audit/verify"),
  listChain: (continuationToken?: string, pageSize = 50) =>
    request<Page<ChainRecord>>(`/api/audit/chain?pageSize=${pageSize}${continuationToken ? `&continuationToken=${enc(continuationToken)}` : ""}`),
  listOutbox: (channel?: string, continuationToken?: string, pageSize = 50) =>
    request<Page<OutboxItem>>(`/api/outbox?pageSize=${pageSize}${query({ channel })}${continuationToken ? `&continuationToken=${enc(continuationToken)}` : ""}`),
};

/** `&key=value` for each non-empty value. */
function query(values: Record<string, string | undefined>): string {
  return Object.entries(values).filter(([, v]) => v).map(([k, v]) => `&${k}=${enc(v!)}`).join("");
}

/** Reads pages until there is no continuation token or `limit` items are in. */
export async function collect<T>(page: (token?: string) => Promise<Page<T> | T[]>, limit: number): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const p = await page(token);
    all.push(...itemsOf(p));
    token = Array.isArray(p) ? undefined : p.continuationToken ?? undefined;
  } while (token && all.length < limit);
  return all;
}

/** Listings answer a page ({items, continuationToken}); accept a bare array too. */
export function itemsOf<T>(value: Page<T> | T[]): T[] {
  return Array.isArray(value) ? value : value?.items ?? [];
}

export { ApiError };
