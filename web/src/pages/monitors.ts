/** #/monitors: "tell me when …" — list, enable/disable, delete, create (GET/POST /api/monitors, …/enable|disable, DELETE). */
import { api, ApiError } from "../api/client";
import { describeError } from "../api/problem";
import { monitorActions, monitorChannels, type MonitorDefinition, type MonitorInfo } from "../api/types";
import { busy, clear, errorBox, formatDate, h, loading, notice } from "../lib/dom";
import { FieldErrors } from "../lib/field-errors";

const label = (m: MonitorInfo) => m.name || m.id;

export async function renderMonitors(main: HTMLElement): Promise<void> {
  const list = h("div", { "aria-live": "polite" });
  const listStatus = h("div", { "aria-live": "polite" });

  const name = h("input", { type: "text", name: "name", autocomplete: "off" });
  const eventType = h("input", { type: "text", name: "eventType", required: true, autocomplete: "off", spellcheck: "false", placeholder: "deploy.succeeded" });
  const subject = h("input", { type: "text", name: "subject", autocomplete: "off", spellcheck: "false", placeholder: "object/calculator" });
  const channel = h("select", { name: "channel" }, monitorChannels.map((c) => h("option", { value: c, selected: c === "email" }, c)));
  const target = h("input", { type: "text", name: "target", autocomplete: "off", spellcheck: "false" });
  const schedule = h("input", { type: "text", name: "schedule", autocomplete: "off", spellcheck: "false", placeholder: "0 9 * * *" });
  const action = h("select", { name: "action" }, monitorActions.map((a) => h("option", { value: a, selected: a === "notify" }, a)));
  const proposeAfter = h("input", { type: "number", name: "proposeAfter", min: "2", max: "100", step: "1", inputMode: "numeric", placeholder: "3" });
  const errors = new FieldErrors();
  const create = h("button", { type: "submit" }, "Create monitor");
  const formStatus = h("div", { "aria-live": "polite" });
  const form = h("form", { className: "card", "aria-labelledby": "new-monitor-h" },
    h("h2", { id: "new-monitor-h" }, "New monitor"),
    errors.field("eventType", "Event type", eventType,
      "An exact type (deploy.succeeded), a family (run.* — every run event) or an outcome of any family (*.failed)."),
    errors.field("subject", "Subject (optional)", subject, "Only events about this: object/calculator, or a bare name for any kind."),
    errors.field("channel", "Channel", channel, "SMS and voice go to your own verified phone only."),
    errors.field("target", "Target (optional)", target, "An email address or a Slack channel (#alerts); empty: yours from your profile. Leave it empty for SMS and voice."),
    errors.field("schedule", "Schedule (optional)", schedule, "Cron, e.g. 0 9 * * * for one summary a day at 09:00 UTC; empty: a message per event."),
    errors.field("action", "Action", action,
      "notify: a message per event (or per schedule). propose: after enough matching events about one object, start a change run of it that waits for a person's approval. both: the message and the proposal."),
    errors.field("proposeAfter", "Propose after (optional)", proposeAfter,
      "For propose and both: how many matching events about one object within an hour make a proposal (2–100; empty: 3)."),
    errors.field("name", "Name (optional)", name, "A label for you; empty: a description of the pattern."),
    create, formStatus);

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clear(formStatus);
    errors.show(undefined);
    // A family written "run." (as the audit log filter takes it) is "run.*" for a monitor.
    const pattern = eventType.value.trim().replace(/^([a-z][a-z0-9_]*)\.$/i, "$1.*");
    const definition: MonitorDefinition = { eventType: pattern, channel: channel.value };
    if (subject.value.trim()) definition.subject = subject.value.trim();
    if (target.value.trim()) definition.target = target.value.trim();
    if (schedule.value.trim()) definition.schedule = schedule.value.trim();
    if (name.value.trim()) definition.name = name.value.trim();
    if (action.value !== "notify") {
      definition.action = action.value;
      // The API checks the range (2–100) and names this field when it refuses it.
      if (proposeAfter.value.trim()) definition.proposeAfter = Number(proposeAfter.value);
    }
    try {
      const created = await busy(create, () => api.createMonitor(definition));
      form.reset();
      channel.value = "email";
      action.value = "notify";
      clear(formStatus, notice(`Monitor “${label(created)}” created.`));
      await load();
    } catch (err) {
      clear(formStatus, errorBox(`The monitor was not created. ${describeError(err)}`));
      errors.show(err instanceof ApiError ? err.problem?.errors : undefined);
    }
  });

  clear(main, h("h1", {}, "Monitors"),
    h("p", { className: "muted" }, "A monitor sends you a message when an event in the audit log matches it."),
    listStatus, list, form);
  await load();

  async function load(): Promise<void> {
    clear(list, loading("Loading monitors…"));
    try {
      const monitors = (await api.listMonitors()).items ?? [];
      clear(list, monitors.length ? monitorsTable(monitors) : h("p", {}, "No monitors yet: create one below."));
    } catch (err) {
      clear(list, errorBox(`Could not load the monitors. ${describeError(err)}`));
    }
  }

  async function act(button: HTMLButtonElement, what: string, work: () => Promise<unknown>): Promise<void> {
    clear(listStatus);
    try {
      await busy(button, work);
      clear(listStatus, notice(`${what}.`));
      await load();
    } catch (err) {
      clear(listStatus, errorBox(`${what} failed. ${describeError(err)}`));
    }
  }

  function monitorsTable(monitors: MonitorInfo[]): HTMLElement {
    return h("table", { className: "monitors" },
      h("caption", { className: "sr-only" }, "Monitors"),
      h("thead", {}, h("tr", {}, ["Name", "Event type", "Subject", "Channel", "Target", "Enabled", "Schedule", "Last fired", ""].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, monitors.map((m) => {
        const toggle = h("button", { type: "button", className: "secondary", "aria-label": `${m.enabled ? "Disable" : "Enable"} monitor ${label(m)}` }, m.enabled ? "Disable" : "Enable");
        toggle.addEventListener("click", () => void act(toggle, `${m.enabled ? "Disabled" : "Enabled"} “${label(m)}”`, () => api.setMonitorEnabled(m.id, !m.enabled)));
        const remove = h("button", { type: "button", className: "danger", "aria-label": `Delete monitor ${label(m)}` }, "Delete");
        remove.addEventListener("click", () => {
          if (!confirm(`Delete the monitor “${label(m)}”?`)) return;
          void act(remove, `Deleted “${label(m)}”`, () => api.deleteMonitor(m.id));
        });
        return h("tr", {},
          h("td", { "data-label": "Name" }, label(m), h("div", { className: "muted small" }, m.id)),
          h("td", { "data-label": "Event type" }, h("code", {}, m.eventType)),
          h("td", { "data-label": "Subject" }, m.subject || h("span", { className: "muted" }, "any")),
          h("td", { "data-label": "Channel" }, m.channel,
            m.action && m.action !== "notify"
              ? h("div", { className: "muted small" }, `${m.action === "both" ? "and proposes" : "proposes"} a change after ${m.proposeAfter ?? 3} events in an hour`)
              : null),
          h("td", { "data-label": "Target" }, m.target || h("span", { className: "muted" }, "—")),
          h("td", { "data-label": "Enabled" }, m.enabled ? "yes" : "no"),
          h("td", { "data-label": "Schedule" }, m.schedule ? h("code", {}, m.schedule) : h("span", { className: "muted" }, "each event"),
            m.lastRunAt ? h("div", { className: "muted small" }, `last scan ${formatDate(m.lastRunAt)}`) : null),
          h("td", { "data-label": "Last fired" }, m.lastFiredAt ? formatDate(m.lastFiredAt) : h("span", { className: "muted" }, "never"),
            m.firedCount ? h("div", { className: "muted small" }, `${m.firedCount} in all`) : null,
            m.lastError ? h("div", { className: "fail small" }, m.lastError) : null),
          h("td", {}, h("div", { className: "row" }, toggle, remove)));
      })));
  }
}
