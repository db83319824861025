import { describe, expect, it } from "vitest";
import { classifyDiffLine, diffStats, parseDiff } from "../src/lib/diff";

describe("diff line classifier", () => {
  it("classifies unified diff lines", () => {
    expect(classifyDiffLine("--- a/Calculator.cs (v1)")).toBe("meta");
    expect(classifyDiffLine("+++ b/Calculator.cs (v2)")).toBe("meta");
    expect(classifyDiffLine("diff --git a/x b/x")).toBe("meta");
    expect(classifyDiffLine("\\ No newline at end of file")).toBe("meta");
    expect(classifyDiffLine("@@ -1,3 +1,5 @@")).toBe("hunk");
    expect(classifyDiffLine("+    public int Subtract(int a, int b) => a - b;")).toBe("add");
    expect(classifyDiffLine("-/// <summary>Adds numbers.</summary>")).toBe("del");
    expect(classifyDiffLine("+")).toBe("add");
    expect(classifyDiffLine(" namespace Samples;")).toBe("context");
    expect(classifyDiffLine("")).toBe("context");
  });

  it("parses a diff and counts changes", () => {
    const text = "--- a/C.cs\n+++ b/C.cs\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n+d\n";
    const lines = parseDiff(text);
    expect(lines.map((l) => l.kind)).toEqual(["meta", "meta", "hunk", "context", "del", "add", "add"]);
    expect(diffStats(lines)).toEqual({ added: 2, removed: 1 });
  });

  it("handles CRLF and an empty diff", () => {
    expect(parseDiff("+a\r\n-b\r\n").map((l) => l.text)).toEqual(["+a", "-b"]);
    expect(parseDiff("")).toEqual([]);
  });
});
