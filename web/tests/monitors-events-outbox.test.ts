// @vitest-environment happy-dom
/** #/monitors, #/events (audit log) and #/outbox over a fake host that answers like the real one. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { session } from "../src/api/client";
import { compactData, renderEvents } from "../src/pages/events";
import { renderMonitors } from "../src/pages/monitors";
import { renderOutbox } from "../src/pages/outbox";

type Call = { url: string; method: string; body?: Record<string, unknown> };
let calls: Call[];
let monitors: Record<string, unknown>[];
let outbox: Record<string, unknown>[];

const monitor = (id: string, name: string, enabled = true) => ({
  id, owner: "admin", name, eventType: "deploy.succeeded", subject: null, conditions: {}, channel: "email", target: "ops@example.com",
  rateLimitPerHour: null, quietHours: null, timeZone: "UTC", schedule: null, enabled, createdAt: "2026-11-24T07:00:00Z",
  updatedAt: "2026-11-24T07:00:00Z", watermark: "2026-11-24T07:00:00Z", sending: false, lastFiredAt: null, firedCount: 0, lastRunAt: null, lastError: null,
});
const event = (n: number) => ({ id: `e${n}`, type: "deploy.succeeded", subject: "object/calculator", actor: "admin", time: "2026-11-24T07:34:20Z", data: { version: String(n) } });

function json(status: number, body: unknown, type = "application/json"): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": type } });
}

function fakeHost(url: string, init: RequestInit = {}): Response {
  const method = init.method ?? "GET";
  const body = init.body ? JSON.parse(String(init.body)) : undefined;
  calls.push({ url, method, body });
  const path = url.split("?")[0];
  const params = new URLSearchParams(url.split("?")[1] ?? "");
  if (path === "/api/monitors" && method === "POST") {
    if (body.target && !String(body.target).includes("@"))
      return json(400, { title: "Invalid request", status: 400, detail: "The monitor definition is invalid; nothing was stored.", errors: { target: [`'${body.target}' is not an email address.`] } }, "application/problem+json");
    const created = { ...monitor(`m${monitors.length + 1}`, body.name ?? `When ${body.eventType}`), ...body };
    monitors.push(created);
    return json(201, created);
  }
  if (path === "/api/monitors") return json(200, { items: monitors });
  const m = /^\/api\/monitors\/([^/]+)(?:\/(enable|disable))?$/.exec(path);
  if (m) {
    const found = monitors.find((x) => x.id === m[1]);
    if (!found) return json(404, { title: "Not found", status: 404 }, "application/problem+json");
    if (method === "DELETE") {
      monitors = monitors.filter((x) => x !== found);
      return new Response(null, { status: 204 });
    }
    found.enabled = m[2] === "enable";
    return json(200, found);
  }
  if (path === "/api/events") {
    if (params.get("continuationToken") === "page2") return json(200, { items: [event(3)], continuationToken: null });
    if (params.get("type") === "none.") return json(200, { items: [], continuationToken: null });
    return json(200, { items: [event(1), event(2)], continuationToken: "page2" });
  }
  if (path === "/api/outbox") {
    if (params.get("channel") === "nope") return json(400, { title: "Invalid request", status: 400, errors: { channel: ["One of sms, voice, email, slack, github."] } }, "application/problem+json");
    const items = params.get("channel") ? outbox.filter((o) => o.channel === params.get("channel")) : outbox;
    return json(200, { items, continuationToken: null });
  }
  return json(404, { title: "Not found", status: 404 }, "application/problem+json");
}

const settle = () => new Promise((r) => setTimeout(r, 20));
let main: HTMLElement;
const buttons = (name: string) => [...main.querySelectorAll("button")].filter((b) => (b.getAttribute("aria-label") ?? b.textContent) === name);
function byLabel(text: string): HTMLInputElement {
  const label = [...main.querySelectorAll("label")].find((l) => l.textContent === text)!;
  expect(label, text).toBeDefined();
  return main.querySelector<HTMLInputElement>(`#${label.htmlFor}`)!;
}

beforeEach(() => {
  calls = [];
  monitors = [monitor("m1", "Deploys"), monitor("m2", "Failures", false)];
  outbox = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => fakeHost(url, init)));
  session.set("good");
  document.body.innerHTML = '<main id="main"></main>';
  main = document.getElementById("main")!;
});
afterEach(() => vi.unstubAllGlobals());

describe("monitors", () => {
  it("lists monitors with enable/disable and delete buttons named after the monitor", async () => {
    await renderMonitors(main);
    expect(main.querySelector("h1")?.textContent).toBe("Monitors");
    const rows = main.querySelectorAll("tbody tr");
    expect(rows.length).toBe(2);
    expect(rows[0].querySelector('[data-label="Event type"]')?.textContent).toBe("deploy.succeeded");
    expect(rows[0].querySelector('[data-label="Target"]')?.textContent).toBe("ops@example.com");
    expect(buttons("Disable monitor Deploys")[0].textContent).toBe("Disable");
    expect(buttons("Enable monitor Failures")[0].textContent).toBe("Enable");

    buttons("Disable monitor Deploys")[0].click();
    await settle();
    expect(calls.find((c) => c.url === "/api/monitors/m1/disable")!.method).toBe("POST");
    expect(buttons("Enable monitor Deploys").length).toBe(1); // the list was re-read

    vi.stubGlobal("confirm", () => false);
    buttons("Delete monitor Failures")[0].click();
    await settle();
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);
    vi.stubGlobal("confirm", () => true);
    buttons("Delete monitor Failures")[0].click();
    await settle();
    expect(calls.find((c) => c.method === "DELETE")!.url).toBe("/api/monitors/m2");
    expect(main.querySelectorAll("tbody tr").length).toBe(1);
  });

  it("creates a monitor from the labelled fields, or marks the refused field", async () => {
    monitors = [];
    await renderMonitors(main);
    expect(main.textContent).toContain("No monitors yet");
    expect(main.querySelector("h2")?.textContent).toBe("New monitor");
    byLabel("Event type").value = "run.";
    byLabel("Subject (optional)").value = "object/calculator";
    const channel = byLabel("Channel") as unknown as HTMLSelectElement;
    expect([...channel.options].map((o) => o.value)).toEqual(["sms", "voice", "email", "slack"]);
    channel.value = "email";
    byLabel("Target (optional)").value = "not-an-address";
    const form = main.querySelector("form")!;
    expect(form.querySelector("button[type=submit]")?.textContent).toBe("Create monitor");
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    const target = byLabel("Target (optional)");
    expect(target.getAttribute("aria-invalid")).toBe("true");
    expect(main.querySelector('[role="alert"]')?.textContent).toContain("'not-an-address' is not an email address.");

    target.value = "ops@example.com";
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(calls.filter((c) => c.method === "POST").pop()!.body).toEqual({
      eventType: "run.*", subject: "object/calculator", channel: "email", target: "ops@example.com" });
    expect(main.querySelectorAll("tbody tr").length).toBe(1);
    expect(main.querySelector("tbody")?.textContent).toContain("When run.*");
    expect(target.hasAttribute("aria-invalid")).toBe(false);
  });

  it("creates a monitor that proposes changes, sending the action and threshold only when it is not notify", async () => {
    monitors = [];
    await renderMonitors(main);
    const action = byLabel("Action") as unknown as HTMLSelectElement;
    expect([...action.options].map((o) => o.value)).toEqual(["notify", "propose", "both"]);
    expect(action.value).toBe("notify");
    byLabel("Event type").value = "invocation.failed";
    (byLabel("Channel") as unknown as HTMLSelectElement).value = "email";
    action.value = "propose";
    byLabel("Propose after (optional)").value = "5";
    main.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();

    expect(calls.filter((c) => c.method === "POST").pop()!.body).toEqual({
      eventType: "invocation.failed", channel: "email", action: "propose", proposeAfter: 5 });
    expect(main.querySelector("tbody")?.textContent).toContain("proposes a change after 5 events in an hour");
    expect(action.value).toBe("notify");
  });
});

describe("audit log", () => {
  it("shows events, filters by type and subject, and pages with the continuation token", async () => {
    await renderEvents(main);
    expect(main.querySelector("h1")?.textContent).toBe("Audit log");
    expect(calls[0].url).toBe("/api/events?pageSize=50");
    const cells = [...main.querySelectorAll("tbody tr")[0].querySelectorAll("td")].map((td) => td.textContent);
    expect(cells.slice(1)).toEqual(["deploy.succeeded", "object/calculator", "admin", '{"version":"1"}']);
    const older = buttons("Older events")[0];
    older.click();
    await settle();
    expect(calls.pop()!.url).toBe("/api/events?pageSize=50&continuationToken=page2");
    expect(main.querySelectorAll("tbody tr").length).toBe(3);
    expect(older.hidden).toBe(true);

    byLabel("Type").value = "none.";
    byLabel("Subject").value = "object/calculator";
    main.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(calls.pop()!.url).toBe("/api/events?pageSize=50&type=none.&subject=object%2Fcalculator");
    expect(main.textContent).toContain("No events match.");
  });

  it("writes data as compact JSON", () => {
    expect(compactData({ a: "1", b: "x y" })).toBe('{"a":"1","b":"x y"}');
    expect(compactData({})).toBe("");
    expect(compactData(null)).toBe("");
  });
});

describe("outbox", () => {
  it("says when nothing is waiting", async () => {
    await renderOutbox(main);
    expect(main.querySelector("h1")?.textContent).toBe("Outbox");
    expect(main.textContent).toContain("Nothing is waiting: every message was delivered.");
  });

  it("lists undelivered messages and filters by channel", async () => {
    outbox = [
      { id: "o1", createdAt: "2026-11-24T07:34:20Z", channel: "sms", target: "+15551234567", subject: "Code", text: "Your code is 123456",
        html: null, links: [], correlationId: "c", reason: "NotConfigured", detail: "No SMS provider is configured." },
      { id: "o2", createdAt: "2026-11-24T07:35:20Z", channel: "email", target: "ops@example.com", subject: "Deployed", text: "Calculator v2",
        html: null, links: [], correlationId: "d", reason: "Refused", detail: "550 mailbox unavailable" },
    ];
    await renderOutbox(main);
    const first = main.querySelector("tbody tr")!;
    expect(first.querySelector('[data-label="To"]')?.textContent).toBe("+15551234567");
    expect(first.querySelector('[data-label="Message"]')?.textContent).toContain("Your code is 123456");
    expect(first.querySelector('[data-label="Last error"]')?.textContent).toBe("No SMS provider is configured.");
    const channel = byLabel("Channel") as unknown as HTMLSelectElement;
    channel.value = "email";
    channel.dispatchEvent(new Event("change"));
    await settle();
    expect(calls.pop()!.url).toBe("/api/outbox?pageSize=50&channel=email");
    expect(main.querySelectorAll("tbody tr").length).toBe(1);
  });
});
