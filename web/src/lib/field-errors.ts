/** Labelled fields that can show a problem's per-field errors (RFC 7807 `errors`, keys camelCase like the API's). */
import { field, h } from "./dom";

export class FieldErrors {
  private readonly entries = new Map<string, { control: HTMLElement; message: HTMLElement }>();

  /** `field(label, control, hint)` with a message slot for the API field `key`. */
  field(key: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
    const wrapper = field(label, control, hint);
    const message = h("small", { className: "field-error", id: `${control.id}-err` });
    wrapper.append(message);
    this.entries.set(key.toLowerCase(), { control, message });
    return wrapper;
  }

  /** Marks the fields named in `errors` (and clears the others); focuses the first one. True when any was marked. */
  show(errors?: Record<string, string[] | string> | null): boolean {
    const byKey = new Map(Object.entries(errors ?? {}).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v : [String(v)]]));
    let first: HTMLElement | null = null;
    for (const [key, { control, message }] of this.entries) {
      const messages = byKey.get(key) ?? [];
      message.textContent = messages.join(" ");
      if (messages.length) {
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-errormessage", message.id);
        first ??= control;
      } else {
        control.removeAttribute("aria-invalid");
        control.removeAttribute("aria-errormessage");
      }
    }
    first?.focus();
    return first !== null;
  }
}
