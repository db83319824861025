import { api, collect } from "../api/client";
import { describeError } from "../api/problem";
import type { ObjectInfo } from "../api/types";
import { clear, errorBox, field, formatDate, h, loading } from "../lib/dom";

export function statusBadge(status: string): HTMLElement {
  return h("span", { className: `badge badge-${status}` }, status);
}

export function deploymentsSummary(o: ObjectInfo): HTMLElement {
  const entries = Object.entries(o.deployments ?? {});
  if (!entries.length) return h("span", { className: "muted" }, "not deployed");
  return h("ul", { className: "inline" }, entries.map(([env, d]) => h("li", {}, `${env}: v${d.version}`)));
}

export const statuses = ["draft", "deployed", "failed", "deprecated"];

export async function renderObjects(main: HTMLElement, status = ""): Promise<void> {
  const filter = h("select", { name: "status" }, h("option", { value: "" }, "All"),
    statuses.map((s) => h("option", { value: s, selected: s === status }, s)));
  filter.addEventListener("change", () => void load(filter.value));
  const region = h("div", { "aria-live": "polite" });
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
    clear(region, objectsTable(objects));
  }
}

function objectsTable(objects: ObjectInfo[]): HTMLElement {
  return h(
    "table",
    { className: "objects" },
    h("caption", { className: "sr-only" }, "Objects"),
    h("thead", {}, h("tr", {}, ["Name", "Status", "Current", "Deployed", "Updated"].map((t) => h("th", { scope: "col" }, t)))),
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
          h("td", { "data-label": "Updated" }, formatDate(o.updatedAt)),
        ),
      ),
    ),
  );
}
