/**
 * #/tokens: the signed-in user's personal API tokens (GET /api/tokens): revoke one (DELETE /api/tokens/{id}, after a
 * confirmation), or create one (POST /api/tokens), whose value is shown here once and never again.
 */
import { api, session } from "../api/client";
import { describeError } from "../api/problem";
import type { ApiTokenInfo, NewApiToken } from "../api/types";
import { busy, clear, errorBox, field, formatDate, h, loading, notice } from "../lib/dom";

const label = (t: ApiTokenInfo) => `${t.name} (${t.id})`;

/** The short id of a token (the first 12 hex digits of its SHA-256), or null where the browser cannot hash here. */
export async function tokenId(token: string): Promise<string | null> {
  if (typeof crypto === "undefined" || !crypto.subtle) return null;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("").slice(0, 12);
}

export async function renderTokens(main: HTMLElement): Promise<void> {
  const list = h("div", { "aria-live": "polite" });
  const listStatus = h("div", { "aria-live": "polite" });
  const current = session.token ? await tokenId(session.token).catch(() => null) : null;

  const name = h("input", { type: "text", name: "name", autocomplete: "off", spellcheck: "false", maxlength: "100", placeholder: "laptop" });
  const create = h("button", { type: "submit" }, "Create token");
  const formStatus = h("div", { "aria-live": "polite" });
  const form = h("form", { className: "card", "aria-labelledby": "new-token-h" },
    h("h2", { id: "new-token-h" }, "New token"),
    field("Name (optional)", name, "A label to tell it apart later, e.g. the machine or script that uses it."),
    create, formStatus);

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clear(formStatus);
    try {
      const created = await busy(create, () => api.createToken(name.value.trim() || undefined));
      form.reset();
      clear(formStatus, shownOnce(created));
      await load();
    } catch (err) {
      clear(formStatus, errorBox(`The token was not created. ${describeError(err)}`));
    }
  });

  clear(main, h("h1", {}, "Tokens"),
    h("p", { className: "muted" }, "Your personal API tokens, for the command line, scripts and this page. A revoked token stops working at once."),
    listStatus, list, form);
  await load();

  async function load(): Promise<void> {
    clear(list, loading("Loading your tokens…"));
    try {
      const tokens = (await api.listTokens()).items ?? [];
      clear(list, tokens.length ? tokensTable(tokens) : h("p", {}, "No tokens: create one below."));
    } catch (err) {
      clear(list, errorBox(`Could not load your tokens. ${describeError(err)}`));
    }
  }

  async function revoke(button: HTMLButtonElement, token: ApiTokenInfo): Promise<void> {
    const signedInWithIt = token.id === current;
    const question = signedInWithIt
      ? `Revoke “${label(token)}”? You are signed in with it: this page signs you out, and anything else using it stops working.`
      : `Revoke “${label(token)}”? Anything using it stops working.`;
    if (!confirm(question)) return;
    clear(listStatus);
    try {
      await busy(button, () => api.revokeToken(token.id));
    } catch (err) {
      clear(listStatus, errorBox(`Revoking “${label(token)}” failed. ${describeError(err)}`));
      return;
    }
    if (signedInWithIt) {
      session.clear();
      sessionStorage.setItem("durableobjects.signin-reason", `You revoked the token you were signed in with (${token.id}): sign in with another.`);
      location.hash = "#/signin";
      return;
    }
    clear(listStatus, notice(`Revoked “${label(token)}”.`));
    await load();
  }

  function tokensTable(tokens: ApiTokenInfo[]): HTMLElement {
    return h("table", { className: "tokens" },
      h("caption", { className: "sr-only" }, "Your API tokens"),
      h("thead", {}, h("tr", {}, ["Name", "Id", "Created", ""].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, tokens.map((t) => {
        const button = h("button", { type: "button", className: "danger", "aria-label": `Revoke token ${label(t)}` }, "Revoke");
        button.addEventListener("click", () => void revoke(button, t));
        return h("tr", {},
          h("td", { "data-label": "Name" }, t.name, t.id === current ? h("div", { className: "muted small" }, "this session") : null),
          h("td", { "data-label": "Id" }, h("code", {}, t.id)),
          h("td", { "data-label": "Created" }, formatDate(t.createdAt)),
          h("td", {}, button));
      })));
  }
}

/** The new token, once: the page cannot show it again after this (the host keeps only its hash). */
function shownOnce(created: NewApiToken): HTMLElement {
  const value = h("input", { type: "text", readonly: true, value: created.token, spellcheck: "false", autocomplete: "off", className: "code" });
  value.addEventListener("focus", () => value.select());
  return h("div", { className: "notice", role: "status" },
    h("p", {}, `Token ${created.tokenId} created. Copy it now: it will not be shown again.`),
    field("Your new token (shown once)", value));
}
