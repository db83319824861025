import { describe, expect, it } from "vitest";
import { highlightCSharp, tokenize } from "../src/lib/csharp";

const kinds = (src: string) => tokenize(src).filter((t) => t.kind !== "plain").map((t) => [t.kind, t.text]);

describe("C# tokenizer", () => {
  it("finds keywords, types and numbers", () => {
    expect(kinds("public int Add(int a) => a + 42;")).toEqual([
      ["keyword", "public"], ["keyword", "int"], ["type", "Add"], ["keyword", "int"], ["number", "42"],
    ]);
  });

  it("keeps comments whole, including doc comments and block comments", () => {
    expect(kinds("/// <summary>Adds.</summary>\nx /* a \"b\" */ y")).toEqual([
      ["comment", "/// <summary>Adds.</summary>"], ["comment", "/* a \"b\" */"],
    ]);
  });

  it("handles escapes, verbatim, interpolated and char literals", () => {
    expect(kinds(String.raw`"a\"b" @"c""d" $"{x}" 'e' '\''`)).toEqual([
      ["string", String.raw`"a\"b"`], ["string", `@"c""d"`], ["string", `$"{x}"`], ["string", "'e'"], ["string", String.raw`'\''`],
    ]);
  });

  it("does not treat // inside a string as a comment", () => {
    expect(kinds(`var u = "http://x"; // note`)).toEqual([["keyword", "var"], ["string", `"http://x"`], ["comment", "// note"]]);
  });

  it("reproduces the source exactly", () => {
    const src = "namespace S;\npublic class C { public double D() => 1.5e3d; /* end */ }\n// \"x\" 'y'\n\"unterminated";
    expect(tokenize(src).map((t) => t.text).join("")).toBe(src);
  });

  it("escapes HTML in the output", () => {
    expect(highlightCSharp(`List<int> x = "<b>";`)).toBe(
      `<span class="tok-type">List</span>&lt;<span class="tok-keyword">int</span>&gt; x = <span class="tok-string">&quot;&lt;b&gt;&quot;</span>;`,
    );
  });
});
