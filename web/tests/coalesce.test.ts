/** lib/coalesce.ts: at most one run in flight and one queued. */
import { expect, it } from "vitest";
import { coalesce } from "../src/lib/coalesce";

it("runs once now and once more after a burst, never overlapping", async () => {
  let active = 0, maxActive = 0, runs = 0;
  const release: (() => void)[] = [];
  const refresh = coalesce(async () => {
    runs++;
    active++;
    maxActive = Math.max(maxActive, active);
    await new Promise<void>((r) => release.push(r));
    active--;
  });
  const first = refresh();
  const burst = [refresh(), refresh(), refresh()];
  expect(runs).toBe(1);
  expect(burst[0]).toBe(burst[2]); // joined the one queued run
  release.shift()!();
  await first;
  await new Promise((r) => setTimeout(r, 0));
  expect(runs).toBe(2);
  release.shift()!();
  await Promise.all(burst);
  expect(runs).toBe(2);
  expect(maxActive).toBe(1);
  const later = refresh();
  expect(runs).toBe(3);
  release.shift()!();
  await later;
});

it("a failed run does not block the queued one", async () => {
  let n = 0;
  const refresh = coalesce(async () => {
    n++;
    if (n === 1) throw new Error("boom");
  });
  const a = refresh().catch(() => "failed");
  const b = refresh();
  expect(await a).toBe("failed");
  await b;
  expect(n).toBe(2);
});
