// @vitest-environment happy-dom
/** #/users over a fake host that answers like the real one: list, change a role and disable / enable (each after a confirmation), create (token shown once). */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { session } from "../src/api/client";
import { renderUsers } from "../src/pages/users";

type Call = { url: string; method: string; body?: Record<string, unknown>; key?: string };
type User = { id: string; role: string; disabled: boolean; createdAt: string };
let calls: Call[];
let users: User[];
/** PATCHes still to answer 503 with Retry-After (storage unavailable) before applying one. */
let patchUnavailable: number;

function json(status: number, body: unknown, type = "application/json"): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": type } });
}

function fakeHost(url: string, init: RequestInit = {}): Response {
  const method = init.method ?? "GET";
  const headers = (init.headers ?? {}) as Record<string, string>;
  const body = init.body ? JSON.parse(String(init.body)) : undefined;
  calls.push({ url, method, body, key: headers["Idempotency-Key"] });
  if (url === "/api/me") return json(200, { id: "admin", role: "admin" });
  if (url === "/api/users" && method === "GET") return json(200, users);
  if (url === "/api/users" && method === "POST") {
    const user = { id: String(body.name).toLowerCase(), role: String(body.role), disabled: false, createdAt: "2026-11-24T08:00:00Z" };
    users.push(user);
    return json(201, { user, token: { userId: user.id, tokenId: "00112233aabb", token: "do_<b>first</b>" } });
  }
  const m = /^\/api\/users\/([^/]+)$/.exec(url);
  if (m && method === "PATCH") {
    if (patchUnavailable > 0) {
      patchUnavailable--;
      return new Response(JSON.stringify({ title: "Storage unavailable", status: 503 }), { status: 503, headers: { "content-type": "application/problem+json", "retry-after": "0.01" } });
    }
    const user = users.find((u) => u.id === decodeURIComponent(m[1]));
    if (!user) return json(404, { title: "Not found", status: 404, detail: `No user named '${m[1]}'.` }, "application/problem+json");
    if (user.id === "admin") return json(409, { title: "Conflict", status: 409, detail: "Admins cannot demote or disable themselves." }, "application/problem+json");
    Object.assign(user, body);
    return json(200, user);
  }
  return json(404, { title: "Not found", status: 404 }, "application/problem+json");
}

const settle = () => new Promise((r) => setTimeout(r, 20));
let main: HTMLElement;
const button = (name: string) => [...main.querySelectorAll("button")].find((b) => (b.getAttribute("aria-label") ?? b.textContent) === name);
const rowOf = (id: string) => [...main.querySelectorAll("tbody tr")].find((r) => r.querySelector('[data-label="User"]')?.firstChild?.textContent === id)!;

beforeEach(() => {
  calls = [];
  patchUnavailable = 0;
  users = [
    { id: "admin", role: "admin", disabled: false, createdAt: "2026-11-24T07:00:00Z" },
    { id: "ada", role: "member", disabled: false, createdAt: "2026-11-24T07:10:00Z" },
    { id: "<img src=x onerror=alert(1)>", role: "viewer", disabled: true, createdAt: "2026-11-24T07:20:00Z" },
  ];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => fakeHost(url, init)));
  session.set("do_signed-in", "admin");
  document.body.innerHTML = '<main id="main"></main>';
  main = document.getElementById("main")!;
});
afterEach(() => vi.unstubAllGlobals());

describe("users", () => {
  it("lists users with role and account as text, and gives your own row no controls", async () => {
    await renderUsers(main);

    expect(main.querySelector("h1")?.textContent).toBe("Users");
    expect(main.querySelectorAll("tbody tr").length).toBe(3);
    expect(main.querySelector("img")).toBeNull();
    expect(rowOf("<img src=x onerror=alert(1)>").querySelector('[data-label="Account"]')?.textContent).toBe("disabled");
    expect(button("Enable <img src=x onerror=alert(1)>")).toBeTruthy();
    expect(rowOf("ada").querySelector<HTMLSelectElement>("select")?.value).toBe("member");
    expect(button("Disable ada")?.textContent).toBe("Disable");
    expect(rowOf("admin").textContent).toContain("you");
    expect(rowOf("admin").querySelector("button, select")).toBeNull();
  });

  it("disables only after a confirmation, then re-reads the list", async () => {
    await renderUsers(main);

    vi.stubGlobal("confirm", () => false);
    button("Disable ada")!.click();
    await settle();
    expect(calls.some((c) => c.method === "PATCH")).toBe(false);

    let asked = "";
    vi.stubGlobal("confirm", (q: string) => { asked = q; return true; });
    button("Disable ada")!.click();
    await settle();
    const patch = calls.find((c) => c.method === "PATCH")!;
    expect(patch.url).toBe("/api/users/ada");
    expect(patch.body).toEqual({ disabled: true });
    expect(asked).toContain("Nothing is deleted");
    expect(main.textContent).toContain("Disabled ada");
    expect(rowOf("ada").querySelector('[data-label="Account"]')?.textContent).toBe("disabled");
    expect(button("Enable ada")).toBeTruthy();
  });

  it("changes a role after a confirmation naming both roles", async () => {
    await renderUsers(main);
    let asked = "";
    vi.stubGlobal("confirm", (q: string) => { asked = q; return true; });

    rowOf("ada").querySelector<HTMLSelectElement>("select")!.value = "admin";
    button("Change the role of ada")!.click();
    await settle();

    expect(asked).toContain("from member to admin");
    expect(calls.find((c) => c.method === "PATCH")!.body).toEqual({ role: "admin" });
    expect(main.textContent).toContain("ada is now an admin.");
    expect(rowOf("ada").querySelector<HTMLSelectElement>("select")?.value).toBe("admin");
  });

  it("sends each change with a fresh Idempotency-Key, and its retry after a 503 with the same one", async () => {
    await renderUsers(main);
    vi.stubGlobal("confirm", () => true);
    patchUnavailable = 1;

    button("Disable ada")!.click();
    await settle();
    await vi.waitFor(() => expect(button("Enable ada")).toBeTruthy());
    button("Enable ada")!.click();
    await settle();
    await vi.waitFor(() => expect(button("Disable ada")).toBeTruthy());

    const patches = calls.filter((c) => c.method === "PATCH");
    expect(patches.map((c) => c.body)).toEqual([{ disabled: true }, { disabled: true }, { disabled: false }]);
    expect(patches[0].key).toBeTruthy();
    expect(patches[1].key).toBe(patches[0].key);
    expect(patches[2].key).toBeTruthy();
    expect(patches[2].key).not.toBe(patches[0].key);
  });

  it("shows the host's refusal and changes nothing on the page", async () => {
    users.push({ id: "ghost", role: "member", disabled: false, createdAt: "2026-11-24T07:30:00Z" });
    await renderUsers(main);
    users = users.filter((u) => u.id !== "ghost");
    vi.stubGlobal("confirm", () => true);

    button("Disable ghost")!.click();
    await settle();

    expect(main.querySelector('[role="alert"]')?.textContent).toContain("No user named 'ghost'.");
  });

  it("creates a user with a key and shows their first token once", async () => {
    await renderUsers(main);
    main.querySelector<HTMLInputElement>('input[name="name"]')!.value = "Bob";
    main.querySelector<HTMLSelectElement>('select[name="role"]')!.value = "viewer";

    main.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();

    const post = calls.find((c) => c.method === "POST")!;
    expect(post.body).toEqual({ name: "Bob", role: "viewer" });
    expect(post.key).toBeTruthy();
    expect(main.querySelector<HTMLInputElement>('[role="status"] input')!.value).toBe("do_<b>first</b>");
    expect(main.querySelector("b")).toBeNull();
    expect(main.textContent).toContain("it will not be shown again");
    expect(rowOf("bob")).toBeTruthy();

    await renderUsers(main);
    expect(main.innerHTML).not.toContain("do_");
  });
});
