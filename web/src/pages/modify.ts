/** The object page's "Modify" section: a change in plain words, or edited code, both started as a pipeline run. */
import { api, ApiError } from "../api/client";
import { describeError } from "../api/problem";
import type { ObjectInfo } from "../api/types";
import { busy, clear, errorBox, field, h, loading, uid } from "../lib/dom";

/** A labelled checkbox (distinct ids, so the same label can appear in two forms). */
function checkbox(label: string, name: string): { box: HTMLInputElement; row: HTMLElement } {
  const box = h("input", { type: "checkbox", name, id: uid(name) });
  return { box, row: h("div", { className: "check" }, box, h("label", { for: box.id }, label)) };
}

/**
 * Changes go through the pipeline (POST …/modifications, 202 + a run): either a request in plain words (needs a
 * model) or edited code with a summary. Both are compiled, tested and judged before anything is committed.
 */
export function modifySection(object: ObjectInfo, openRun: (runId: string) => void): HTMLElement {
  const editButton = h("button", { type: "button", className: "secondary" }, `Edit the code of v${object.currentVersion}`);

  const prompt = h("textarea", { name: "prompt", rows: 4, required: true });
  const promptApproval = checkbox("Ask me to approve before it is committed", "requireApproval");
  const promptDeploy = checkbox("Deploy to development when accepted", "deploy");
  const start = h("button", { type: "submit" }, "Start modification");
  const promptStatus = h("div", { "aria-live": "polite" });
  const promptForm = h("form", { className: "card" },
    field("Describe the change", prompt, "In plain words, e.g. \"add a Subtract method\". A model writes the code; gates and judges check it."),
    promptApproval.row, promptDeploy.row, start, promptStatus);
  promptForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    clear(promptStatus);
    try {
      const ticket = await busy(start, () => api.modify(object.name, {
        prompt: prompt.value.trim(), requireApproval: promptApproval.box.checked, deploy: promptDeploy.box.checked,
      }));
      openRun(ticket.runId);
    } catch (err) {
      clear(promptStatus, errorBox(`The modification was not started. ${describeError(err)}`),
        err instanceof ApiError && err.status === 503
          ? h("p", {}, `You can still change the code yourself: use “Edit the code of v${object.currentVersion}” below. The same gates check it; judges that need a model are skipped, and the run says so.`)
          : null);
    }
  });

  const body = h("div", {});
  editButton.addEventListener("click", async () => {
    clear(body, loading());
    try {
      const current = await api.getVersion(object.name, object.currentVersion);
      const editors = Object.entries(current.files ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([path, source]) => {
        const area = h("textarea", { className: "code", rows: Math.min(30, source.split("\n").length + 2), spellcheck: "false", "data-path": path });
        area.value = source;
        return field(path, area);
      });
      const summary = h("input", { type: "text", name: "summary" });
      const approval = checkbox("Ask me to approve before it is committed", "requireApproval");
      const deploy = checkbox("Deploy to development when accepted", "deploy");
      const submit = h("button", { type: "submit" }, "Evaluate and apply");
      const status = h("div", { "aria-live": "polite" });
      const form = h("form", { className: "card" }, editors, field("Summary", summary), approval.row, deploy.row, submit, status);
      form.addEventListener("submit", async (e) => {
        e.preventDefault();
        const files: Record<string, string> = {};
        for (const area of form.querySelectorAll<HTMLTextAreaElement>("textarea[data-path]")) files[area.dataset.path!] = area.value;
        clear(status);
        try {
          const ticket = await busy(submit, () => api.modify(object.name, {
            files, summary: summary.value.trim() || undefined, requireApproval: approval.box.checked, deploy: deploy.box.checked,
          }));
          openRun(ticket.runId);
        } catch (err) {
          clear(status, errorBox(`The modification was not started. ${describeError(err)}`));
        }
      });
      clear(body, form);
      (form.querySelector("textarea") as HTMLTextAreaElement | null)?.focus();
    } catch (err) {
      clear(body, errorBox(`Could not load the code. ${describeError(err)}`));
    }
  });

  return h("section", { "aria-labelledby": "modify-h" }, h("h2", { id: "modify-h" }, "Modify"),
    h("p", { className: "muted small" }, "Every change runs through the pipeline: compiled, tested in the sandbox and judged before it is committed. You follow it on the run's page."),
    promptForm,
    h("h3", {}, "Or edit the code yourself"),
    editButton, body);
}
