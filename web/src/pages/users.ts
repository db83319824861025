/**
 * #/users (admins): every user (GET /api/users) with their role and whether their account is disabled; change a role or
 * disable / enable an account (PATCH /api/users/{id}, keyed, each after a confirmation); create a user (POST /api/users, keyed),
 * whose first token is shown here once and never again. The signed-in admin's own row has no controls: the host refuses
 * to let admins demote or disable themselves.
 */
import { api, session } from "../api/client";
import { describeError } from "../api/problem";
import type { NewUser, UserInfo } from "../api/types";
import { busy, clear, errorBox, field, formatDate, h, loading, notice } from "../lib/dom";

const roles = ["viewer", "member", "admin"];
const article = (role: string) => (role === "admin" ? "an" : "a");

export async function renderUsers(main: HTMLElement): Promise<void> {
  const list = h("div", { "aria-live": "polite" });
  const listStatus = h("div", { "aria-live": "polite" });

  const name = h("input", { type: "text", name: "name", autocomplete: "off", spellcheck: "false", maxlength: "64", required: true, placeholder: "ada" });
  const role = h("select", { name: "role" }, roles.map((r) => h("option", { value: r, selected: r === "member" }, r)));
  role.value = "member";
  const create = h("button", { type: "submit" }, "Create user");
  const formStatus = h("div", { "aria-live": "polite" });
  const form = h("form", { className: "card", "aria-labelledby": "new-user-h" },
    h("h2", { id: "new-user-h" }, "New user"),
    field("Name", name, "Their id: a letter, then letters, digits, '.', '-' or '_' (at most 64)."),
    field("Role", role, "Viewers read; members create objects and change their own; admins change everything and manage users."),
    create, formStatus);

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clear(formStatus);
    const wanted = name.value.trim();
    if (!wanted) {
      clear(formStatus, errorBox("Enter a name."));
      name.focus();
      return;
    }
    try {
      const created = await busy(create, () => api.createUser(wanted, role.value));
      form.reset();
      clear(formStatus, shownOnce(created));
      await load();
    } catch (err) {
      clear(formStatus, errorBox(`The user was not created. ${describeError(err)}`));
    }
  });

  clear(main, h("h1", {}, "Users"),
    h("p", { className: "muted" },
      "Who may use the system, and how. A disabled account keeps its tokens, phone, Slack link, objects and monitors, " +
      "but can use none of them until it is enabled again. Changes apply from the user's next request."),
    listStatus, list, form);
  const me = await api.me().then((who) => {
    session.setRole(who.role);
    return who.id;
  }, () => null);
  await load();

  async function load(): Promise<void> {
    clear(list, loading("Loading the users…"));
    try {
      const users = [...await api.listUsers()].sort((a, b) => a.id.localeCompare(b.id));
      clear(list, usersTable(users));
    } catch (err) {
      clear(list, errorBox(`Could not load the users. ${describeError(err)}`));
    }
  }

  async function change(button: HTMLButtonElement, user: UserInfo, what: { role?: string; disabled?: boolean }, question: string, done: string): Promise<void> {
    if (!confirm(question)) return;
    clear(listStatus);
    try {
      await busy(button, () => api.updateUser(user.id, what));
    } catch (err) {
      clear(listStatus, errorBox(`Changing ${user.id} failed. ${describeError(err)}`));
      return;
    }
    clear(listStatus, notice(done));
    await load();
  }

  function usersTable(users: UserInfo[]): HTMLElement {
    return h("table", { className: "users" },
      h("caption", { className: "sr-only" }, "Users"),
      h("thead", {}, h("tr", {}, ["User", "Role", "Account", "Created", ""].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, users.map((u) => row(u))));
  }

  function row(user: UserInfo): HTMLElement {
    const account = user.disabled ? "disabled" : "enabled";
    if (user.id === me) {
      return h("tr", {},
        h("td", { "data-label": "User" }, user.id, h("div", { className: "muted small" }, "you")),
        h("td", { "data-label": "Role" }, user.role),
        h("td", { "data-label": "Account" }, account),
        h("td", { "data-label": "Created" }, formatDate(user.createdAt)),
        h("td", { className: "muted small" }, "Another admin can change your account."));
    }
    const select = h("select", { "aria-label": `Role of ${user.id}` }, roles.map((r) => h("option", { value: r }, r)));
    select.value = user.role;
    const setRole = h("button", { type: "button", className: "secondary", "aria-label": `Change the role of ${user.id}` }, "Change role");
    setRole.addEventListener("click", () => {
      const to = select.value;
      if (to === user.role) {
        clear(listStatus, notice(`${user.id} is already ${article(to)} ${to}.`));
        return;
      }
      void change(setRole, user, { role: to },
        `Change the role of ${user.id} from ${user.role} to ${to}? It applies from their next request.`,
        `${user.id} is now ${article(to)} ${to}.`).finally(() => { select.value = user.role; });
    });
    const toggle = user.disabled
      ? h("button", { type: "button", "aria-label": `Enable ${user.id}` }, "Enable")
      : h("button", { type: "button", className: "danger", "aria-label": `Disable ${user.id}` }, "Disable");
    toggle.addEventListener("click", () => void (user.disabled
      ? change(toggle, user, { disabled: false },
        `Enable ${user.id}? Their tokens, phone and Slack link work again.`,
        `Enabled ${user.id}.`)
      : change(toggle, user, { disabled: true },
        `Disable ${user.id}? Their tokens, phone and Slack commands are refused until an admin enables the account again. Nothing is deleted.`,
        `Disabled ${user.id}: their tokens, phone and Slack commands are refused.`)));
    return h("tr", { className: user.disabled ? "disabled" : null },
      h("td", { "data-label": "User" }, user.id),
      h("td", { "data-label": "Role" }, select, " ", setRole),
      h("td", { "data-label": "Account" }, account),
      h("td", { "data-label": "Created" }, formatDate(user.createdAt)),
      h("td", {}, toggle));
  }
}

/** The new user's first token, once: the page cannot show it again after this (the host keeps only its hash). */
function shownOnce(created: NewUser): HTMLElement {
  const value = h("input", { type: "text", readonly: true, value: created.token.token, spellcheck: "false", autocomplete: "off", className: "code" });
  value.addEventListener("focus", () => value.select());
  return h("div", { className: "notice", role: "status" },
    h("p", {}, `Created ${created.user.role} ${created.user.id}. Hand their first token over now: it will not be shown again.`),
    field(`First token of ${created.user.id} (shown once)`, value));
}
