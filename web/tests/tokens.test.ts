// @vitest-environment happy-dom
/** #/tokens over a fake host that answers like the real one: list, revoke (after a confirmation), create (shown once). */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { session } from "../src/api/client";
import { renderTokens, tokenId } from "../src/pages/tokens";

type Call = { url: string; method: string; body?: Record<string, unknown>; key?: string };
let calls: Call[];
let tokens: { id: string; name: string; createdAt: string }[];

function json(status: number, body: unknown, type = "application/json"): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": type } });
}

function fakeHost(url: string, init: RequestInit = {}): Response {
  const method = init.method ?? "GET";
  const headers = (init.headers ?? {}) as Record<string, string>;
  calls.push({ url, method, body: init.body ? JSON.parse(String(init.body)) : undefined, key: headers["Idempotency-Key"] });
  if (url === "/api/tokens" && method === "GET") return json(200, { items: tokens });
  if (url === "/api/tokens" && method === "POST") {
    const created = { id: "00112233aabb", name: (calls.at(-1)!.body!.name as string | null) ?? "api", createdAt: "2026-11-24T08:00:00Z" };
    tokens.push(created);
    return json(201, { userId: "ada", tokenId: created.id, token: "do_<b>secret</b>" });
  }
  const m = /^\/api\/tokens\/([^/]+)$/.exec(url);
  if (m && method === "DELETE") {
    if (!tokens.some((t) => t.id === m[1])) return json(404, { title: "Not found", status: 404, detail: `You have no token '${m[1]}'.` }, "application/problem+json");
    tokens = tokens.filter((t) => t.id !== m[1]);
    return new Response(null, { status: 204 });
  }
  return json(404, { title: "Not found", status: 404 }, "application/problem+json");
}

const settle = () => new Promise((r) => setTimeout(r, 20));
let main: HTMLElement;
const button = (name: string) => [...main.querySelectorAll("button")].find((b) => (b.getAttribute("aria-label") ?? b.textContent) === name)!;

beforeEach(() => {
  calls = [];
  tokens = [
    { id: "0123456789ab", name: "laptop", createdAt: "2026-11-24T07:00:00Z" },
    { id: "ba9876543210", name: "<img src=x onerror=alert(1)>", createdAt: "2026-11-24T07:30:00Z" },
  ];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => fakeHost(url, init)));
  session.set("do_signed-in");
  document.body.innerHTML = '<main id="main"></main>';
  main = document.getElementById("main")!;
});
afterEach(() => vi.unstubAllGlobals());

describe("tokens", () => {
  it("lists the tokens by name and id, as text, with a revoke button named after each", async () => {
    await renderTokens(main);

    expect(main.querySelector("h1")?.textContent).toBe("Tokens");
    const rows = main.querySelectorAll("tbody tr");
    expect(rows.length).toBe(2);
    expect(rows[0].querySelector('[data-label="Id"]')?.textContent).toBe("0123456789ab");
    expect(rows[1].querySelector('[data-label="Name"]')?.textContent).toBe("<img src=x onerror=alert(1)>");
    expect(main.querySelector("img")).toBeNull();
    expect(button("Revoke token laptop (0123456789ab)").textContent).toBe("Revoke");
  });

  it("revokes only after a confirmation, then re-reads the list", async () => {
    await renderTokens(main);

    vi.stubGlobal("confirm", () => false);
    button("Revoke token laptop (0123456789ab)").click();
    await settle();
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);

    vi.stubGlobal("confirm", () => true);
    button("Revoke token laptop (0123456789ab)").click();
    await settle();
    expect(calls.find((c) => c.method === "DELETE")!.url).toBe("/api/tokens/0123456789ab");
    expect(main.querySelectorAll("tbody tr").length).toBe(1);
    expect(main.textContent).toContain("Revoked “laptop (0123456789ab)”.");
  });

  it("says so when the token is already gone", async () => {
    await renderTokens(main);
    tokens = tokens.filter((t) => t.id !== "0123456789ab");
    vi.stubGlobal("confirm", () => true);

    button("Revoke token laptop (0123456789ab)").click();
    await settle();

    expect(main.querySelector('[role="alert"]')?.textContent).toContain("You have no token '0123456789ab'.");
  });

  it("creates a token with a key and shows its value once", async () => {
    await renderTokens(main);
    const name = main.querySelector<HTMLInputElement>('input[name="name"]')!;
    name.value = "ci";

    main.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();

    const post = calls.find((c) => c.method === "POST")!;
    expect(post.body).toEqual({ name: "ci" });
    expect(post.key).toBeTruthy();
    const shown = main.querySelector<HTMLInputElement>('[role="status"] input')!;
    expect(shown.value).toBe("do_<b>secret</b>");
    expect(main.querySelector("b")).toBeNull();
    expect(main.textContent).toContain("it will not be shown again");
    expect(main.querySelectorAll("tbody tr").length).toBe(3);

    // Leaving and coming back: the value is not there any more (only ids and names are listed).
    await renderTokens(main);
    expect(main.innerHTML).not.toContain("secret");
    expect(main.querySelector('[role="status"] input')).toBeNull();
  });

  it("marks the token this session uses and signs out after revoking it", async () => {
    const id = await tokenId("do_signed-in");
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    tokens.push({ id: id!, name: "browser", createdAt: "2026-11-24T07:45:00Z" });
    await renderTokens(main);
    let asked = "";
    vi.stubGlobal("confirm", (question: string) => { asked = question; return true; });

    expect(main.querySelector("tbody tr:last-child")?.textContent).toContain("this session");
    button(`Revoke token browser (${id})`).click();
    await settle();

    expect(asked).toContain("You are signed in with it");
    expect(session.token).toBeNull();
    expect(location.hash).toBe("#/signin");
  });
});
