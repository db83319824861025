// @vitest-environment happy-dom
/** The hash router in main.ts: sign-in guard, routes, 401 → back to sign-in. */
import { expect, it, vi } from "vitest";

const settle = () => new Promise((r) => setTimeout(r, 30));

it("guards, routes and sends a 401 back to sign-in", async () => {
  let status = 200;
  vi.stubGlobal("fetch", vi.fn(async () =>
    status === 200
      ? new Response(JSON.stringify({ items: [], continuationToken: null }), { status: 200, headers: { "content-type": "application/json" } })
      : new Response(JSON.stringify({ title: "Authentication required", status: 401 }), { status: 401, headers: { "content-type": "application/problem+json" } })));
  document.body.innerHTML = '<nav id="nav"></nav><main id="main"></main>';
  location.hash = "#/objects";
  await import("../src/main");
  await settle();
  expect(location.hash).toBe("#/signin");
  await settle();
  expect(document.querySelector("h1")?.textContent).toBe("Sign in");
  expect(document.querySelectorAll("#nav a").length).toBe(0);

  sessionStorage.setItem("durableobjects.token", "t");
  location.hash = "#/objects";
  await settle();
  expect(document.querySelector("h1")?.textContent).toBe("Objects");
  expect(document.querySelector("main")?.textContent).toContain("No objects yet.");
  expect(document.querySelector('#nav a[aria-current="page"]')?.getAttribute("href")).toBe("#/objects");
  expect(document.title).toBe("Objects · DurableObjects");

  expect([...document.querySelectorAll("#nav a, #nav button")].map((e) => e.textContent)).toEqual(
    ["Objects", "New object", "Create from scratch", "Runs", "Monitors", "Audit log", "Outbox", "Tokens", "Sign out"]);

  location.hash = "#/new";
  await settle();
  expect(document.querySelector("h1")?.textContent).toBe("New object");

  for (const [hash, heading] of [["#/from-scratch", "Create from scratch"], ["#/runs", "Runs"], ["#/monitors", "Monitors"],
    ["#/events", "Audit log"], ["#/outbox", "Outbox"], ["#/tokens", "Tokens"], ["#/runs/0196f3a2b4c57d8e9f0a1b2c3d4e5f60", "Run 0196f3a2"]]) {
    location.hash = hash;
    await settle();
    expect(document.querySelector("h1")?.textContent, hash).toBe(heading);
  }
  // the run page was not stopped by the hash change that opened it: it follows the run
  expect(document.querySelector(".live")?.textContent).toBe("Live");
  // a run's page belongs to the Runs link
  expect(document.querySelector('#nav a[href="#/runs"]')?.getAttribute("aria-current")).toBe("location");

  // Admins (the role read at sign-in, or from GET /api/me) also get the Users page.
  sessionStorage.setItem("durableobjects.role", "admin");
  location.hash = "#/users";
  await settle();
  expect([...document.querySelectorAll("#nav a")].map((e) => e.textContent)).toContain("Users");
  expect(document.querySelector('#nav a[aria-current="page"]')?.getAttribute("href")).toBe("#/users");
  expect(document.querySelector("h1")?.textContent).toBe("Users");

  status = 401;
  location.hash = "#/objects";
  await settle();
  await settle();
  expect(location.hash).toBe("#/signin");
  expect(sessionStorage.getItem("durableobjects.token")).toBeNull();
  expect(document.querySelector("main")?.textContent).toContain("Your session ended");
  vi.unstubAllGlobals();
});

it("says so when the account is disabled, instead of asking for another token", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(
    JSON.stringify({ title: "Account disabled", status: 401, detail: "The account 'ada' is disabled: nothing can be done with it until an admin enables it again." }),
    { status: 401, headers: { "content-type": "application/problem+json" } })));
  sessionStorage.setItem("durableobjects.token", "t");
  location.hash = "#/runs";
  await settle();
  await settle();
  expect(location.hash).toBe("#/signin");
  expect(document.querySelector("main")?.textContent).toContain("The account 'ada' is disabled");
  expect(document.querySelector("main")?.textContent).not.toContain("Your session ended");
  vi.unstubAllGlobals();
});
