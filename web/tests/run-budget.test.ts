// @vitest-environment happy-dom
/** The run page's budget section: limits against spend, the spend per item, and the stop when the budget ran out. */
import { describe, expect, it } from "vitest";
import { budgetSection, isFinal } from "../src/pages/run";

const budget = {
  maxCost: null, maxTokens: 250, cost: 0, tokens: 300, exhausted: true,
  items: [
    { item: "model", count: 2, tokens: 300, seconds: 0, cost: 0 },
    { item: "sandbox", count: 0, tokens: 0, seconds: 0, cost: 0 },
    { item: "mutation", count: 0, tokens: 0, seconds: 0, cost: 0 },
  ],
};

describe("run budget", () => {
  it("says the run stopped for its budget, with the spend per item", () => {
    const section = budgetSection(budget, "budget-exhausted");

    expect(section.querySelector("h2")!.textContent).toBe("Budget");
    expect(section.querySelector('[role="note"]')!.textContent).toBe("Stopped: the budget is spent (tokens 300 of 250). No further step was started.");
    const rows = [...section.querySelectorAll("tbody tr")].map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent));
    expect(rows[0]).toEqual(["model", "2", "300", "0.000", "$0.0000"]);
    expect(rows.map((r) => r[0])).toEqual(["model", "sandbox", "mutation"]);
  });

  it("shows money and tokens spent so far while the run goes on", () => {
    const section = budgetSection({ ...budget, maxCost: 0.5, cost: 0.1234, exhausted: false }, "running");

    expect(section.textContent).toContain("Spent cost $0.1234 of $0.5000, tokens 300 of 250.");
    expect(section.querySelector('[role="note"]')).toBeNull();
  });

  it("treats budget-exhausted as final, so the page stops following", () => {
    expect(isFinal("budget-exhausted")).toBe(true);
  });
});
