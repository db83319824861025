/** A small C# tokenizer for syntax highlighting: keywords, strings, chars, comments, numbers, type-like names. */

export type TokenKind = "keyword" | "string" | "comment" | "number" | "type" | "plain";
export interface Token {
  kind: TokenKind;
  text: string;
}

export const keywords = new Set(
  ("abstract as async await base bool break byte case catch char checked class const continue decimal default delegate do " +
    "double else enum event explicit extern false finally fixed float for foreach get goto if implicit in init int interface " +
    "internal is lock long namespace new null object operator out override params private protected public readonly record " +
    "ref required return sbyte sealed set short sizeof stackalloc static string struct switch this throw true try typeof uint " +
    "ulong unchecked unsafe ushort using var virtual void volatile when where while with yield value nameof dynamic let from " +
    "select orderby group by into join on equals ascending descending global partial file scoped not and or")
    .split(" "),
);

const isIdentStart = (c: string) => /[A-Za-z_]/.test(c);
const isIdentPart = (c: string) => /[A-Za-z0-9_]/.test(c);

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, text: string) => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === kind && kind === "plain") last.text += text;
    else tokens.push({ kind, text });
  };
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i];
    const next = source[i + 1];
    // comments
    if (c === "/" && next === "/") {
      let j = source.indexOf("\n", i);
      if (j < 0) j = n;
      push("comment", source.slice(i, j));
      i = j;
      continue;
    }
    if (c === "/" && next === "*") {
      let j = source.indexOf("*/", i + 2);
      j = j < 0 ? n : j + 2;
      push("comment", source.slice(i, j));
      i = j;
      continue;
    }
    // raw string literals """…"""
    if (source.startsWith('"""', i) || ((c === "$" || c === "@") && source.startsWith('"""', i + 1))) {
      const start = i;
      const open = source.indexOf('"""', i);
      let j = source.indexOf('"""', open + 3);
      j = j < 0 ? n : j + 3;
      while (j < n && source[j] === '"') j++;
      push("string", source.slice(start, j));
      i = j;
      continue;
    }
    // verbatim / interpolated / regular strings
    const prefix = /^(\$@|@\$|\$|@)?"/.exec(source.slice(i, i + 3));
    if (prefix) {
      const verbatim = prefix[1]?.includes("@") ?? false;
      let j = i + prefix[0].length;
      while (j < n) {
        if (verbatim) {
          if (source[j] === '"' && source[j + 1] === '"') { j += 2; continue; }
          if (source[j] === '"') { j++; break; }
        } else {
          if (source[j] === "\\") { j += 2; continue; }
          if (source[j] === '"' || source[j] === "\n") { j++; break; }
        }
        j++;
      }
      push("string", source.slice(i, Math.min(j, n)));
      i = Math.min(j, n);
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      while (j < n && source[j] !== "'" && source[j] !== "\n") j += source[j] === "\\" ? 2 : 1;
      j = Math.min(j + 1, n);
      push("string", source.slice(i, j));
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(next ?? ""))) {
      const m = /^(0[xX][0-9a-fA-F_]+|0[bB][01_]+|[0-9_]*\.?[0-9_]+([eE][+-]?[0-9]+)?)[uUlLfFdDmM]*/.exec(source.slice(i));
      const text = m && m[0] ? m[0] : c;
      push("number", text);
      i += text.length;
      continue;
    }
    if (isIdentStart(c) || (c === "@" && isIdentStart(next ?? ""))) {
      let j = i + 1;
      while (j < n && isIdentPart(source[j])) j++;
      const word = source.slice(i, j);
      if (keywords.has(word)) push("keyword", word);
      else if (/^[A-Z]/.test(word)) push("type", word);
      else push("plain", word);
      i = j;
      continue;
    }
    push("plain", c);
    i++;
  }
  return tokens;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** HTML for a <pre><code>: each non-plain token in a <span class="tok-KIND">. */
export function highlightCSharp(source: string): string {
  return tokenize(source)
    .map((t) => (t.kind === "plain" ? escapeHtml(t.text) : `<span class="tok-${t.kind}">${escapeHtml(t.text)}</span>`))
    .join("");
}
