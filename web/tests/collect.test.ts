import { describe, expect, it } from "vitest";
import { collect, itemsOf } from "../src/api/client";

describe("paging", () => {
  it("follows continuation tokens until the end", async () => {
    const pages: Record<string, { items: number[]; continuationToken?: string | null }> = {
      "": { items: [1, 2], continuationToken: "a" },
      a: { items: [3], continuationToken: "b" },
      b: { items: [4], continuationToken: null },
    };
    const seen: (string | undefined)[] = [];
    const all = await collect<number>(async (t) => { seen.push(t); return pages[t ?? ""]; }, 100);
    expect(all).toEqual([1, 2, 3, 4]);
    expect(seen).toEqual([undefined, "a", "b"]);
  });

  it("stops at the limit and accepts bare arrays", async () => {
    const all = await collect<number>(async () => ({ items: [1, 2, 3], continuationToken: "again" }), 5);
    expect(all.length).toBe(6);
    expect(itemsOf([7, 8])).toEqual([7, 8]);
  });
});
