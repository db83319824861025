/**
 * Hash router: #/signin, #/objects, #/new (new object; not under /objects, so an object may be named "new"),
 * #/objects/{name}, #/from-scratch, #/runs, #/runs/{id}, #/monitors, #/events (audit log), #/outbox, #/tokens,
 * #/users (admins; linked in the navigation for admins only).
 */
import "./style.css";
import { api, session, setUnauthorizedHandler } from "./api/client";
import { describeIsolation } from "./lib/isolation";
import { clear, h } from "./lib/dom";
import { renderSignIn } from "./pages/signin";
import { renderObjects } from "./pages/objects";
import { renderObject } from "./pages/object";
import { renderNewObject } from "./pages/new-object";
import { renderEvents } from "./pages/events";
import { renderFromScratch } from "./pages/from-scratch";
import { renderMonitors } from "./pages/monitors";
import { renderOutbox } from "./pages/outbox";
import { renderRun } from "./pages/run";
import { renderRuns } from "./pages/runs";
import { renderTokens } from "./pages/tokens";
import { renderUsers } from "./pages/users";

const main = document.getElementById("main") as HTMLElement;
const nav = document.getElementById("nav") as HTMLElement;

export function navigate(hash: string): void {
  if (location.hash === hash) void route();
  else location.hash = hash;
}

setUnauthorizedHandler((error) => {
  // A page may have several calls in flight; the first 401 is enough (a second would render sign-in twice and lose the reason).
  if (location.hash === "#/signin") return;
  // A disabled account's token is valid: signing in again with it would not help, and the host says why.
  const reason = error.title === "Account disabled" && error.detail
    ? error.detail
    : "Your session ended: sign in again with a valid API token.";
  sessionStorage.setItem("durableobjects.signin-reason", reason);
  navigate("#/signin");
});

function renderNav(): void {
  if (!session.token) {
    clear(nav);
    return;
  }
  if (session.role === null) {
    // Signed in before the role was kept (or it was cleared): read it once; the Users link appears for admins.
    api.me().then((me) => {
      if (!me?.role || !session.token) return;
      session.setRole(me.role);
      renderNav();
      markCurrent();
    }, () => undefined);
  }
  clear(
    nav,
    h("a", { href: "#/objects" }, "Objects"),
    h("a", { href: "#/new" }, "New object"),
    h("a", { href: "#/from-scratch" }, "Create from scratch"),
    h("a", { href: "#/runs" }, "Runs"),
    h("a", { href: "#/monitors" }, "Monitors"),
    h("a", { href: "#/events" }, "Audit log"),
    h("a", { href: "#/outbox" }, "Outbox"),
    h("a", { href: "#/tokens" }, "Tokens"),
    session.role === "admin" ? h("a", { href: "#/users" }, "Users") : null,
    h("button", {
      type: "button",
      className: "link",
      onclick: () => {
        session.clear();
        navigate("#/signin");
      },
    }, "Sign out"),
    isolationStatus(),
  );
}

/** The sandbox status line: what isolation the host's runners actually get (GET /health/isolation). */
function isolationStatus(): HTMLElement {
  const line = h("span", { className: "isolation", role: "status" }, "Sandbox: …");
  api.isolation().then((report) => report, () => null).then((report) => {
    const described = describeIsolation(report);
    line.textContent = described.text;
    line.title = described.title;
    line.dataset.level = described.level;
  }, () => undefined);
  return line;
}

/** Marks the navigation link of the page shown. */
function markCurrent(): void {
  const path = location.hash.replace(/^#/, "") || "/objects";
  for (const a of nav.querySelectorAll("a")) {
    const href = a.getAttribute("href") ?? "";
    // #/objects/{name} and #/runs/{id} belong to their list's link
    if (href === `#${path}`) a.setAttribute("aria-current", "page");
    else if (`#${path}`.startsWith(`${href}/`)) a.setAttribute("aria-current", "location");
    else a.removeAttribute("aria-current");
  }
}

async function route(): Promise<void> {
  const path = location.hash.replace(/^#/, "") || "/objects";
  renderNav();
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (!session.token && parts[0] !== "signin") {
    navigate("#/signin");
    return;
  }
  markCurrent();
  clear(main);
  if (parts[0] === "signin") await renderSignIn(main, () => navigate("#/objects"));
  else if (parts[0] === "new") await renderNewObject(main, (name) => navigate(`#/objects/${encodeURIComponent(name)}`));
  else if (parts[0] === "objects" && parts[1]) await renderObject(main, parts[1]);
  else if (parts[0] === "objects" || parts.length === 0) await renderObjects(main);
  else if (parts[0] === "from-scratch") await renderFromScratch(main, (runId) => navigate(`#/runs/${encodeURIComponent(runId)}`));
  else if (parts[0] === "runs" && parts[1]) await renderRun(main, parts[1]);
  else if (parts[0] === "runs") await renderRuns(main);
  else if (parts[0] === "monitors") await renderMonitors(main);
  else if (parts[0] === "events") await renderEvents(main);
  else if (parts[0] === "outbox") await renderOutbox(main);
  else if (parts[0] === "tokens") await renderTokens(main);
  else if (parts[0] === "users") await renderUsers(main);
  else clear(main, h("h1", {}, "Not found"), h("p", {}, h("a", { href: "#/objects" }, "Back to the objects")));
  const heading = main.querySelector("h1");
  document.title = heading ? `${heading.textContent} · DurableObjects` : "DurableObjects";
}

// The skip link moves focus to the content; following its "#main" would be read as a route by the hash router.
document.querySelector<HTMLAnchorElement>("a.skip")?.addEventListener("click", (e) => {
  e.preventDefault();
  main.focus();
});

window.addEventListener("hashchange", () => {
  const rendered = route();
  // Keyboard and screen-reader users land on the new page's content, unless the page already put the focus in one
  // of its fields (sign-in, new object), which rendering does before its first wait.
  if (!main.contains(document.activeElement)) main.focus({ preventScroll: true });
  void rendered;
});
void route();
