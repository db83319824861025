/**
 * #/outbox: messages the system could not deliver (channel not configured, provider refused), newest first, with
 * why. On a fresh machine without SMS this is where a phone verification code can be read.
 */
import { api } from "../api/client";
import { describeError } from "../api/problem";
import { outboxChannels, type OutboxItem } from "../api/types";
import { busy, clear, errorBox, field, formatDate, h, loading } from "../lib/dom";

export async function renderOutbox(main: HTMLElement): Promise<void> {
  const channel = h("select", { name: "channel" }, h("option", { value: "" }, "All"), outboxChannels.map((c) => h("option", { value: c }, c)));
  channel.addEventListener("change", () => void load());
  const region = h("div", { "aria-live": "polite" });
  const more = h("div", {});
  clear(main, h("h1", {}, "Outbox"),
    h("p", { className: "muted" }, "Messages that could not be sent, kept whole so nothing is lost."),
    h("div", { className: "row" }, field("Channel", channel)), region, more);
  await load();

  async function load(): Promise<void> {
    const only = channel.value || undefined;
    clear(more);
    clear(region, loading("Loading the outbox…"));
    try {
      const page = await api.listOutbox(only);
      if (!page.items?.length) {
        clear(region, h("p", { className: "empty" }, only ? `Nothing is waiting on ${only}.` : "Nothing is waiting: every message was delivered."));
        return;
      }
      const body = h("tbody", {});
      clear(region, h("table", { className: "outbox" },
        h("caption", { className: "sr-only" }, "Undelivered messages"),
        h("thead", {}, h("tr", {}, ["Channel", "To", "Message", "Reason", "Last error", "Created"].map((t) => h("th", { scope: "col" }, t)))),
        body));
      append(body, page.items, page.continuationToken ?? undefined, only);
    } catch (err) {
      clear(region, errorBox(`Could not load the outbox. ${describeError(err)}`));
    }
  }

  function append(body: HTMLElement, items: OutboxItem[], token: string | undefined, only: string | undefined): void {
    body.append(...items.map(outboxRow));
    // One "Older messages" button kept across pages, so keyboard focus stays on it.
    clear(more);
    if (!token) return;
    let next: string | undefined = token;
    const older = h("button", { type: "button", className: "secondary" }, "Older messages");
    const status = h("div", { "aria-live": "polite" });
    older.addEventListener("click", async () => {
      clear(status);
      try {
        const page = await busy(older, () => api.listOutbox(only, next));
        body.append(...(page.items ?? []).map(outboxRow));
        next = page.continuationToken ?? undefined;
        if (!next) {
          older.hidden = true;
          clear(status, h("p", { className: "muted small" }, "That is all."));
        }
      } catch (err) {
        clear(status, errorBox(`Could not load older messages. ${describeError(err)}`));
      }
    });
    clear(more, older, status);
  }
}

function outboxRow(m: OutboxItem): HTMLElement {
  return h("tr", {},
    h("td", { "data-label": "Channel" }, m.channel),
    h("td", { "data-label": "To" }, m.target),
    h("td", { "data-label": "Message" }, m.subject ? h("strong", {}, m.subject) : null, m.text ? h("div", { className: "message-text" }, m.text) : null),
    h("td", { "data-label": "Reason" }, m.reason ?? ""),
    h("td", { "data-label": "Last error" }, m.detail ?? ""),
    h("td", { "data-label": "Created" }, formatDate(m.createdAt)));
}
