import { api } from "../api/client";
import { describeError } from "../api/problem";
import type { ApiMethod, ObjectInfo, VersionInfo } from "../api/types";
import { inputKindFor, placeholderFor, toArguments } from "../lib/args";
import { highlightCSharp } from "../lib/csharp";
import { diffStats, parseDiff } from "../lib/diff";
import { busy, clear, errorBox, field, formatDate, h, loading, notice, uid } from "../lib/dom";
import { modifySection } from "./modify";
import { deploymentsSummary, statusBadge } from "./objects";

export const defaultEnvironments = ["development", "staging", "production"];

export function environmentsOf(o: ObjectInfo): string[] {
  const all = [...defaultEnvironments];
  for (const env of Object.keys(o.deployments ?? {})) if (!all.includes(env)) all.push(env);
  return all;
}

function select(options: { value: string; label: string }[], selected?: string): HTMLSelectElement {
  return h("select", {}, options.map((o) => h("option", { value: o.value, selected: o.value === selected }, o.label)));
}

/** A confirmation shown in a section after the page re-renders with the new state (deploy, settings). */
export interface Flash {
  section: "deploy" | "settings";
  message: string;
}

type Reload = (flash: Flash) => Promise<void>;

/**
 * `openRun` is where a started run goes (its page); the router passes nothing and the hash changes.
 * With `flash` (after an action) the page re-renders in place — no loading placeholder, same scroll position —
 * and shows the confirmation where the action was, so it is never wiped by the refresh.
 */
export async function renderObject(main: HTMLElement, name: string, openRun = (runId: string) => {
  location.hash = `#/runs/${encodeURIComponent(runId)}`;
}, flash?: Flash): Promise<void> {
  const scrollY = window.scrollY;
  if (!flash) clear(main, h("h1", {}, name), loading());
  let object: ObjectInfo;
  let versions: VersionInfo[];
  try {
    [object, versions] = await Promise.all([api.getObject(name), api.listVersions(name)]);
  } catch (err) {
    clear(main, h("h1", {}, name), errorBox(`Could not load the object. ${describeError(err)}`), h("p", {}, h("a", { href: "#/objects" }, "Back to the objects")));
    return;
  }
  versions.sort((a, b) => b.number - a.number);
  const deprecated = object.status === "deprecated";
  const reload: Reload = (next) => renderObject(main, name, openRun, next);

  const filesRegion = h("section", { "aria-labelledby": "files-h" });
  const fileVersion = select(versions.map((v) => ({ value: String(v.number), label: `v${v.number}${v.number === object.currentVersion ? " (current)" : ""}` })), String(object.currentVersion));
  fileVersion.addEventListener("change", () => void showFiles(Number(fileVersion.value)));
  const filesBody = h("div", { "aria-live": "polite" });
  clear(filesRegion, h("h2", { id: "files-h" }, "Code"), h("div", { className: "row" }, field("Version", fileVersion)), filesBody);

  async function showFiles(version: number): Promise<void> {
    clear(filesBody, loading(`Loading v${version}…`));
    try {
      const v = await api.getVersion(name, version);
      const files = Object.entries(v.files ?? {}).sort(([a], [b]) => a.localeCompare(b));
      clear(
        filesBody,
        files.length ? null : h("p", {}, "This version has no files."),
        files.map(([path, source]) => {
          const code = h("code", { className: "language-csharp" });
          code.innerHTML = highlightCSharp(source); // the highlighter escapes every token
          return h("figure", { className: "file" }, h("figcaption", {}, path), h("pre", { tabindex: 0, "aria-label": `${path}, v${version}` }, code));
        }),
      );
    } catch (err) {
      clear(filesBody, errorBox(`Could not load v${version}. ${describeError(err)}`));
    }
  }

  clear(
    main,
    h("p", { className: "crumbs" }, h("a", { href: "#/objects" }, "Objects"), " / ", name),
    h("div", { className: "title-row" }, h("h1", {}, object.name), statusBadge(object.status)),
    object.description ? h("p", {}, object.description) : null,
    h(
      "dl",
      { className: "facts" },
      h("dt", {}, "Current version"), h("dd", {}, `v${object.currentVersion}`),
      h("dt", {}, "Latest version"), h("dd", {}, `v${object.latestVersion}`),
      h("dt", {}, "Deployed"), h("dd", {}, deploymentsSummary(object)),
      h("dt", {}, "Owner"), h("dd", {}, object.owner),
      h("dt", {}, "Updated"), h("dd", {}, formatDate(object.updatedAt)),
    ),
    object.lastError ? errorBox(`Last error: ${object.lastError}`) : null,
    // A deprecated object keeps serving what is deployed, but refuses every deploy, promotion, rollback and change:
    // its page says so instead of offering forms that could only fail.
    deprecated ? deprecatedNotice() : deploySection(object, versions, reload, flash?.section === "deploy" ? flash.message : undefined),
    filesRegion,
    historySection(object, versions, (v) => {
      fileVersion.value = String(v);
      void showFiles(v);
      filesRegion.scrollIntoView();
    }),
    diffSection(name, versions),
    invokeSection(object),
    deprecated ? null : modifySection(object, openRun),
    settingsSection(object, reload, flash?.section === "settings" ? flash.message : undefined),
  );
  if (flash) window.scrollTo(0, scrollY);
  await showFiles(object.currentVersion);
  if (flash) window.scrollTo(0, scrollY);
}

function deprecatedNotice(): HTMLElement {
  return h("section", { "aria-labelledby": "deploy-h" }, h("h2", { id: "deploy-h" }, "Deploy, promote, roll back"),
    notice("Deprecated: it keeps serving what is deployed, and can still be read and invoked, but it is no longer deployed, promoted, rolled back or changed."));
}

function deploySection(object: ObjectInfo, versions: VersionInfo[], reload: Reload, done?: string): HTMLElement {
  const envs = environmentsOf(object);
  const status = h("div", { "aria-live": "polite" }, done ? notice(done) : null);
  const versionOptions = versions.map((v) => ({ value: String(v.number), label: `v${v.number}${v.number === object.currentVersion ? " (current)" : ""}` }));

  async function act(button: HTMLButtonElement, what: string, work: () => Promise<unknown>): Promise<void> {
    clear(status);
    try {
      await busy(button, work);
      await reload({ section: "deploy", message: `${what}: done.` });
    } catch (err) {
      clear(status, errorBox(`${what} failed. ${describeError(err)}`));
    }
  }

  const deployEnv = select(envs.map((e) => ({ value: e, label: e })), "development");
  const deployVersion = select(versionOptions, String(object.currentVersion));
  const deployButton = h("button", { type: "submit" }, "Deploy");
  const deployForm = h("form", { className: "action" }, h("h3", {}, "Deploy"), field("Environment", deployEnv), field("Version", deployVersion), deployButton);
  deployForm.addEventListener("submit", (e) => {
    e.preventDefault();
    void act(deployButton, `Deploy v${deployVersion.value} to ${deployEnv.value}`, () => api.deploy(object.name, deployEnv.value, Number(deployVersion.value)));
  });

  const promoteFrom = select(envs.slice(0, -1).map((e, i) => ({ value: e, label: `${e} → ${envs[i + 1]}` })), "development");
  const promoteButton = h("button", { type: "submit" }, "Promote");
  const promoteForm = h("form", { className: "action" }, h("h3", {}, "Promote"), field("From", promoteFrom), promoteButton);
  promoteForm.addEventListener("submit", (e) => {
    e.preventDefault();
    void act(promoteButton, `Promote from ${promoteFrom.value}`, () => api.promote(object.name, promoteFrom.value));
  });

  const rollbackVersion = select(versionOptions.filter((o) => Number(o.value) !== object.currentVersion), undefined);
  const rollbackButton = h("button", { type: "submit", className: "danger", disabled: rollbackVersion.options.length === 0 }, "Roll back");
  const rollbackForm = h("form", { className: "action" }, h("h3", {}, "Roll back"), field("To version", rollbackVersion, "It becomes current and is deployed to every environment serving the object."), rollbackButton);
  rollbackForm.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!confirm(`Roll ${object.name} back to v${rollbackVersion.value}?`)) return;
    void act(rollbackButton, `Roll back to v${rollbackVersion.value}`, () => api.rollback(object.name, Number(rollbackVersion.value)));
  });

  return h("section", { "aria-labelledby": "deploy-h" }, h("h2", { id: "deploy-h" }, "Deploy, promote, roll back"),
    h("div", { className: "actions" }, deployForm, promoteForm, rollbackForm), status);
}

function historySection(object: ObjectInfo, versions: VersionInfo[], view: (v: number) => void): HTMLElement {
  return h(
    "section",
    { "aria-labelledby": "history-h" },
    h("h2", { id: "history-h" }, "Version history"),
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, ["Version", "Summary", "Author", "Created", ""].map((t) => h("th", { scope: "col" }, t)))),
      h(
        "tbody",
        {},
        versions.map((v) =>
          h(
            "tr",
            {},
            h("td", { "data-label": "Version" }, `v${v.number}`, v.number === object.currentVersion ? h("span", { className: "badge" }, "current") : null),
            h("td", { "data-label": "Summary" }, v.summary || h("span", { className: "muted" }, "—")),
            h("td", { "data-label": "Author" }, v.author),
            h("td", { "data-label": "Created" }, formatDate(v.createdAt)),
            h("td", {}, h("button", { type: "button", className: "link", onclick: () => view(v.number) }, `View code of v${v.number}`)),
          ),
        ),
      ),
    ),
  );
}

function diffSection(name: string, versions: VersionInfo[]): HTMLElement {
  const options = versions.map((v) => ({ value: String(v.number), label: `v${v.number}` }));
  const newest = versions[0]?.number ?? 1;
  const from = select(options, String(versions[1]?.number ?? newest));
  const to = select(options, String(newest));
  const output = h("div", { "aria-live": "polite" });
  const button = h("button", { type: "submit" }, "Show diff");
  const form = h("form", { className: "row" }, field("From", from), field("To", to), button);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clear(output, loading("Loading the diff…"));
    try {
      const text = await busy(button, () => api.diff(name, Number(from.value), Number(to.value)));
      const lines = parseDiff(typeof text === "string" ? text : JSON.stringify(text, null, 2));
      const stats = diffStats(lines);
      clear(
        output,
        h("p", { className: "small" }, `v${from.value} → v${to.value}: ${stats.added} added, ${stats.removed} removed.`),
        lines.length
          ? h("pre", { className: "diff", tabindex: 0, "aria-label": `Diff v${from.value} to v${to.value}` },
              lines.map((l) => h("span", { className: `diff-${l.kind}` }, l.text + "\n")))
          : h("p", {}, "No differences."),
      );
    } catch (err) {
      clear(output, errorBox(`Could not load the diff. ${describeError(err)}`));
    }
  });
  return h("section", { "aria-labelledby": "diff-h" }, h("h2", { id: "diff-h" }, "Compare versions"), versions.length < 2 ? h("p", {}, "Only one version so far.") : [form, output]);
}

function invokeSection(object: ObjectInfo): HTMLElement {
  const methods = object.apiSchema?.methods ?? [];
  const envs = environmentsOf(object);
  // Production when it serves there, else the first environment that does.
  const preferred = object.deployments?.production ? "production" : envs.find((e) => object.deployments?.[e]) ?? "production";
  const env = select(envs.map((e) => ({ value: e, label: `${e}${object.deployments?.[e] ? ` (v${object.deployments[e].version})` : " (not deployed)"}` })), preferred);
  return h(
    "section",
    { "aria-labelledby": "invoke-h" },
    h("h2", { id: "invoke-h" }, "Invoke"),
    object.apiSchema?.summary ? h("p", {}, object.apiSchema.summary) : null,
    methods.length ? [field("Environment", env), methods.map((m) => methodForm(object.name, m, () => env.value))] : h("p", {}, "The current version has no public methods."),
  );
}

function methodForm(objectName: string, method: ApiMethod, environment: () => string): HTMLElement {
  const inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
  const errors = new Map<string, HTMLElement>();
  const fields = method.parameters.map((p) => {
    const kind = inputKindFor(p.type);
    let control: HTMLInputElement | HTMLTextAreaElement;
    if (kind === "boolean") control = h("input", { type: "checkbox", name: p.name });
    else if (kind === "json") control = h("textarea", { name: p.name, rows: 2, placeholder: placeholderFor(p.type), spellcheck: "false" });
    else if (kind === "integer") control = h("input", { type: "text", inputmode: "numeric", name: p.name });
    else if (kind === "number") control = h("input", { type: "text", inputmode: "decimal", name: p.name });
    else control = h("input", { type: "text", name: p.name });
    control.id = uid(`${method.name}-${p.name}`);
    inputs.set(p.name, control);
    const err = h("small", { className: "field-error", id: `${control.id}-err` });
    errors.set(p.name, err);
    const label = `${p.name} (${p.type}${p.optional ? ", optional" : ""})`;
    const wrapper = field(label, control, p.description ?? undefined);
    wrapper.append(err);
    return wrapper;
  });
  const result = h("div", { "aria-live": "polite" });
  const button = h("button", { type: "submit" }, `Call ${method.name}`);
  const form = h(
    "form",
    { className: "card method" },
    h("h3", {}, h("code", {}, `${method.name}(${method.parameters.map((p) => `${p.type} ${p.name}`).join(", ")}) → ${method.returnType}`)),
    method.summary ? h("p", { className: "muted" }, method.summary) : null,
    fields,
    button,
    result,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const values: Record<string, string> = {};
    for (const [name, control] of inputs) values[name] = control instanceof HTMLInputElement && control.type === "checkbox" ? String(control.checked) : control.value;
    const { args, errors: problems } = toArguments(method.parameters, values);
    for (const [name, el] of errors) {
      el.textContent = problems[name] ?? "";
      const control = inputs.get(name)!;
      if (problems[name]) {
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-errormessage", el.id);
      } else control.removeAttribute("aria-invalid");
    }
    const firstBad = method.parameters.find((p) => problems[p.name]);
    if (firstBad) {
      inputs.get(firstBad.name)!.focus();
      return;
    }
    clear(result, loading("Calling…"));
    try {
      const value = await busy(button, () => api.invoke(objectName, method.name, args, environment()));
      clear(result, h("p", { className: "small" }, "Result:"), h("pre", { className: "result", tabindex: 0 }, value === undefined ? "(no content)" : JSON.stringify(value, null, 2)));
    } catch (err) {
      clear(result, errorBox(describeError(err)));
    }
  });
  return form;
}

/** Description, public invocation (PATCH) and deprecation. */
function settingsSection(object: ObjectInfo, reload: Reload, done?: string): HTMLElement {
  const description = h("input", { type: "text", name: "description", value: object.description ?? "" });
  const publicInvoke = h("input", { type: "checkbox", name: "publicInvoke", checked: object.publicInvoke });
  const save = h("button", { type: "submit" }, "Save settings");
  const status = h("div", { "aria-live": "polite" }, done ? notice(done) : null);
  const form = h("form", { className: "card" }, field("Description", description),
    h("div", { className: "check" }, publicInvoke, h("label", { for: (publicInvoke.id = uid("public")) }, "Anyone may invoke it without a token")),
    save);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clear(status);
    try {
      await busy(save, () => api.updateObject(object.name, { description: description.value.trim(), publicInvoke: publicInvoke.checked }));
      await reload({ section: "settings", message: "Settings saved." });
    } catch (err) {
      clear(status, errorBox(`The settings were not saved. ${describeError(err)}`));
    }
  });
  const deprecate = h("button", { type: "button", className: "danger", disabled: object.status === "deprecated" }, "Deprecate");
  deprecate.addEventListener("click", async () => {
    if (!confirm(`Deprecate ${object.name}? It stays readable, but can no longer be changed or deployed.`)) return;
    clear(status);
    try {
      await busy(deprecate, () => api.deprecate(object.name));
      await reload({ section: "settings", message: `${object.name} is deprecated.` });
    } catch (err) {
      clear(status, errorBox(`It was not deprecated. ${describeError(err)}`));
    }
  });
  return h("section", { "aria-labelledby": "settings-h" }, h("h2", { id: "settings-h" }, "Settings"), form, deprecate, status);
}
