import { api, collect, itemsOf } from "../api/client";
import { describeError } from "../api/problem";
import type { ObjectInfo, RunSummary } from "../api/types";
import { clear, errorBox, field, formatDate, h, loading } from "../lib/dom";
import { runBadge } from "./runs";

export function statusBadge(status: string): HTMLElement {
  return h("span", { className: `badge badge-${status}` }, status);
}

export function deploymentsSummary(o: ObjectInfo): HTMLElement {
  const entries = Object.entries(o.deployments ?? {});
  if (!entries.length) return h("span", { className: "muted" }, "not deployed");
  return h("ul", { className: "inline" }, entries.map(([env, d]) => h("li", {}, `${env}: v${d.version}`)));
}

export const statuses = ["draft", "deployed", "failed", "deprecated"];

/** The newest run of each object (keys lower-case: names are unique ignoring case). */
export function lastRuns(runs: RunSummary[]): Map<string, RunSummary> {
  const newest = new Map<string, RunSummary>();
  for (const r of runs) {
    const key = r.objectName.toLowerCase();
    const seen = newest.get(key);
    if (!seen || Date.parse(r.createdAt) > Date.parse(seen.createdAt)) newest.set(key, r);
  }
  return newest;
}

export async function renderObjects(main: HTMLElement, status = ""): Promise<void> {
  const filter = h("select", { name: "status" }, h("option", { value: "" }, "All"),
    statuses.map((s) => h("option", { value: s, selected: s === status }, s)));
  filter.addEventListener("change", () => void load(filter.value));
  const region = h("div", { "aria-live": "polite" });
  // One listing of recent runs for the "Last run" column; the page works without it.
  const runs = api.listRuns(undefined, 200).then((p) => lastRuns(itemsOf(p)), () => new Map<string, RunSummary>());
  clear(main, h("div", { className: "title-row" }, h("h1", {}, "Objects"), h("a", { className: "button", href: "#/new" }, "New object")),
    h("div", { className: "row" }, field("Status", filter)), region);
  await load(status);

  async function load(status: string): Promise<void> {
    clear(region, loading("Loading objects…"));
    let objects: ObjectInfo[];
    try {
      objects = await collect<ObjectInfo>((token) => api.listObjects(token, status || undefined), 1000);
    } catch (err) {
      clear(region, errorBox(`Could not load the objects. ${describeError(err)}`));
      return;
    }
    if (!objects.length) {
      clear(region, status
        ? h("p", {}, `No ${status} objects.`)
        : h("p", {}, "No objects yet. ", h("a", { href: "#/new" }, "Create the first one"), "."));
      return;
    }
    clear(region, objectsTable(objects, await runs));
  }
}

function objectsTable(objects: ObjectInfo[], runs: Map<string, RunSummary>): HTMLElement {
  return h(
    "table",
    { className: "objects" },
    h("caption", { className: "sr-only" }, "Objects"),
    h("thead", {}, h("tr", {}, ["Name", "Status", "Current", "Deployed", "Last run", "Updated"].map((t) => h("th", { scope: "col" }, t)))),
    h(
      "tbody",
      {},
      objects.map((o) =>
        h(
          "tr",
          {},
          h("td", { "data-label": "Name" }, h("a", { href: `#/objects/${encodeURIComponent(o.name)}` }, o.name),
            o.description ? h("div", { className: "muted small" }, o.description) : null),
          h("td", { "data-label": "Status" }, statusBadge(o.status)),
          h("td", { "data-label": "Current" }, `v${o.currentVersion}`, o.latestVersion !== o.currentVersion ? h("span", { className: "muted small" }, ` (latest v${o.latestVersion})`) : null),
          h("td", { "data-label": "Deployed" }, deploymentsSummary(o)),
          h("td", { "data-label": "Last run" }, lastRunCell(runs.get(o.name.toLowerCase()))),
          h("td", { "data-label": "Updated" }, formatDate(o.updatedAt)),
        ),
      ),
    ),
  );
}

function lastRunCell(run: RunSummary | undefined): HTMLElement {
  if (!run) return h("span", { className: "muted" }, "—");
  return h("a", { href: `#/runs/${encodeURIComponent(run.runId)}`, title: `${run.kind} run of ${formatDate(run.createdAt)}` }, runBadge(run.status));
}
