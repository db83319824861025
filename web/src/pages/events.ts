/** #/events: the decision chain (verify on demand) and the audit log, newest first, filtered by type and subject, a page at a time (GET /api/events). */
import { api } from "../api/client";
import { describeError } from "../api/problem";
import type { AuditEvent } from "../api/types";
import { busy, clear, errorBox, field, formatDate, h, loading } from "../lib/dom";
import { renderChainSection } from "./audit-chain";

/** An event's data as compact JSON ("" when it has none). */
export function compactData(data: AuditEvent["data"]): string {
  return data && Object.keys(data).length ? JSON.stringify(data) : "";
}

export async function renderEvents(main: HTMLElement): Promise<void> {
  const type = h("input", { type: "text", name: "type", autocomplete: "off", spellcheck: "false", placeholder: "deploy.succeeded or run." });
  const subject = h("input", { type: "text", name: "subject", autocomplete: "off", spellcheck: "false", placeholder: "object/calculator" });
  const apply = h("button", { type: "submit", className: "secondary" }, "Show events");
  const form = h("form", { className: "row" },
    field("Type", type, "Exact, or a family ending in '.'."), field("Subject", subject, "e.g. object/calculator"), apply);
  const region = h("div", { "aria-live": "polite" });
  const more = h("div", {});
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void load();
  });
  clear(main, h("h1", {}, "Audit log"), renderChainSection(), h("h2", {}, "Events"), form, region, more);
  await load();

  async function load(): Promise<void> {
    const filter = { type: type.value.trim() || undefined, subject: subject.value.trim() || undefined };
    clear(more);
    clear(region, loading("Loading events…"));
    try {
      const page = await api.listEvents(filter);
      if (!page.items?.length) {
        clear(region, h("p", {}, filter.type || filter.subject ? "No events match." : "No events yet."));
        return;
      }
      const body = h("tbody", {});
      clear(region, h("table", { className: "events" },
        h("caption", { className: "sr-only" }, "Audit events"),
        h("thead", {}, h("tr", {}, ["Time", "Type", "Subject", "Actor", "Details"].map((t) => h("th", { scope: "col" }, t)))),
        body));
      append(body, page.items, page.continuationToken ?? undefined, filter);
    } catch (err) {
      clear(region, errorBox(`Could not load the audit log. ${describeError(err)}`));
    }
  }

  function append(body: HTMLElement, items: AuditEvent[], token: string | undefined, filter: { type?: string; subject?: string }): void {
    body.append(...items.map(eventRow));
    // One "Older events" button kept across pages, so keyboard focus stays on it.
    clear(more);
    if (!token) return;
    let next: string | undefined = token;
    const older = h("button", { type: "button", className: "secondary" }, "Older events");
    const status = h("div", { "aria-live": "polite" });
    older.addEventListener("click", async () => {
      clear(status);
      try {
        const page = await busy(older, () => api.listEvents(filter, next));
        body.append(...(page.items ?? []).map(eventRow));
        next = page.continuationToken ?? undefined;
        if (!next) {
          older.hidden = true;
          clear(status, h("p", { className: "muted small" }, "That is all."));
        }
      } catch (err) {
        clear(status, errorBox(`Could not load older events. ${describeError(err)}`));
      }
    });
    clear(more, older, status);
  }
}

function eventRow(e: AuditEvent): HTMLElement {
  return h("tr", {},
    h("td", { "data-label": "Time" }, formatDate(e.time)),
    h("td", { "data-label": "Type" }, h("code", {}, e.type)),
    h("td", { "data-label": "Subject" }, e.subject),
    h("td", { "data-label": "Actor" }, e.actor),
    h("td", { "data-label": "Details" }, h("code", { className: "json" }, compactData(e.data))));
}
