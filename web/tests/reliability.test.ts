// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, newIdempotencyKey, retryDelayMs } from "../src/api/client";
import { describeIsolation } from "../src/lib/isolation";
import type { IsolationReport } from "../src/api/types";

const report = (overrides: Partial<IsolationReport> = {}): IsolationReport => ({
  status: "enforced",
  networkIsolation: "Required",
  networkNamespace: true,
  networkMethod: "unshare --net",
  dropPrivileges: "Required",
  hostUser: "root (0)",
  runnerUser: "uids 1879048192–1879113727 (one per runner)",
  unprivileged: true,
  runnerPath: "/var/lib/durable-objects/runners/abc/DurableObjects.Runner.dll",
  controlGroups: "cgroup v1 (memory, pids)",
  emptyEnvironment: true,
  limits: { heapHardLimitBytes: 268435456, cpuTimeLimitSeconds: 3600, invocationTimeoutSeconds: 5, memoryLimitBytes: 536870912, maxProcesses: 256 },
  observed: null,
  problems: [],
  ...overrides,
});

describe("isolation status line", () => {
  it("says enforced with the runner's user and network namespace", () => {
    const line = describeIsolation(report());
    expect(line.level).toBe("ok");
    expect(line.text).toBe("Sandbox: enforced (runs as uids 1879048192–1879113727 (one per runner), own network namespace)");
  });

  it("warns when isolation is weakened, with the reasons in the tooltip", () => {
    const line = describeIsolation(report({ status: "weakened", runnerUser: "root (0)", problems: ["Runners run as root: setpriv missing."] }));
    expect(line.level).toBe("warning");
    expect(line.text).toContain("WEAKENED");
    expect(line.title).toContain("setpriv missing");
  });

  it("names each runner's memory and thread bound, or that there is none", () => {
    expect(describeIsolation(report()).title).toContain("Memory 512 MiB and 256 threads per runner (cgroup v1 (memory, pids))");
    expect(describeIsolation(report({ controlGroups: null })).title).toContain("GC heap limit only");
  });

  it("warns when the status is unknown or runners are refused", () => {
    expect(describeIsolation(null).level).toBe("warning");
    expect(describeIsolation(report({ status: "refused" })).text).toContain("refused");
  });
});

describe("Idempotency-Key", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("makes a new key per action", () => {
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });

  it("caps the retry delay at 5 s and defaults to 1 s", () => {
    expect(retryDelayMs("2")).toBe(2000);
    expect(retryDelayMs("60")).toBe(5000);
    expect(retryDelayMs(null)).toBe(1000);
  });

  it("sends a key on create and retries a 503 with the same key", async () => {
    const keys: (string | undefined)[] = [];
    let calls = 0;
    vi.stubGlobal("fetch", vi.fn(async (_url: string, init?: RequestInit) => {
      keys.push((init?.headers as Record<string, string>)["Idempotency-Key"]);
      calls++;
      return calls === 1
        ? new Response(JSON.stringify({ title: "Storage unavailable", status: 503 }), { status: 503, headers: { "content-type": "application/problem+json", "retry-after": "0.01" } })
        : new Response(JSON.stringify({ number: 2 }), { status: 201, headers: { "content-type": "application/json" } });
    }));

    const version = await api.addVersion("Calculator", { files: { "Calculator.cs": "x" } });

    expect(version).toEqual({ number: 2 });
    expect(calls).toBe(2);
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
  });

  it("sends a key with every change a page makes: decisions, cancels, monitors, revocations", async () => {
    const sent: { url: string; method: string; key?: string }[] = [];
    vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
      sent.push({ url, method: init?.method ?? "GET", key: (init?.headers as Record<string, string>)["Idempotency-Key"] });
      return new Response(JSON.stringify({ id: "r1" }), { status: 200, headers: { "content-type": "application/json" } });
    }));

    await api.approveRun("r1", "ok");
    await api.rejectRun("r2");
    await api.cancelRun("r3");
    await api.setMonitorEnabled("m1", false);
    await api.deleteMonitor("m1");
    await api.revokeToken("t1");

    expect(sent.map((s) => s.method)).toEqual(["POST", "POST", "POST", "POST", "DELETE", "DELETE"]);
    for (const request of sent) expect(request.key, request.url).toBeTruthy();
    expect(new Set(sent.map((s) => s.key)).size).toBe(sent.length);
  });

  it("does not send a key on reads and does not retry them", async () => {
    const seen: RequestInit[] = [];
    vi.stubGlobal("fetch", vi.fn(async (_url: string, init?: RequestInit) => {
      seen.push(init!);
      return new Response(JSON.stringify({ title: "Storage unavailable" }), { status: 503, headers: { "content-type": "application/problem+json" } });
    }));

    await expect(api.getObject("Calculator")).rejects.toThrow();

    expect(seen.length).toBe(1);
    expect((seen[0].headers as Record<string, string>)["Idempotency-Key"]).toBeUndefined();
  });
});
