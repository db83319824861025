/**
 * #/runs/{id}: one pipeline run, followed live. The event stream (GET /api/runs/{id}/events, read with fetch so the
 * bearer token goes along) only says that something changed; each change re-reads the whole run (coalesced), so the
 * page always shows the host's state. Without a stream the page polls every second until the run is final.
 */
import { api } from "../api/client";
import { describeError } from "../api/problem";
import { finalRunStatuses, type GateResult, type RunBudget, type RunDetail, type RunIteration, type RunStep } from "../api/types";
import { coalesce } from "../lib/coalesce";
import { busy, type Child, clear, errorBox, field, formatDate, h, loading, notice } from "../lib/dom";
import { judgeName, meets, scoreChart } from "../lib/score-chart";
import { readSse } from "../lib/sse";
import { runBadge, shortId } from "./runs";

export interface RunPageOptions {
  /** Polling interval when the stream is unavailable (ms). */
  pollMs?: number;
}

export const isFinal = (status: string) => finalRunStatuses.includes(status);

export const formatCost = (value: unknown) => `$${(typeof value === "number" && Number.isFinite(value) ? value : 0).toFixed(4)}`;

const count = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0).toLocaleString("en-US");

export async function renderRun(main: HTMLElement, id: string, options: RunPageOptions = {}): Promise<void> {
  const pollMs = options.pollMs ?? 1000;
  const title = `Run ${shortId(id)}`;
  // Leaving the page (any hash change) stops the stream and the polling.
  const stop = new AbortController();
  window.addEventListener("hashchange", () => stop.abort(), { once: true });

  clear(main, h("h1", {}, title), loading());
  let run: RunDetail;
  try {
    run = await api.getRun(id);
  } catch (err) {
    clear(main, h("h1", {}, title), errorBox(`Could not load the run. ${describeError(err)}`), h("p", {}, h("a", { href: "#/runs" }, "Back to the runs")));
    return;
  }
  if (stop.signal.aborted) return;

  const live = h("p", { className: "live", role: "status" });
  const line = h("p", { className: "run-line" });
  const problems = h("div", { "aria-live": "polite" });
  const content = h("div", {});

  const comment = h("input", { type: "text", name: "comment", autocomplete: "off" });
  const approve = h("button", { type: "button" }, "Approve");
  const reject = h("button", { type: "button", className: "danger" }, "Reject");
  const cancel = h("button", { type: "button", className: "secondary" }, "Cancel run");
  const decision = h("div", { className: "card decision" },
    h("p", {}, "The candidate passed the gates and the judges. Commit it?"),
    field("Comment", comment, "Optional; kept with the decision."), h("div", { className: "row" }, approve, reject));
  const actionStatus = h("div", { "aria-live": "polite" });
  const actions = h("section", { "aria-label": "Decision" }, decision, h("div", { className: "row" }, cancel), actionStatus);

  const root = h("div", {},
    h("p", { className: "crumbs" }, h("a", { href: "#/runs" }, "Runs"), " / ", shortId(id)),
    h("div", { className: "title-row" }, h("h1", {}, title), live),
    line, actions, problems, content);
  clear(main, root);

  let following = false;

  const refresh = coalesce(async () => {
    if (stop.signal.aborted) return;
    try {
      const next = await api.getRun(id);
      if (stop.signal.aborted) return;
      clear(problems);
      update(next);
    } catch (err) {
      if (!stop.signal.aborted) clear(problems, errorBox(`Could not refresh the run. ${describeError(err)}`));
    }
  });

  function update(next: RunDetail): void {
    run = next;
    if (!root.isConnected) {
      stop.abort(); // the page was replaced without a hash change
      return;
    }
    live.textContent = isFinal(run.status) ? "Finished" : "Live";
    live.className = isFinal(run.status) ? "live finished" : "live";
    clear(line, summaryLine(run));
    decision.hidden = run.status !== "awaiting_approval";
    cancel.hidden = isFinal(run.status);
    actions.hidden = decision.hidden && cancel.hidden;
    clear(content, details(run));
  }

  async function follow(): Promise<void> {
    if (following || stop.signal.aborted || isFinal(run.status)) return;
    following = true;
    try {
      let ended = false;
      try {
        const stream = await api.runEvents(id, stop.signal);
        await readSse(stream, (e) => {
          if (e.event === "end") ended = true;
          if (e.event === "step" || e.event === "status" || e.event === "end") void refresh();
        }, stop.signal);
      } catch {
        // no stream (an older host, a proxy that buffers, a dropped connection): poll instead
      }
      if (stop.signal.aborted) return;
      await refresh();
      if (!ended || !isFinal(run.status)) await poll();
    } finally {
      following = false;
    }
  }

  async function poll(): Promise<void> {
    while (!stop.signal.aborted && !isFinal(run.status)) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        stop.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve();
        }, { once: true });
      });
      if (stop.signal.aborted) return;
      await refresh();
    }
  }

  async function decide(button: HTMLButtonElement, what: string, work: () => Promise<unknown>): Promise<void> {
    clear(actionStatus);
    try {
      await busy(button, work);
      clear(actionStatus, notice(`${what}.`));
      await refresh();
      void follow(); // keep following: the run goes on to commit (and deploy), or ends
    } catch (err) {
      clear(actionStatus, errorBox(`${what} failed. ${describeError(err)}`));
    }
  }
  approve.addEventListener("click", () => void decide(approve, "Approved", () => api.approveRun(id, comment.value.trim())));
  reject.addEventListener("click", () => void decide(reject, "Rejected", () => api.rejectRun(id, comment.value.trim())));
  cancel.addEventListener("click", () => void decide(cancel, "Cancel requested", () => api.cancelRun(id)));

  update(run);
  void follow();
}

function summaryLine(run: RunDetail): Child[] {
  const parts: Child[] = [
    h("a", { href: `#/objects/${encodeURIComponent(run.objectName)}` }, run.objectName),
    " · ", run.kind, run.manual ? " (edited code)" : "",
    " · ", runBadge(run.status, { "data-testid": "run-status" }),
  ];
  if (run.currentStep && !isFinal(run.status)) parts.push(" · ", h("span", { className: "muted" }, `step ${run.currentStep}`));
  if (run.reason) parts.push(" · ", h("span", { className: "reason" }, run.reason));
  if (run.version) parts.push(" · ", h("strong", {}, `Version v${run.version}`));
  return parts;
}

function details(run: RunDetail): Child[] {
  const steps = run.steps ?? [];
  const iterations = run.iterations ?? [];
  return [
    h("dl", { className: "facts" },
      h("dt", {}, "Requested by"), h("dd", {}, run.requester ?? ""),
      run.proposedBy ? [h("dt", {}, "Proposed by"), h("dd", { "data-testid": "proposed-by" }, `${run.proposedBy}: a monitor saw repeated failures; a person must approve`)] : null,
      h("dt", {}, "Started"), h("dd", {}, formatDate(run.createdAt)),
      h("dt", {}, "Updated"), h("dd", {}, formatDate(run.updatedAt)),
      run.maxIterations ? [h("dt", {}, "Iteration budget"), h("dd", {}, String(run.maxIterations))] : null,
      run.request ? [h("dt", {}, "Request"), h("dd", { className: "request" }, run.request)] : null),
    h("h2", {}, "Steps"),
    steps.length
      ? h("ol", { className: "timeline", "aria-label": "Steps" }, steps.map(stepItem))
      : h("p", { className: "muted" }, "No step has finished yet."),
    iterations.length ? [h("h2", {}, "Iterations"), iterations.map(iterationSection)] : null,
    run.budget ? budgetSection(run.budget, run.status) : null,
    h("h2", {}, "Usage"),
    h("dl", { className: "facts usage" },
      h("dt", {}, "Input tokens"), h("dd", {}, count(run.usage?.inputTokens)),
      h("dt", {}, "Output tokens"), h("dd", {}, count(run.usage?.outputTokens)),
      h("dt", {}, "Model calls"), h("dd", {}, count(run.usage?.modelCalls)),
      h("dt", {}, "Estimated cost"), h("dd", {}, formatCost(run.usage?.estimatedCost))),
    outcome(run),
  ];
}

function stepItem(step: RunStep): HTMLElement {
  const tokens = (step.inputTokens ?? 0) + (step.outputTokens ?? 0);
  return h("li", {},
    h("strong", {}, step.name),
    step.iteration ? ` · iteration ${step.iteration}` : "",
    typeof step.durationMs === "number" ? ` · ${Math.round(step.durationMs).toLocaleString("en-US")} ms` : "",
    tokens || step.modelCalls ? ` · ${count(step.inputTokens)} in / ${count(step.outputTokens)} out tokens` : "");
}

const yesNo = (value: boolean | null | undefined) => (value === true ? "yes" : value === false ? "no" : "not decided");

function iterationSection(it: RunIteration): HTMLElement {
  const i = it.iteration;
  const files = (it.candidate?.files ?? []).filter((f): f is string => !!f);
  const tests = (it.candidate?.tests ?? []).filter((f): f is string => !!f);
  const scores = it.scores ?? [];
  const skipped = it.skippedJudges ?? [];
  const reasons = it.rejectionReasons ?? [];
  return h("section", { className: "iteration card", "aria-labelledby": `iteration-${i}-h` },
    h("h3", { id: `iteration-${i}-h` }, `Iteration ${i}`),
    it.candidate?.summary ? h("p", {}, it.candidate.summary) : null,
    it.candidate?.approach ? h("p", { className: "muted small" }, it.candidate.approach) : null,
    files.length ? h("p", { className: "small" }, "Files: ", files.map((f, n) => [n ? ", " : "", h("code", {}, f)])) : null,
    tests.length ? h("p", { className: "small" }, "Tests: ", tests.map((f, n) => [n ? ", " : "", h("code", {}, f)])) : null,
    gatesTable(it.gates ?? []),
    scores.length
      ? [scoreChart(scores, `Scores against thresholds, iteration ${i}`), scoresTable(scores, i)]
      : h("p", { className: "muted small" }, "No judge scored this candidate."),
    h("dl", { className: "facts" },
      h("dt", {}, "Combined score"), h("dd", {}, typeof it.combinedScore === "number" ? it.combinedScore.toFixed(2) : "—"),
      h("dt", {}, "Accepted"), h("dd", {}, yesNo(it.accepted))),
    skipped.length
      ? [h("p", { className: "small" }, "Skipped judges:"),
         h("ul", { className: "small" }, skipped.map((s) => h("li", {}, `${s.kind ?? "judge"}: ${s.reason ?? ""}`)))]
      : null,
    reasons.length
      ? [h("p", { className: "small" }, "Rejection reasons:"), h("ul", { className: "small" }, reasons.map((r) => h("li", {}, r)))]
      : null,
    it.feedback ? [h("p", { className: "small" }, "Feedback for the next attempt:"), h("pre", { className: "feedback", tabindex: 0 }, it.feedback)] : null,
  );
}

function gatesTable(gates: GateResult[]): HTMLElement {
  if (!gates.length) return h("p", { className: "muted small" }, "The gates have not run.");
  return h("table", { className: "gates" },
    h("caption", {}, "Gates"),
    h("thead", {}, h("tr", {}, ["Gate", "Result", "Message"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, gates.map((g) => h("tr", {},
      h("td", { "data-label": "Gate" }, g.name),
      h("td", { "data-label": "Result" }, h("span", { className: g.passed ? "pass" : "fail" }, g.passed ? "passed" : "failed")),
      h("td", { "data-label": "Message" }, g.details ?? "",
        g.diagnostics?.length ? h("ul", { className: "small diagnostics" }, g.diagnostics.map((d) => h("li", {}, h("code", {}, d)))) : null)))));
}

function scoresTable(scores: NonNullable<RunIteration["scores"]>, i: number): HTMLElement {
  return h("table", { className: "scores" },
    h("caption", {}, `Judge scores, iteration ${i}`),
    h("thead", {}, h("tr", {}, ["Judge", "Score", "Threshold", "Meets threshold", "Rationale"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, scores.map((s) => h("tr", {},
      h("td", { "data-label": "Judge" }, judgeName(s)),
      h("td", { "data-label": "Score" }, typeof s.score === "number" ? s.score.toFixed(2) : "—"),
      h("td", { "data-label": "Threshold" }, typeof s.threshold === "number" ? s.threshold.toFixed(2) : "—"),
      h("td", { "data-label": "Meets threshold" }, meets(s) ? "yes" : "no"),
      h("td", { "data-label": "Rationale" }, s.error ? h("span", { className: "fail" }, s.error) : s.rationale ?? "")))));
}

/** The run's budget: its limits, the totals against them, and the spend per item; says so when it stopped the run. */
export function budgetSection(budget: RunBudget, status: string): HTMLElement {
  const limits: string[] = [];
  if (budget.maxCost !== null && budget.maxCost !== undefined) limits.push(`cost ${formatCost(budget.cost)} of ${formatCost(budget.maxCost)}`);
  if (budget.maxTokens !== null && budget.maxTokens !== undefined) limits.push(`tokens ${count(budget.tokens)} of ${count(budget.maxTokens)}`);
  return h("section", { "aria-labelledby": "budget-h", className: "budget", "data-testid": "run-budget" },
    h("h2", { id: "budget-h" }, "Budget"),
    status === "budget-exhausted"
      ? h("p", { className: "error", role: "note" }, `Stopped: the budget is spent (${limits.join(", ")}). No further step was started.`)
      : h("p", {}, `Spent ${limits.join(", ")}${budget.exhausted ? " (spent)" : ""}.`),
    h("table", { className: "spend" },
      h("caption", { className: "sr-only" }, "Spend per item"),
      h("thead", {}, h("tr", {}, ["Item", "Count", "Tokens", "Seconds", "Cost"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, budget.items.map((i) => h("tr", {},
        h("td", { "data-label": "Item" }, i.item),
        h("td", { "data-label": "Count" }, count(i.count)),
        h("td", { "data-label": "Tokens" }, count(i.tokens)),
        h("td", { "data-label": "Seconds" }, i.seconds.toFixed(3)),
        h("td", { "data-label": "Cost" }, formatCost(i.cost)))))));
}

/** The journaled results of the last steps (approval, a skipped approval request, commit, deploy, notify), as compact JSON. */
function outcome(run: RunDetail): HTMLElement | null {
  const entries = (["approval", "approvalNotice", "commit", "deploy", "notify"] as const).filter((k) => run[k] !== undefined && run[k] !== null);
  if (!entries.length) return null;
  return h("section", { "aria-labelledby": "outcome-h" }, h("h2", { id: "outcome-h" }, "Outcome"),
    h("dl", { className: "facts" }, entries.map((k) => [h("dt", {}, k[0].toUpperCase() + k.slice(1)), h("dd", {}, h("code", { className: "json" }, JSON.stringify(run[k])))])));
}
