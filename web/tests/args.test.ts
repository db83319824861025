import { describe, expect, it } from "vitest";
import type { ApiParameter } from "../src/api/types";
import { inputKindFor, toArguments } from "../src/lib/args";

const p = (name: string, type: string, optional = false): ApiParameter => ({ name, type, clrType: type, optional });

describe("input kinds", () => {
  it("maps the schema's JSON types", () => {
    expect(inputKindFor("integer")).toBe("integer");
    expect(inputKindFor("number?")).toBe("number");
    expect(inputKindFor("boolean")).toBe("boolean");
    expect(inputKindFor("string?")).toBe("text");
    expect(inputKindFor("array<integer>")).toBe("json");
    expect(inputKindFor("map<string>")).toBe("json");
    expect(inputKindFor("any")).toBe("json");
    expect(inputKindFor("Point")).toBe("json");
  });
});

describe("form → arguments", () => {
  it("converts each value by its type", () => {
    const params = [p("a", "integer"), p("x", "number"), p("flag", "boolean"), p("s", "string"), p("list", "array<integer>"), p("m", "map<string>")];
    const r = toArguments(params, { a: " -5 ", x: "2.5e1", flag: "true", s: " keep spaces ", list: "[1, 2]", m: '{"k":"v"}' });
    expect(r.errors).toEqual({});
    expect(r.args).toEqual({ a: -5, x: 25, flag: true, s: " keep spaces ", list: [1, 2], m: { k: "v" } });
  });

  it("reports values that do not fit the type", () => {
    const r = toArguments([p("a", "integer"), p("x", "number"), p("j", "array<string>"), p("big", "integer")],
      { a: "1.5", x: "abc", j: "[1,", big: "99999999999999999999" });
    expect(Object.keys(r.errors).sort()).toEqual(["a", "big", "j", "x"]);
    expect(r.args).toEqual({});
  });

  it("omits empty optional values, sends null for empty nullable ones, requires the rest", () => {
    const r = toArguments([p("o", "integer", true), p("n", "integer?"), p("r", "integer"), p("s", "string"), p("b", "boolean")],
      { o: "", n: "", r: "", s: "", b: "false" });
    expect(r.args).toEqual({ n: null, s: "", b: false });
    expect(r.errors).toEqual({ r: "A value is required." });
  });
});
