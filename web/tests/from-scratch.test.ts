// @vitest-environment happy-dom
/** #/from-scratch over a fake host: 202 opens the run, 503 explains, validation errors land on their fields. */
import { beforeEach, afterEach, expect, it, vi } from "vitest";
import { session } from "../src/api/client";
import { renderFromScratch } from "../src/pages/from-scratch";

let calls: { url: string; body: Record<string, unknown> }[];
let answer: "ok" | "no-model" | "invalid";
const settle = () => new Promise((r) => setTimeout(r, 20));
const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ status, ...body }), { status, headers: { "content-type": "application/problem+json" } });

beforeEach(() => {
  calls = [];
  answer = "ok";
  vi.stubGlobal("fetch", vi.fn(async (url: string, init: RequestInit = {}) => {
    calls.push({ url, body: JSON.parse(String(init.body)) });
    if (answer === "no-model") return problem(503, { title: "No language model is configured", detail: "Set DurableObjects:Models:Endpoint." });
    if (answer === "invalid") return problem(400, { title: "Invalid request", detail: "The request has invalid fields.", errors: { requirements: ["Say what the object must do."] } });
    return new Response(JSON.stringify({ runId: "c".repeat(32), objectName: "Greeter", statusUrl: "", eventsUrl: "" }), { status: 202, headers: { "content-type": "application/json" } });
  }));
  session.set("good");
  document.body.innerHTML = '<main id="main"></main>';
});
afterEach(() => vi.unstubAllGlobals());

function byLabel(main: HTMLElement, text: string): HTMLInputElement {
  const label = [...main.querySelectorAll("label")].find((l) => l.textContent === text)!;
  return main.querySelector<HTMLInputElement>(`#${label.htmlFor}`)!;
}

it("sends name, description, requirements and the approval choice, then opens the run", async () => {
  const main = document.getElementById("main")!;
  const started = vi.fn();
  await renderFromScratch(main, started);
  expect(main.querySelector("h1")?.textContent).toBe("Create from scratch");
  byLabel(main, "Name").value = "Greeter";
  byLabel(main, "Description").value = "Says hello";
  byLabel(main, "Requirements").value = "Greet(name) returns 'Hello, name!'";
  byLabel(main, "Ask me to approve before it is committed").checked = true;
  expect(main.querySelector("button[type=submit]")?.textContent).toBe("Create from scratch");
  main.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
  await settle();
  expect(calls[0].url).toBe("/api/objects/from-scratch");
  expect(calls[0].body).toEqual({ name: "Greeter", description: "Says hello", requirements: "Greet(name) returns 'Hello, name!'", requireApproval: true });
  expect(started).toHaveBeenCalledWith("c".repeat(32));
});

it("explains a missing model in plain words", async () => {
  const main = document.getElementById("main")!;
  answer = "no-model";
  const started = vi.fn();
  await renderFromScratch(main, started);
  main.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
  await settle();
  expect(main.querySelector('[role="alert"]')?.textContent).toBe(
    "The object was not started. No language model is configured: Set DurableObjects:Models:Endpoint.");
  expect(main.querySelector('a[href="#/new"]')).not.toBeNull();
  expect(started).not.toHaveBeenCalled();
});

it("puts validation errors on their fields", async () => {
  const main = document.getElementById("main")!;
  answer = "invalid";
  await renderFromScratch(main, vi.fn());
  main.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
  await settle();
  const requirements = byLabel(main, "Requirements");
  expect(requirements.getAttribute("aria-invalid")).toBe("true");
  expect(document.getElementById(requirements.getAttribute("aria-errormessage")!)?.textContent).toBe("Say what the object must do.");
  expect(byLabel(main, "Name").hasAttribute("aria-invalid")).toBe(false);
  expect(main.querySelector('[role="alert"]')?.textContent).toContain("requirements: Say what the object must do.");
  expect(document.activeElement).toBe(requirements);
});
