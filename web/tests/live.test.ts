/**
 * Optional smoke test of the API client against a running host: skipped unless WEB_SMOKE_URL and WEB_SMOKE_TOKEN
 * are set, e.g. WEB_SMOKE_URL=http://127.0.0.1:5080 WEB_SMOKE_TOKEN=$(cat ../.data/admin-token) npm test
 */
import { beforeAll, describe, expect, it } from "vitest";
import { api, ApiError, session } from "../src/api/client";
import { finalRunStatuses } from "../src/api/types";
import { readSse } from "../src/lib/sse";

const base = process.env.WEB_SMOKE_URL;
const token = process.env.WEB_SMOKE_TOKEN;

describe.skipIf(!base || !token)("API client against a live host", () => {
  const name = `WebSmoke${Date.now()}`;
  beforeAll(() => {
    const store = new Map<string, string>();
    globalThis.sessionStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    } as Storage;
    const realFetch = globalThis.fetch;
    globalThis.fetch = ((input: string, init?: RequestInit) => realFetch(new URL(input, base).toString(), init)) as typeof fetch;
    session.set(token!);
  });

  it("walks through create, version, diff, deploy, invoke, rollback, settings, deprecate", async () => {
    expect((await api.me()).id).toBeTruthy();
    const v1 = "namespace S;\npublic class Calc\n{\n    public int Add(int a, int b) => a + b;\n}\n";
    const created = await api.createObject({ name, description: "web smoke", files: { "Calc.cs": v1 } });
    expect(created.currentVersion).toBe(1);
    expect(created.apiSchema?.methods.map((m) => m.name)).toEqual(["Add"]);
    const bad = (await api.createObject({ name: "bad name", description: "", files: {} }).catch((e: unknown) => e)) as ApiError;
    expect(bad).toBeInstanceOf(ApiError);
    expect(bad.status).toBe(400);
    const v2 = v1.replace("a + b;", "a + b;\n    public int Divide(int a, int b) => a / b;");
    expect((await api.addVersion(name, { files: { "Calc.cs": v2 }, summary: "Divide" })).number).toBe(2);
    const versions = await api.listVersions(name);
    expect(versions.map((v) => v.number)).toEqual([2, 1]);
    expect((await api.getVersion(name, 2)).files?.["Calc.cs"]).toBe(v2);
    expect(await api.diff(name, 1, 2)).toContain("+    public int Divide");
    const deployed = await api.deploy(name, "development", 2);
    expect(deployed.deployments.development.version).toBe(2);
    expect(await api.invoke(name, "Divide", { a: 7, b: 2 }, "development")).toBe(3);
    const threw = (await api.invoke(name, "Divide", { a: 7, b: 0 }, "development").catch((e: unknown) => e)) as ApiError;
    expect(threw).toBeInstanceOf(ApiError);
    expect(threw.message).toContain("DivideByZeroException");
    await api.promote(name, "development");
    expect((await api.getObject(name)).deployments.staging.version).toBe(2);
    const rolled = await api.rollback(name, 1);
    expect(rolled.currentVersion).toBe(1);
    const patched = await api.updateObject(name, { description: "web smoke, edited", publicInvoke: true });
    expect([patched.description, patched.publicInvoke]).toEqual(["web smoke, edited", true]);
    expect((await api.deprecate(name)).status).toBe("deprecated");
  }, 120_000);

  it("runs edited code through the pipeline and follows it over the event stream to its end", async () => {
    const runName = `${name}Run`;
    const v1 = "namespace S;\npublic class Calc\n{\n    public int Add(int a, int b) => a + b;\n}\n";
    await api.createObject({ name: runName, description: "web smoke run", files: { "Calc.cs": v1 } });
    const ticket = await api.modify(runName, {
      files: { "Calc.cs": v1.replace("a + b;", "a + b;\n    public int Twice(int a) => 2 * a;") }, summary: "Twice", requireApproval: false, deploy: false });
    expect(ticket.eventsUrl).toBe(`/api/runs/${ticket.runId}/events`);
    const seen: string[] = [];
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), 100_000);
    await readSse(await api.runEvents(ticket.runId, stop.signal), (e) => seen.push(e.event), stop.signal);
    clearTimeout(timer);
    expect(seen).toContain("step");
    expect(seen.at(-1)).toBe("end");
    const run = await api.getRun(ticket.runId);
    expect(finalRunStatuses).toContain(run.status);
    expect(run.steps?.length).toBeGreaterThan(0);
    expect(run.iterations?.[0]?.gates?.length).toBeGreaterThan(0);
    expect((await api.listRuns(runName)).items.map((r) => r.runId)).toContain(ticket.runId);
    expect((await api.listEvents({ subject: `object/${runName.toLowerCase()}` })).items.length).toBeGreaterThan(0);
    expect(Array.isArray((await api.listMonitors()).items)).toBe(true);
    expect(Array.isArray((await api.listOutbox()).items)).toBe(true);
  }, 120_000);
});
