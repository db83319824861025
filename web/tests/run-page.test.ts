// @vitest-environment happy-dom
/** The run page (#/runs/{id}) and the runs list over a fake host: live progress from the event stream, polling fallback, decisions. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { session } from "../src/api/client";
import { renderRun } from "../src/pages/run";
import { renderRuns } from "../src/pages/runs";

const id = "0196f3a2b4c57d8e9f0a1b2c3d4e5f60";
const step = (sequence: number, name: string, iteration = 0, extra: object = {}) => ({
  sequence, name, iteration, startedAt: "2026-11-24T07:34:20Z", completedAt: "2026-11-24T07:34:21Z", durationMs: 1234.5,
  inputTokens: 0, outputTokens: 0, modelCalls: 0, ...extra,
});
const iteration = {
  iteration: 1,
  candidate: { summary: "Adds Subtract", approach: "A new method", risks: null, files: ["Calculator.cs"], tests: ["CalculatorTests.cs"] },
  gates: [
    { name: "compile", passed: true, details: "passed", diagnostics: [] },
    { name: "tests", passed: false, details: "1 of 3 tests failed", diagnostics: ["Subtract_Works: expected 1, got -1"] },
  ],
  gateTimings: { compileMs: 800, testsMs: 1200 },
  accepted: false, combinedScore: 0.4567,
  thresholds: { constraint: 0.7, factuality: 0.8, preference: 0.6 },
  scores: [
    { name: "constraint", kind: "Constraint", score: 0.9, rationale: "All constraints met", threshold: 0.7, meetsThreshold: true },
    { name: "preference", kind: "Preference", score: 0.5, rationale: "Verbose", threshold: 0.6, meetsThreshold: false },
  ],
  skippedJudges: [{ kind: "Factuality", reason: "No claims to verify", causedByGateFailure: false }],
  rejectionReasons: ["Gate tests failed: 1 of 3 tests failed"],
  feedback: "Fix Subtract.",
};
const baseRun = {
  runId: id, kind: "modification", objectName: "Calculator", status: "running", currentStep: "gates-1", reason: null, version: null,
  manual: false, requester: "admin", createdAt: "2026-11-24T07:34:20Z", updatedAt: "2026-11-24T07:34:25Z", statusUrl: `/api/runs/${id}`,
  request: "Add a Subtract method", maxIterations: 3,
  usage: { inputTokens: 1200, outputTokens: 340, estimatedCost: 0.01234, modelCalls: 3 },
  steps: [step(1, "plan", 0, { inputTokens: 500, outputTokens: 100, modelCalls: 1 }), step(2, "generate-1", 1), step(3, "gates-1", 1)],
  iterations: [iteration], plan: {}, approval: null, commit: null, deploy: null, notify: null,
};

type Call = { url: string; method: string; body?: unknown; signal?: AbortSignal | null };
let calls: Call[];
let run: Record<string, unknown>;
let streamMode: "stream" | "fail";
let push: (frame: string) => void;
let close: () => void;
let streamSignal: AbortSignal | null | undefined;

function reply(status: number, body: unknown, type = "application/json"): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": type } });
}

function fakeHost(url: string, init: RequestInit = {}): Response {
  const method = init.method ?? "GET";
  const body = init.body ? JSON.parse(String(init.body)) : undefined;
  calls.push({ url, method, body, signal: init.signal });
  const path = url.split("?")[0];
  if (path === `/api/runs/${id}/events`) {
    if (streamMode === "fail") return reply(500, { title: "The server failed", status: 500 }, "application/problem+json");
    streamSignal = init.signal;
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (frame) => controller.enqueue(encoder.encode(frame));
        close = () => controller.close();
      },
    });
    return new Response(stream, { status: 200, headers: { "content-type": "text/event-stream" } });
  }
  if (path === `/api/runs/${id}/approve` || path === `/api/runs/${id}/reject` || path === `/api/runs/${id}/cancel`) {
    run = { ...run, status: path.endsWith("cancel") ? "cancelled" : "running" };
    return reply(202, { runId: id, objectName: "Calculator", statusUrl: `/api/runs/${id}`, eventsUrl: `/api/runs/${id}/events` });
  }
  if (path === `/api/runs/${id}`) return reply(200, run);
  if (path === "/api/runs") {
    const items = [{ ...baseRun, status: "succeeded", version: 3 }, { ...baseRun, runId: "1".repeat(32), objectName: "Other", status: "failed" }];
    return reply(200, { items: url.includes("object=Other") ? items.slice(1) : items });
  }
  return reply(404, { title: "Not found", status: 404 }, "application/problem+json");
}

const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));
/** Waits until `done()` holds, or `ms` passed (a loaded machine runs timers late: no fixed wait decides a test). */
const until = async (done: () => boolean, ms = 2000) => {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await settle(5);
};
const gets = () => calls.filter((c) => c.url === `/api/runs/${id}` && c.method === "GET").length;
let main: HTMLElement;

beforeEach(() => {
  calls = [];
  run = structuredClone(baseRun);
  streamMode = "stream";
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => fakeHost(url, init)));
  sessionStorage.clear();
  session.set("good");
  document.body.innerHTML = '<main id="main"></main>';
  main = document.getElementById("main")!;
});
afterEach(() => {
  window.dispatchEvent(new Event("hashchange")); // leave the page: stops any stream or polling
  vi.unstubAllGlobals();
});

describe("run page", () => {
  it("shows status, steps, gates, scores against thresholds and usage", async () => {
    await renderRun(main, id);
    expect(main.querySelector("h1")?.textContent).toBe("Run 0196f3a2");
    expect(main.querySelector('[data-testid="run-status"]')?.textContent).toBe("running");
    const objectLink = main.querySelector<HTMLAnchorElement>(".run-line a")!;
    expect(objectLink.textContent).toBe("Calculator");
    expect(objectLink.getAttribute("href")).toBe("#/objects/Calculator");
    expect(main.querySelector('[role="status"].live')?.textContent).toBe("Live");

    const steps = main.querySelectorAll('ol[aria-label="Steps"] li');
    expect(steps.length).toBe(3);
    expect(steps[0].textContent).toBe("plan · 1,235 ms · 500 in / 100 out tokens");
    expect(steps[1].textContent).toBe("generate-1 · iteration 1 · 1,235 ms");

    const h3 = [...main.querySelectorAll("h3")].map((e) => e.textContent);
    expect(h3).toContain("Iteration 1");
    const gates = [...main.querySelectorAll("table")].find((t) => t.querySelector("caption")?.textContent === "Gates")!;
    const rows = [...gates.querySelectorAll("tbody tr")].map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent));
    expect(rows[0]).toEqual(["compile", "passed", "passed"]);
    expect(rows[1][1]).toBe("failed");
    expect(rows[1][2]).toContain("Subtract_Works: expected 1, got -1");

    const chart = main.querySelector('svg[role="img"]')!;
    expect(chart.getAttribute("aria-label")).toBe("Scores against thresholds, iteration 1");
    expect(chart.querySelectorAll("rect.score-bar").length).toBe(2);
    expect(chart.querySelectorAll("line.score-threshold").length).toBe(2);
    expect(chart.querySelector("rect.score-bar")!.getAttribute("width")).toBe("180");
    const scoreRows = [...main.querySelectorAll("table.scores tbody tr")].map((r) => [...r.querySelectorAll("td")].slice(0, 4).map((td) => td.textContent));
    expect(scoreRows).toEqual([["constraint", "0.90", "0.70", "yes"], ["preference", "0.50", "0.60", "no"]]);

    const text = main.textContent!;
    expect(text).toContain("Combined score0.46");
    expect(text).toContain("Acceptedno");
    expect(text).toContain("Factuality: No claims to verify");
    expect(text).toContain("Gate tests failed: 1 of 3 tests failed");
    expect(text).toContain("Fix Subtract.");
    expect(text).toContain("Input tokens1,200");
    expect(text).toContain("Model calls3");
    expect(text).toContain("Estimated cost$0.0123");
    expect(text).toContain("Add a Subtract method");
    // not waiting for approval: no decision, but the run can be cancelled
    expect(main.querySelector<HTMLElement>(".decision")!.hidden).toBe(true);
    expect([...main.querySelectorAll("button")].find((b) => b.textContent === "Cancel run")!.hidden).toBe(false);
  });

  it("follows the event stream with the bearer token, re-reads the run on each event (coalesced) and stops at the end", async () => {
    await renderRun(main, id);
    await settle();
    const stream = calls.find((c) => c.url === `/api/runs/${id}/events`)!;
    expect(stream).toBeDefined();
    const auth = (vi.mocked(fetch).mock.calls.find(([u]) => u === `/api/runs/${id}/events`)![1]!.headers as Record<string, string>).Authorization;
    expect(auth).toBe("Bearer good");
    const before = gets();

    run = { ...run, steps: [...(run.steps as object[]), step(4, "evaluate-1", 1)], currentStep: "evaluate-1" };
    push(`event: step\ndata: ${JSON.stringify(step(4, "evaluate-1", 1))}\n\n`);
    push('event: status\ndata: {"status":"running"}\n\n');
    push('event: step\ndata: {"sequence":5}\n\n');
    await settle();
    expect(gets() - before).toBeLessThanOrEqual(2); // one in flight, one queued
    expect(main.querySelectorAll('ol[aria-label="Steps"] li').length).toBe(4);

    run = { ...run, status: "succeeded", version: 3, reason: "Committed as v3" };
    push('event: end\ndata: {"status":"succeeded"}\n\n');
    close();
    await settle();
    expect(main.querySelector('[data-testid="run-status"]')?.textContent).toBe("succeeded");
    expect(main.querySelector(".run-line")?.textContent).toContain("Version v3");
    expect(main.querySelector(".run-line")?.textContent).toContain("Committed as v3");
    expect(main.querySelector(".live")?.textContent).toBe("Finished");
    expect([...main.querySelectorAll("button")].find((b) => b.textContent === "Cancel run")!.hidden).toBe(true);
    const after = gets();
    await settle(50);
    expect(gets()).toBe(after); // no polling once final
  });

  it("falls back to polling when the stream fails, until the run is final", async () => {
    streamMode = "fail";
    await renderRun(main, id, { pollMs: 10 });
    await until(() => gets() >= 3);
    expect(gets()).toBeGreaterThanOrEqual(3);
    run = { ...run, status: "failed", reason: "The model failed" };
    await until(() => main.querySelector('[data-testid="run-status"]')?.textContent === "failed");
    expect(main.querySelector('[data-testid="run-status"]')?.textContent).toBe("failed");
    expect(main.querySelector(".live")?.textContent).toBe("Finished");
    const done = gets();
    await settle(50);
    expect(gets()).toBe(done);
  });

  it("approves with a comment and keeps following", async () => {
    run = { ...run, status: "awaiting_approval", currentStep: "approval" };
    await renderRun(main, id);
    await settle();
    const decision = main.querySelector<HTMLElement>(".decision")!;
    expect(decision.hidden).toBe(false);
    const comment = main.querySelector<HTMLInputElement>('input[name="comment"]')!;
    expect(main.querySelector(`label[for="${comment.id}"]`)?.textContent).toBe("Comment");
    comment.value = "Looks good";
    [...main.querySelectorAll("button")].find((b) => b.textContent === "Approve")!.click();
    await settle();
    expect(calls.find((c) => c.url.endsWith("/approve"))!.body).toEqual({ comment: "Looks good" });
    expect(main.querySelector('[data-testid="run-status"]')?.textContent).toBe("running");
    expect(decision.hidden).toBe(true);
    expect(main.textContent).toContain("Approved.");
    run = { ...run, status: "succeeded", version: 3 };
    push('event: end\ndata: {"status":"succeeded"}\n\n');
    await settle();
    expect(main.querySelector('[data-testid="run-status"]')?.textContent).toBe("succeeded");
  });

  it("rejects and cancels through their endpoints", async () => {
    run = { ...run, status: "awaiting_approval" };
    await renderRun(main, id);
    [...main.querySelectorAll("button")].find((b) => b.textContent === "Reject")!.click();
    await settle();
    expect(calls.find((c) => c.url.endsWith("/reject"))!.body).toEqual({ comment: null });
    [...main.querySelectorAll("button")].find((b) => b.textContent === "Cancel run")!.click();
    await settle();
    expect(calls.find((c) => c.url.endsWith("/cancel"))!.method).toBe("POST");
    expect(main.querySelector('[data-testid="run-status"]')?.textContent).toBe("cancelled");
  });

  it("aborts the stream when the user navigates away", async () => {
    await renderRun(main, id);
    await settle();
    expect(streamSignal?.aborted).toBe(false);
    window.dispatchEvent(new Event("hashchange"));
    await settle();
    expect(streamSignal?.aborted).toBe(true);
    const count = gets();
    await settle(50);
    expect(gets()).toBe(count);
  });

  it("says so in plain words when the run does not exist", async () => {
    await renderRun(main, "f".repeat(32));
    expect(main.querySelector('[role="alert"]')?.textContent).toBe("Could not load the run. Not found");
  });
});

describe("run page: budget stop and monitor proposals", () => {
  it("shows a budget-exhausted run as final with its spend, and who proposed it", async () => {
    streamMode = "fail";
    run = {
      ...run, status: "budget-exhausted", currentStep: "", reason: "The run's budget is spent (tokens 300 of 250).",
      proposedBy: "monitor m1 (Divide failures)",
      budget: { maxCost: null, maxTokens: 250, cost: 0, tokens: 300, exhausted: true, items: [{ item: "model", count: 2, tokens: 300, seconds: 0, cost: 0 }] },
    };
    await renderRun(main, id);

    expect(main.querySelector('[data-testid="run-status"]')?.textContent).toBe("budget-exhausted");
    expect(main.querySelector('[role="status"].live')?.textContent).toBe("Finished");
    expect(main.querySelector('[data-testid="run-budget"] [role="note"]')?.textContent).toContain("tokens 300 of 250");
    expect(main.querySelector('[data-testid="proposed-by"]')?.textContent).toContain("monitor m1 (Divide failures)");
  });
});

describe("runs list", () => {
  it("lists runs with status badges and links, and filters by object", async () => {
    await renderRuns(main);
    expect(calls[0].url).toBe("/api/runs?limit=100");
    const rows = main.querySelectorAll("tbody tr");
    expect(rows.length).toBe(2);
    const open = rows[0].querySelector<HTMLAnchorElement>('a[href^="#/runs/"]')!;
    expect(open.textContent).toBe("Open run 0196f3a2");
    expect(open.getAttribute("href")).toBe(`#/runs/${id}`);
    expect(rows[0].querySelector(".badge-succeeded")?.textContent).toBe("succeeded");
    const input = main.querySelector<HTMLInputElement>('input[name="object"]')!;
    expect(main.querySelector(`label[for="${input.id}"]`)?.textContent).toBe("Object");
    input.value = "Other";
    main.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(calls.pop()!.url).toBe("/api/runs?limit=100&object=Other");
    expect(main.querySelectorAll("tbody tr").length).toBe(1);
  });
});
