// @vitest-environment happy-dom
/** The decision chain on the audit page: verify on demand, the verdict, the first broken record marked. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { session } from "../src/api/client";
import { describeVerification, renderChainSection } from "../src/pages/audit-chain";

let verification: Record<string, unknown>;
let calls: string[];
const record = (n: number, type: string) => ({
  sequence: n, key: `event/e${n}`, type, subject: "object/calculator", actor: "admin", time: "2026-11-24T07:34:20Z",
  detailsJson: `{"version":"${n}"}`, previousHash: "0".repeat(64), hash: `${n}`.repeat(64),
});

function json(status: number, body: unknown, type = "application/json"): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": type } });
}

beforeEach(() => {
  calls = [];
  verification = { intact: true, records: 3, headHash: "3".repeat(64), brokenAt: null, brokenKey: null, reason: null };
  vi.stubGlobal("fetch", vi.fn(async (url: string) => {
    calls.push(url);
    if (url === "/api/audit/verify") return json(200, verification);
    if (url.startsWith("/api/audit/chain")) return json(200, { items: [record(3, "deploy.succeeded"), record(2, "run.decision"), record(1, "object.created")], continuationToken: null });
    return json(500, { title: "Server error", status: 500 }, "application/problem+json");
  }));
  session.set("good");
  document.body.innerHTML = "";
});
afterEach(() => vi.unstubAllGlobals());

const settle = () => new Promise((r) => setTimeout(r, 20));

describe("decision chain", () => {
  it("verifies only when asked, then says intact and lists the records newest first", async () => {
    const section = renderChainSection();
    document.body.append(section);
    expect(calls).toEqual([]);

    section.querySelector<HTMLButtonElement>('[data-testid="verify-chain"]')!.click();
    await settle();

    expect(calls).toEqual(["/api/audit/verify", "/api/audit/chain?pageSize=50"]);
    expect(section.querySelector('[role="status"]')!.textContent).toContain("Intact: 3 record(s)");
    const rows = [...section.querySelectorAll("tbody tr")];
    expect(rows.map((r) => r.querySelector('[data-label="Type"]')!.textContent)).toEqual(["deploy.succeeded", "run.decision", "object.created"]);
    expect(section.querySelector('[data-broken="true"]')).toBeNull();
  });

  it("names the first broken record and marks it in the list", async () => {
    verification = { intact: false, records: 3, headHash: null, brokenAt: 2, brokenKey: "event/e2", reason: "Record 2's content does not match its hash: it was changed after it was written." };
    const section = renderChainSection();
    document.body.append(section);

    section.querySelector<HTMLButtonElement>('[data-testid="verify-chain"]')!.click();
    await settle();

    expect(section.querySelector('[role="status"]')!.textContent).toBe("Broken at record 2: Record 2's content does not match its hash: it was changed after it was written.");
    const broken = section.querySelector('[data-broken="true"]')!;
    expect(broken.querySelector('[data-label="#"]')!.textContent).toBe("2");
  });

  it("describes an empty chain", () => {
    expect(describeVerification({ intact: true, records: 0 })).toContain("empty");
  });
});
