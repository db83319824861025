/** #/runs: pipeline runs, newest first, optionally for one object. */
import { api, itemsOf } from "../api/client";
import { describeError } from "../api/problem";
import type { RunSummary } from "../api/types";
import { clear, errorBox, field, formatDate, h, loading } from "../lib/dom";

/** A run's status as a badge; the text is the wire status (running, awaiting_approval, succeeded, …). */
export function runBadge(status: string, attrs: Record<string, string> = {}): HTMLElement {
  return h("span", { className: `badge badge-${status}`, ...attrs }, status);
}

export const shortId = (id: string) => id.slice(0, 8);

export async function renderRuns(main: HTMLElement, objectName = ""): Promise<void> {
  const filter = h("input", { type: "text", name: "object", value: objectName, autocomplete: "off", spellcheck: "false" });
  const show = h("button", { type: "submit", className: "secondary" }, "Show runs");
  const form = h("form", { className: "row" }, field("Object", filter), show);
  const region = h("div", { "aria-live": "polite" });
  let shown: string | null = null;
  const apply = () => {
    const value = filter.value.trim();
    if (value !== shown) void load(value);
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    apply();
  });
  filter.addEventListener("change", apply);
  clear(main, h("h1", {}, "Runs"), form, region);
  await load(objectName.trim());

  async function load(name: string): Promise<void> {
    shown = name;
    clear(region, loading("Loading runs…"));
    let runs: RunSummary[];
    try {
      runs = itemsOf(await api.listRuns(name || undefined, 100));
    } catch (err) {
      shown = null;
      clear(region, errorBox(`Could not load the runs. ${describeError(err)}`));
      return;
    }
    if (name !== shown) return; // a newer filter is loading
    if (!runs.length) {
      clear(region, h("p", {}, name ? `No runs for ${name}.` : "No runs yet. Start one from an object's page (Modify) or with ",
        h("a", { href: "#/from-scratch" }, "Create from scratch"), "."));
      return;
    }
    clear(region, runsTable(runs));
  }
}

function runsTable(runs: RunSummary[]): HTMLElement {
  return h(
    "table",
    { className: "runs" },
    h("caption", { className: "sr-only" }, "Runs"),
    h("thead", {}, h("tr", {}, ["Run", "Object", "Kind", "Status", "Started", "Updated"].map((t) => h("th", { scope: "col" }, t)))),
    h(
      "tbody",
      {},
      runs.map((r) =>
        h(
          "tr",
          {},
          h("td", { "data-label": "Run" }, h("a", { href: `#/runs/${encodeURIComponent(r.runId)}` }, `Open run ${shortId(r.runId)}`)),
          h("td", { "data-label": "Object" }, h("a", { href: `#/objects/${encodeURIComponent(r.objectName)}` }, r.objectName)),
          h("td", { "data-label": "Kind" }, r.kind, r.manual ? h("span", { className: "muted small" }, " (edited code)") : null),
          h("td", { "data-label": "Status" }, runBadge(r.status), r.version ? h("span", { className: "small" }, ` v${r.version}`) : null),
          h("td", { "data-label": "Started" }, formatDate(r.createdAt)),
          h("td", { "data-label": "Updated" }, formatDate(r.updatedAt)),
        ),
      ),
    ),
  );
}
