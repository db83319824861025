/** The invoke console's form values → the arguments object, by each parameter's JSON type from the API schema. */
import type { ApiParameter } from "../api/types";

export type InputKind = "integer" | "number" | "boolean" | "text" | "json";

export interface ParsedType {
  base: string;
  nullable: boolean;
}

export function parseType(type: string): ParsedType {
  const t = type.trim();
  return t.endsWith("?") ? { base: t.slice(0, -1), nullable: true } : { base: t, nullable: false };
}

export function inputKindFor(type: string): InputKind {
  const { base } = parseType(type);
  switch (base) {
    case "integer": return "integer";
    case "number": return "number";
    case "boolean": return "boolean";
    case "string": return "text";
    default: return "json"; // array<T>, map<T>, object, any, named records
  }
}

/** A hint shown under JSON inputs. */
export function placeholderFor(type: string): string {
  const { base } = parseType(type);
  if (base.startsWith("array<")) return "[ … ]";
  if (base.startsWith("map<") || base === "object") return "{ … }";
  if (base === "any") return "any JSON value";
  return "";
}

export interface ArgumentsResult {
  args: Record<string, unknown>;
  errors: Record<string, string>;
}

/**
 * values: raw form values by parameter name (checkboxes as "true"/"false").
 * Empty optional parameters are left out; empty nullable ones are sent as null.
 */
export function toArguments(parameters: ApiParameter[], values: Record<string, string | undefined>): ArgumentsResult {
  const args: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const p of parameters) {
    const raw = values[p.name] ?? "";
    const { nullable } = parseType(p.type);
    const kind = inputKindFor(p.type);
    const empty = kind === "text" ? raw === "" : raw.trim() === "";
    if (empty && kind !== "boolean") {
      if (p.optional) continue;
      if (nullable) { args[p.name] = null; continue; }
      if (kind === "text") { args[p.name] = ""; continue; }
      errors[p.name] = "A value is required.";
      continue;
    }
    const v = raw.trim();
    switch (kind) {
      case "integer":
        if (!/^[-+]?\d+$/.test(v)) errors[p.name] = "A whole number is required.";
        else {
          const n = Number(v);
          if (!Number.isSafeInteger(n)) errors[p.name] = "That number is too large.";
          else args[p.name] = n;
        }
        break;
      case "number": {
        const n = Number(v);
        if (!Number.isFinite(n) || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v)) errors[p.name] = "A number is required.";
        else args[p.name] = n;
        break;
      }
      case "boolean":
        args[p.name] = raw === "true";
        break;
      case "text":
        args[p.name] = raw;
        break;
      case "json":
        try {
          args[p.name] = JSON.parse(v);
        } catch {
          errors[p.name] = "Valid JSON is required.";
        }
        break;
    }
  }
  return { args, errors };
}
