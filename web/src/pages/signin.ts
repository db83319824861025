import { api, session } from "../api/client";
import { describeError } from "../api/problem";
import { busy, clear, errorBox, field, h, notice } from "../lib/dom";

export async function renderSignIn(main: HTMLElement, done: () => void): Promise<void> {
  const reason = sessionStorage.getItem("durableobjects.signin-reason");
  sessionStorage.removeItem("durableobjects.signin-reason");
  const input = h("input", { type: "password", name: "token", autocomplete: "current-password", required: true, spellcheck: "false" });
  const status = h("div", { "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, "Sign in");
  const form = h(
    "form",
    { className: "card narrow" },
    field("API token", input, "The token printed on the host's first start (saved in .data/admin-token), or one from POST /api/tokens."),
    submit,
    status,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const token = input.value.trim();
    if (!token) {
      clear(status, errorBox("Enter an API token."));
      input.focus();
      return;
    }
    clear(status);
    try {
      const me = await busy(submit, () => api.me(token));
      session.set(token, me.role);
      clear(status, notice(`Signed in as ${me.id} (${me.role}).`));
      done();
    } catch (err) {
      clear(status, errorBox(describeError(err)));
      input.focus();
    }
  });
  clear(main, h("h1", {}, "Sign in"), reason ? notice(reason) : null, form);
  input.focus();
}
