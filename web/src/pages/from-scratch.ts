/** #/from-scratch: a new object written by the pipeline from requirements (POST /api/objects/from-scratch → a run). */
import { api, ApiError } from "../api/client";
import { describeError } from "../api/problem";
import { busy, clear, errorBox, h, uid } from "../lib/dom";
import { FieldErrors } from "../lib/field-errors";

export async function renderFromScratch(main: HTMLElement, started: (runId: string) => void): Promise<void> {
  const name = h("input", { type: "text", name: "name", required: true, pattern: "[A-Za-z][A-Za-z0-9_\\-]{0,63}", autocomplete: "off", spellcheck: "false" });
  const description = h("input", { type: "text", name: "description" });
  const requirements = h("textarea", { name: "requirements", rows: 8, required: true });
  const approval = h("input", { type: "checkbox", name: "requireApproval", id: uid("requireApproval") });
  const errors = new FieldErrors();
  const fields = [
    errors.field("name", "Name", name, "A letter, then up to 63 letters, digits, '-' or '_'. Unique ignoring case."),
    errors.field("description", "Description", description, "One line for people browsing the objects."),
    errors.field("requirements", "Requirements", requirements,
      "What the object must do, in plain words: its methods, rules and edge cases. A model writes the code and its tests; gates and judges check them."),
  ];
  const submit = h("button", { type: "submit" }, "Create from scratch");
  const status = h("div", { "aria-live": "polite" });
  const form = h("form", { className: "card" }, fields,
    h("div", { className: "check" }, approval, h("label", { for: approval.id }, "Ask me to approve before it is committed")),
    submit, status);

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clear(status);
    errors.show(undefined);
    try {
      const ticket = await busy(submit, () => api.createFromScratch({
        name: name.value.trim(), description: description.value.trim(), requirements: requirements.value.trim(), requireApproval: approval.checked,
      }));
      started(ticket.runId);
    } catch (err) {
      const problem = err instanceof ApiError ? err : undefined;
      clear(status, errorBox(`The object was not started. ${describeError(err)}`),
        problem?.status === 503
          ? h("p", {}, "Creating from requirements needs a model. You can still write the code yourself: ", h("a", { href: "#/new" }, "New object"), ".")
          : null);
      errors.show(problem?.problem?.errors);
    }
  });
  clear(main, h("h1", {}, "Create from scratch"),
    h("p", { className: "muted" }, "Describe the object; the pipeline plans it, writes the code and tests, checks them and commits v1. You follow it on the run's page."),
    form);
  name.focus();
}
