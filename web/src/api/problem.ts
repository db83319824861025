/** RFC 7807 problem answers → an error with a message in plain words. Pure: no DOM, no fetch. */

export interface ProblemBody {
  type?: string;
  title?: string;
  detail?: string;
  status?: number;
  errors?: Record<string, string[] | string>;
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly problem: ProblemBody | undefined,
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = "ApiError";
  }
}

const fallbackTitles: Record<number, string> = {
  0: "The server could not be reached",
  400: "The request was not valid",
  401: "Sign in again: the token is missing, wrong or revoked",
  403: "You are not allowed to do that",
  404: "Not found",
  409: "That conflicts with the current state",
  412: "Someone else changed it first; reload and try again",
  413: "The request is too large",
  422: "The server could not accept it",
  429: "Too many requests; wait a moment and try again",
  500: "The server failed",
  502: "The server is unreachable",
  503: "The service is unavailable right now",
  504: "It took too long and was stopped",
};

function isProblem(body: unknown): body is ProblemBody {
  return typeof body === "object" && body !== null && !Array.isArray(body) &&
    ("title" in body || "detail" in body || "errors" in body);
}

/** Turns an HTTP status and a parsed body (problem JSON, plain text or nothing) into an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  const fallback = fallbackTitles[status] ?? (status >= 500 ? "The server failed" : `The request failed (HTTP ${status})`);
  if (isProblem(body)) {
    const title = typeof body.title === "string" && body.title.trim() ? body.title.trim() : fallback;
    const parts: string[] = [];
    if (typeof body.detail === "string" && body.detail.trim() && body.detail.trim() !== title) parts.push(body.detail.trim());
    if (body.errors && typeof body.errors === "object") {
      for (const [field, messages] of Object.entries(body.errors)) {
        const list = Array.isArray(messages) ? messages : [String(messages)];
        for (const m of list) {
          const line = field ? `${field}: ${m}` : String(m);
          // The host's detail often already lists the field errors; don't repeat them.
          if (!parts.some((p) => p.includes(line) || p.includes(String(m)))) parts.push(line);
        }
      }
    }
    if (typeof body.exceptionType === "string") parts.push(`(${body.exceptionType})`);
    return new ApiError(status, title, parts.length ? parts.join(" ") : undefined, body);
  }
  if (typeof body === "string" && body.trim()) {
    const text = body.trim();
    return new ApiError(status, fallback, text.length > 500 ? text.slice(0, 500) + "…" : text, undefined);
  }
  return new ApiError(status, fallback, undefined, undefined);
}

/** A message in plain words for anything thrown. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return `${fallbackTitles[0]}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
