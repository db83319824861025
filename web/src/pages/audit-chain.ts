/**
 * The decision chain on the audit page: "Verify" walks it on the server (GET /api/audit/verify) and says whether it is
 * intact or which record is the first broken link; the records are listed newest first (GET /api/audit/chain), the
 * broken one marked, each with the decision's details as stored.
 */
import { api } from "../api/client";
import { describeError } from "../api/problem";
import type { ChainRecord, ChainVerification } from "../api/types";
import { busy, clear, errorBox, formatDate, h } from "../lib/dom";

/** The verdict as one sentence. */
export function describeVerification(v: ChainVerification): string {
  if (v.intact) {
    return v.records === 0
      ? "The decision chain is empty: no decision has been recorded yet."
      : `Intact: ${v.records} record(s), each linked to the one before; head hash ${v.headHash ?? ""}.`;
  }
  return `Broken at record ${v.brokenAt}: ${v.reason ?? "unknown reason"}`;
}

export function renderChainSection(): HTMLElement {
  const verify = h("button", { type: "button", className: "secondary", "data-testid": "verify-chain" }, "Verify the decision chain");
  const verdict = h("div", { role: "status", "aria-live": "polite", className: "chain-verdict" });
  const records = h("div", {});
  verify.addEventListener("click", async () => {
    clear(verdict);
    try {
      const [result, page] = await busy(verify, () => Promise.all([api.verifyChain(), api.listChain()]));
      verdict.dataset.intact = String(result.intact);
      clear(verdict, h("p", { className: result.intact ? "ok" : "error" }, describeVerification(result)));
      clear(records, chainTable(page.items ?? [], result.intact ? undefined : result.brokenAt ?? undefined));
    } catch (err) {
      clear(verdict, errorBox(`Could not verify the decision chain. ${describeError(err)}`));
    }
  });
  return h("section", { "aria-labelledby": "chain-heading" },
    h("h2", { id: "chain-heading" }, "Decision chain"),
    h("p", { className: "muted small" },
      "Reward decisions, approvals, version commits, deploys and rollbacks, each carrying the SHA-256 of the record before it. " +
      "A record changed in storage breaks the chain at that record."),
    verify, verdict, records);
}

function chainTable(items: ChainRecord[], brokenAt: number | undefined): HTMLElement {
  if (!items.length) return h("p", {}, "No records yet.");
  return h("table", { className: "events chain" },
    h("caption", { className: "sr-only" }, "Decision chain records, newest first"),
    h("thead", {}, h("tr", {}, ["#", "Time", "Type", "Subject", "Actor", "Hash", "Details"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, ...items.map((r) => h("tr", r.sequence === brokenAt ? { className: "broken", "data-broken": "true" } : {},
      h("td", { "data-label": "#" }, String(r.sequence)),
      h("td", { "data-label": "Time" }, formatDate(r.time)),
      h("td", { "data-label": "Type" }, h("code", {}, r.type)),
      h("td", { "data-label": "Subject" }, r.subject),
      h("td", { "data-label": "Actor" }, r.actor),
      h("td", { "data-label": "Hash" }, h("code", { title: r.hash }, r.hash.slice(0, 12))),
      h("td", { "data-label": "Details" }, h("code", { className: "json" }, r.detailsJson))))));
}
