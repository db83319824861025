/** Unified diff lines classified for colouring. */

export type DiffLineKind = "add" | "del" | "hunk" | "meta" | "context";
export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

export function classifyDiffLine(line: string): DiffLineKind {
  if (line.startsWith("+++ ") || line.startsWith("--- ") || line === "+++" || line === "---") return "meta";
  if (line.startsWith("diff ") || line.startsWith("index ") || line.startsWith("new file") ||
      line.startsWith("deleted file") || line.startsWith("\\ ")) return "meta";
  if (line.startsWith("@@")) return "hunk";
  if (line.startsWith("+")) return "add";
  if (line.startsWith("-")) return "del";
  return "context";
}

export function parseDiff(text: string): DiffLine[] {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => ({ kind: classifyDiffLine(line), text: line }));
}

/** Counts of added and removed lines. */
export function diffStats(lines: DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const l of lines) {
    if (l.kind === "add") added++;
    else if (l.kind === "del") removed++;
  }
  return { added, removed };
}
