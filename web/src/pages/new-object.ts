import { api } from "../api/client";
import { describeError } from "../api/problem";
import { busy, clear, errorBox, field, h } from "../lib/dom";

const sample = `namespace Samples;

/// <summary>Adds numbers.</summary>
public class Calculator
{
    /// <summary>The sum of two numbers.</summary>
    public int Add(int a, int b) => a + b;
}
`;

export async function renderNewObject(main: HTMLElement, created: (name: string) => void): Promise<void> {
  const name = h("input", { type: "text", name: "name", required: true, pattern: "[A-Za-z][A-Za-z0-9_\\-]{0,63}", autocomplete: "off", spellcheck: "false" });
  const description = h("input", { type: "text", name: "description" });
  const summary = h("input", { type: "text", name: "summary", placeholder: "Initial version" });
  const filesList = h("div", { className: "files" });
  let fileCount = 0;

  function addFile(path = "", source = ""): void {
    fileCount++;
    const pathInput = h("input", { type: "text", className: "file-path", required: true, value: path, placeholder: "Object.cs", spellcheck: "false" });
    const sourceInput = h("textarea", { className: "file-source code", rows: 14, required: true, spellcheck: "false" });
    sourceInput.value = source;
    const remove = h("button", { type: "button", className: "link danger" }, "Remove this file");
    const box = h("fieldset", { className: "file-edit" }, h("legend", {}, `File ${fileCount}`), field("Path", pathInput), field("C# source", sourceInput), remove);
    remove.addEventListener("click", () => {
      if (filesList.children.length > 1) {
        box.remove();
        (filesList.querySelector(".file-path") as HTMLInputElement | null)?.focus();
      }
    });
    filesList.append(box);
  }
  addFile("Calculator.cs", sample);

  const addButton = h("button", { type: "button", className: "secondary", onclick: () => { addFile(); (filesList.lastElementChild?.querySelector("input") as HTMLInputElement | null)?.focus(); } }, "Add a file");
  const submit = h("button", { type: "submit" }, "Create");
  const status = h("div", { "aria-live": "polite" });
  const form = h(
    "form",
    { className: "card" },
    field("Name", name, "A letter, then up to 63 letters, digits, '-' or '_'. Unique ignoring case."),
    field("Description", description),
    field("Version summary (optional)", summary),
    filesList,
    h("div", { className: "row" }, addButton, submit),
    status,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const files: Record<string, string> = {};
    for (const box of filesList.querySelectorAll("fieldset")) {
      const path = (box.querySelector(".file-path") as HTMLInputElement).value.trim();
      const source = (box.querySelector(".file-source") as HTMLTextAreaElement).value;
      if (path) files[path] = source;
    }
    if (!Object.keys(files).length) {
      clear(status, errorBox("Add at least one file with a path."));
      return;
    }
    clear(status);
    try {
      const o = await busy(submit, () =>
        api.createObject({ name: name.value.trim(), description: description.value.trim(), files, summary: summary.value.trim() || undefined }));
      created(o.name);
    } catch (err) {
      clear(status, errorBox(`The object was not created. ${describeError(err)}`));
      status.scrollIntoView({ block: "nearest" });
    }
  });
  clear(main, h("h1", {}, "New object"), form);
  name.focus();
}
