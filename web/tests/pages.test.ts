// @vitest-environment happy-dom
/** The pages rendered in a DOM (happy-dom) over a fake fetch that answers like the real host. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { session } from "../src/api/client";
import { renderObject } from "../src/pages/object";
import { renderNewObject } from "../src/pages/new-object";
import { renderObjects } from "../src/pages/objects";
import { renderSignIn } from "../src/pages/signin";

const schema = {
  className: "Samples.Calculator", summary: "Adds numbers.", testClass: null, tests: [],
  methods: [
    { name: "Add", returnType: "integer", summary: "Sum.", isStatic: false,
      parameters: [{ name: "a", type: "integer", clrType: "int", optional: false, description: null },
                   { name: "b", type: "integer", clrType: "int", optional: false, description: null }] },
    { name: "Scale", returnType: "number", summary: null, isStatic: false,
      parameters: [{ name: "xs", type: "array<number>", clrType: "double[]", optional: false, description: null },
                   { name: "twice", type: "boolean", clrType: "bool", optional: false, description: null }] },
  ],
};
const object = {
  name: "Calculator", description: "Adds numbers", status: "deployed", currentVersion: 2, latestVersion: 2, owner: "admin",
  apiSchema: schema, createdAt: "2026-11-24T07:34:20Z", updatedAt: "2026-11-24T07:34:24Z",
  deployments: { development: { version: 2, contentHash: "x", deployedAt: "2026-11-24T07:34:24Z", deployedBy: "admin" } },
  lastError: null, publicInvoke: false,
};
const version = (n: number) => ({ number: n, summary: `v${n}`, author: "admin", parentVersion: n > 1 ? n - 1 : null, contentHash: "h",
  fileList: [{ path: "Calculator.cs", sha256: "s", size: 1 }], apiSchema: schema, createdAt: "2026-11-24T07:34:20Z" });
const source = 'namespace Samples;\n/// <summary>Adds.</summary>\npublic class Calculator { public int Add(int a, int b) => a + b; string s = "<b>"; }\n';
const diff = "--- v1/Calculator.cs\n+++ v2/Calculator.cs\n@@ -1,2 +1,2 @@\n namespace Samples;\n-old\n+new\n";

type Call = { url: string; method: string; body?: unknown; auth?: string; key?: string };
let calls: Call[];
let modelless = false;
let deprecatedObject = false;
let runs: unknown[] | null = null;

function reply(status: number, body: unknown, type = "application/json"): Response {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "content-type": type } });
}

function fakeHost(url: string, init: RequestInit = {}): Response {
  const method = init.method ?? "GET";
  const body = init.body ? JSON.parse(String(init.body)) : undefined;
  const auth = (init.headers as Record<string, string>)?.Authorization;
  const key = (init.headers as Record<string, string>)?.["Idempotency-Key"];
  calls.push({ url, method, body, auth, key });
  if (auth !== "Bearer good") return reply(401, { title: "Authentication required", status: 401, detail: "Send a personal API token." }, "application/problem+json");
  const path = url.split("?")[0];
  if (path === "/api/me") return reply(200, { id: "admin", role: "admin" });
  if (path === "/api/runs" && runs) return reply(200, { items: runs });
  if (path === "/api/objects" && method === "POST") {
    const b = body as { name: string };
    return /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(b.name)
      ? reply(201, { ...object, name: b.name, status: "draft", currentVersion: 1, latestVersion: 1, deployments: {} })
      : reply(400, { title: "Invalid request", status: 400, detail: "The request has invalid fields. name: An object name starts with a letter.", errors: { name: ["An object name starts with a letter."] } }, "application/problem+json");
  }
  if (path === "/api/objects") return reply(200, { items: url.includes("status=draft") ? [] : [object], continuationToken: null });
  if (path === "/api/objects/Calculator" && method === "PATCH") return reply(200, { ...object, ...(body as object) });
  if (["deploy", "promote", "rollback", "deprecate"].some((a) => path === `/api/objects/Calculator/${a}`)) return reply(200, object);
  if (path === "/api/objects/Calculator") return reply(200, deprecatedObject ? { ...object, status: "deprecated" } : object);
  if (path === "/api/objects/Calculator/versions" && method === "POST") {
    const files = (body as { files: Record<string, string> }).files;
    return Object.values(files).some((f) => f.includes("File.ReadAllText"))
      ? reply(422, { title: "The code was refused", status: 422, detail: "Calculator.cs(3,54): Error DO1001: 'System.IO.File' is not allowed" }, "application/problem+json")
      : reply(201, version(3));
  }
  if (path === "/api/objects/Calculator/modifications" && method === "POST") {
    const b = body as { prompt?: string; files?: Record<string, string> };
    if (!b.files && modelless)
      return reply(503, { title: "No language model is configured", status: 503, detail: "Set DurableObjects:Models:Endpoint and restart the host." }, "application/problem+json");
    if (!b.files && !b.prompt)
      return reply(400, { title: "Invalid request", status: 400, detail: "The request has invalid fields.", errors: { prompt: ["Say what to change, or supply files."] } }, "application/problem+json");
    return reply(202, { runId: "0196f3a2b4c57d8e9f0a1b2c3d4e5f60", objectName: "Calculator", statusUrl: "/api/runs/0196f3a2b4c57d8e9f0a1b2c3d4e5f60", eventsUrl: "/api/runs/0196f3a2b4c57d8e9f0a1b2c3d4e5f60/events" });
  }
  if (path === "/api/objects/Calculator/versions") return reply(200, { items: [version(2), version(1)], continuationToken: null });
  if (path.startsWith("/api/objects/Calculator/versions/")) return reply(200, { ...version(Number(path.split("/").pop())), files: { "Calculator.cs": source } });
  if (path === "/api/objects/Calculator/diff") return reply(200, diff, "text/x-diff; charset=utf-8");
  if (path === "/api/objects/Calculator/invoke/Add") {
    const args = body as { a: number; b: number };
    return reply(200, args.a + args.b);
  }
  if (path === "/api/objects/Calculator/invoke/Scale")
    return reply(422, { title: "The object threw an exception", status: 422, detail: "Attempted to divide by zero.", exceptionType: "System.DivideByZeroException" }, "application/problem+json");
  return reply(404, { title: "Not found", status: 404 }, "application/problem+json");
}

const settle = () => new Promise((r) => setTimeout(r, 20));
let main: HTMLElement;

beforeEach(() => {
  calls = [];
  modelless = false;
  deprecatedObject = false;
  runs = null;
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => fakeHost(url, init)));
  sessionStorage.clear();
  document.body.innerHTML = '<main id="main"></main>';
  main = document.getElementById("main")!;
});
afterEach(() => vi.unstubAllGlobals());

describe("sign in", () => {
  it("refuses a wrong token in plain words and keeps a good one", async () => {
    const done = vi.fn();
    await renderSignIn(main, done);
    const input = main.querySelector("input")!;
    expect(main.querySelector(`label[for="${input.id}"]`)?.textContent).toBe("API token");
    input.value = "bad";
    main.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(main.querySelector('[role="alert"]')?.textContent).toBe("Authentication required: Send a personal API token.");
    expect(done).not.toHaveBeenCalled();
    input.value = "good";
    main.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(done).toHaveBeenCalled();
    expect(session.token).toBe("good");
  });
});

describe("objects list", () => {
  it("shows name, status, version and deployments", async () => {
    session.set("good");
    await renderObjects(main);
    const row = main.querySelector("tbody tr")!;
    expect(row.querySelector("a")?.getAttribute("href")).toBe("#/objects/Calculator");
    expect(row.querySelector(".badge-deployed")?.textContent).toBe("deployed");
    expect(row.textContent).toContain("v2");
    expect(row.textContent).toContain("development: v2");
  });

  it("shows each object's newest run, or a dash; a failed runs call does not fail the page", async () => {
    session.set("good");
    await renderObjects(main);
    expect(main.querySelector('tbody td[data-label="Last run"]')?.textContent).toBe("—");
    runs = [
      { runId: "b".repeat(32), objectName: "calculator", kind: "modification", status: "awaiting_approval", createdAt: "2026-11-25T08:00:00Z", updatedAt: "2026-11-25T08:00:00Z" },
      { runId: "a".repeat(32), objectName: "Calculator", kind: "creation", status: "succeeded", createdAt: "2026-11-24T07:34:20Z", updatedAt: "2026-11-24T07:34:24Z" },
    ];
    await renderObjects(main);
    expect(calls.some((c) => c.url === "/api/runs?limit=200")).toBe(true);
    const link = main.querySelector<HTMLAnchorElement>('tbody td[data-label="Last run"] a')!;
    expect(link.getAttribute("href")).toBe(`#/runs/${"b".repeat(32)}`);
    expect(link.querySelector(".badge-awaiting_approval")?.textContent).toBe("awaiting_approval");
  });

  it("filters by status", async () => {
    session.set("good");
    await renderObjects(main);
    const filter = main.querySelector<HTMLSelectElement>('select[name="status"]')!;
    filter.value = "draft";
    filter.dispatchEvent(new Event("change"));
    await settle();
    expect(calls.pop()!.url).toBe("/api/objects?pageSize=200&status=draft");
    expect(main.textContent).toContain("No draft objects.");
  });
});

describe("object page", () => {
  let opened: string[];
  beforeEach(async () => {
    session.set("good");
    opened = [];
    await renderObject(main, "Calculator", (id) => opened.push(id));
  });

  it("shows the highlighted code and the history", () => {
    const code = main.querySelector("figure.file code")!;
    expect(main.querySelector("figcaption")?.textContent).toBe("Calculator.cs");
    expect(code.querySelector(".tok-keyword")?.textContent).toBe("namespace");
    expect(code.querySelector(".tok-comment")?.textContent).toBe("/// <summary>Adds.</summary>");
    expect(code.querySelector(".tok-string")?.textContent).toBe('"<b>"');
    expect(code.textContent).toBe(source);
    expect([...main.querySelectorAll("#history-h + table tbody tr")].length).toBe(2);
  });

  it("deploys the chosen version to the chosen environment", async () => {
    const form = [...main.querySelectorAll("form.action")].find((f) => f.querySelector("h3")?.textContent === "Deploy")!;
    const [env, ver] = form.querySelectorAll("select");
    env.value = "staging";
    ver.value = "1";
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(calls.find((c) => c.url === "/api/objects/Calculator/deploy")!.body).toEqual({ environment: "staging", version: 1 });
    expect(main.textContent).toContain("Deploy v1 to staging: done.");
  });

  it("starts a modification from a request in plain words and opens its run", async () => {
    const section = main.querySelector('[aria-labelledby="modify-h"]')!;
    expect(section.querySelector("h2")?.textContent).toBe("Modify");
    const byLabel = (text: string) => {
      const label = [...section.querySelectorAll("label")].find((l) => l.textContent === text)!;
      return section.querySelector<HTMLInputElement>(`#${label.htmlFor}`)!;
    };
    byLabel("Describe the change").value = "Add a Subtract method";
    byLabel("Ask me to approve before it is committed").checked = true;
    const form = section.querySelector("form")!;
    expect([...form.querySelectorAll("button")].map((b) => b.textContent)).toEqual(["Start modification"]);
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(calls.find((c) => c.url === "/api/objects/Calculator/modifications")!.body).toEqual({ prompt: "Add a Subtract method", requireApproval: true, deploy: false });
    expect(opened).toEqual(["0196f3a2b4c57d8e9f0a1b2c3d4e5f60"]);
  });

  it("without a model, says so in plain words and points to editing the code", async () => {
    modelless = true;
    const section = main.querySelector('[aria-labelledby="modify-h"]')!;
    section.querySelector("textarea")!.value = "Add a Subtract method";
    section.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(section.querySelector('[role="alert"]')?.textContent).toBe(
      "The modification was not started. No language model is configured: Set DurableObjects:Models:Endpoint and restart the host.");
    expect(section.textContent).toContain("use “Edit the code of v2” below");
    expect(opened).toEqual([]);
  });

  it("sends edited code through the pipeline and opens its run", async () => {
    const section = main.querySelector('[aria-labelledby="modify-h"]')!;
    const edit = [...section.querySelectorAll("button")].find((b) => b.textContent === "Edit the code of v2")!;
    edit.click();
    await settle();
    const area = section.querySelector<HTMLTextAreaElement>("textarea[data-path]")!;
    expect(section.querySelector(`label[for="${area.id}"]`)?.textContent).toBe("Calculator.cs");
    expect(area.value).toBe(source);
    const form = section.querySelectorAll("form")[1];
    const checks = form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
    expect([...checks].map((c) => form.querySelector(`label[for="${c.id}"]`)?.textContent)).toEqual([
      "Ask me to approve before it is committed", "Deploy to development when accepted"]);
    const allIds = [...section.querySelectorAll("input")].map((i) => i.id);
    expect(new Set(allIds).size).toBe(allIds.length);
    area.value = source + "// edited\n";
    form.querySelector<HTMLInputElement>('input[name="summary"]')!.value = "Comment";
    checks[1].checked = true;
    expect(form.querySelector("button[type=submit]")?.textContent).toBe("Evaluate and apply");
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    const post = calls.find((c) => c.url === "/api/objects/Calculator/modifications")!;
    expect(post.body).toEqual({ files: { "Calculator.cs": source + "// edited\n" }, summary: "Comment", requireApproval: false, deploy: true });
    expect(calls.some((c) => c.url === "/api/objects/Calculator/versions" && c.method === "POST")).toBe(false);
    expect(opened).toEqual(["0196f3a2b4c57d8e9f0a1b2c3d4e5f60"]);
  });

  it("saves the settings and deprecates after confirmation; the page re-renders with the confirmation kept", async () => {
    // Each action re-renders the page with the new state: query the section afresh every time.
    const section = () => main.querySelector('[aria-labelledby="settings-h"]')!;
    const checkbox = section().querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(section().querySelector(`label[for="${checkbox.id}"]`)).not.toBeNull();
    section().querySelector<HTMLInputElement>('input[name="description"]')!.value = "Adds and divides";
    checkbox.checked = true;
    section().querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(calls.find((c) => c.method === "PATCH")!.body).toEqual({ description: "Adds and divides", publicInvoke: true });
    // A settings change is keyed like every other change, so its automatic retry cannot apply (and audit) it twice.
    expect(calls.find((c) => c.method === "PATCH")!.key).toBeTruthy();
    expect(section().textContent).toContain("Settings saved.");
    vi.stubGlobal("confirm", () => false);
    section().querySelector<HTMLButtonElement>("button.danger")!.click();
    await settle();
    expect(calls.some((c) => c.url.endsWith("/deprecate"))).toBe(false);
    vi.stubGlobal("confirm", () => true);
    section().querySelector<HTMLButtonElement>("button.danger")!.click();
    await settle();
    expect(calls.find((c) => c.url.endsWith("/deprecate"))!.method).toBe("POST");
    expect(section().textContent).toContain("Calculator is deprecated.");
  });

  it("offers no deploy, promote, roll back or modify forms for a deprecated object, and says why", async () => {
    deprecatedObject = true;
    await renderObject(main, "Calculator");
    const actions = main.querySelector('[aria-labelledby="deploy-h"]')!;
    expect(actions.querySelectorAll("form").length).toBe(0);
    expect(actions.textContent).toContain("Deprecated: it keeps serving what is deployed");
    expect(main.querySelector('[aria-labelledby="modify-h"]')).toBeNull();
    // Still readable and invokable.
    expect(main.querySelector("figure.file code")).not.toBeNull();
    expect(main.querySelector('[aria-labelledby="invoke-h"]')).not.toBeNull();
  });

  it("shows a coloured diff", async () => {
    const form = [...main.querySelectorAll("form")].find((f) => f.textContent?.includes("Show diff"))!;
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(calls.some((c) => c.url === "/api/objects/Calculator/diff?from=1&to=2")).toBe(true);
    expect(main.querySelector(".diff-add")?.textContent).toBe("+new\n");
    expect(main.querySelector(".diff-del")?.textContent).toBe("-old\n");
    expect(main.textContent).toContain("1 added, 1 removed");
  });

  it("builds a form per method, sends typed arguments and shows the result or the problem", async () => {
    const forms = [...main.querySelectorAll("form.method")] as HTMLFormElement[];
    expect(forms.length).toBe(2);
    const [add, scale] = forms;
    const inputs = add.querySelectorAll("input");
    inputs[0].value = "2";
    inputs[1].value = "40";
    add.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    const call = calls.find((c) => c.url.startsWith("/api/objects/Calculator/invoke/Add"))!;
    expect(call.body).toEqual({ a: 2, b: 40 });
    // production is not serving, so the console picks the environment that is
    expect(call.url).toBe("/api/objects/Calculator/invoke/Add?environment=development");
    expect(add.querySelector("pre.result")?.textContent).toBe("42");

    expect(scale.querySelector("textarea")).not.toBeNull();
    expect(scale.querySelector('input[type="checkbox"]')).not.toBeNull();
    scale.querySelector("textarea")!.value = "[1, 2";
    scale.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(scale.querySelector(".field-error")?.textContent).toBe("Valid JSON is required.");
    expect(calls.some((c) => c.url.includes("/invoke/Scale"))).toBe(false);
    scale.querySelector("textarea")!.value = "[1, 2]";
    scale.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(calls.find((c) => c.url.includes("/invoke/Scale"))!.body).toEqual({ xs: [1, 2], twice: false });
    expect(scale.querySelector('[role="alert"]')?.textContent).toBe(
      "The object threw an exception: Attempted to divide by zero. (System.DivideByZeroException)");
  });
});

describe("new object", () => {
  it("sends name, description and every file; a refusal is shown in plain words", async () => {
    session.set("good");
    const created = vi.fn();
    await renderNewObject(main, created);
    const form = main.querySelector("form")!;
    (form.querySelector('input[name="name"]') as HTMLInputElement).value = "bad name";
    (form.querySelector('input[name="description"]') as HTMLInputElement).value = "Adds";
    (form.querySelector("button.secondary") as HTMLButtonElement).click();
    const paths = form.querySelectorAll<HTMLInputElement>(".file-path");
    const sources = form.querySelectorAll<HTMLTextAreaElement>(".file-source");
    expect(paths.length).toBe(2);
    paths[1].value = "Helper.cs";
    sources[1].value = "namespace Samples; static class Helper {}";
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(main.querySelector('[role="alert"]')?.textContent).toBe(
      "The object was not created. Invalid request: The request has invalid fields. name: An object name starts with a letter.");
    (form.querySelector('input[name="name"]') as HTMLInputElement).value = "Calc2";
    form.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    const post = calls.filter((c) => c.url === "/api/objects" && c.method === "POST").pop()!;
    expect(Object.keys((post.body as { files: object }).files)).toEqual(["Calculator.cs", "Helper.cs"]);
    expect((post.body as { description: string }).description).toBe("Adds");
    expect(created).toHaveBeenCalledWith("Calc2");
  });
});
