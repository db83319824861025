import { describe, expect, it } from "vitest";
import { ApiError, describeError, toApiError } from "../src/api/problem";

describe("toApiError", () => {
  it("uses the problem's title and detail", () => {
    const e = toApiError(404, { type: "about:blank", title: "Not found", status: 404, detail: "No object named 'x'." });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(404);
    expect(e.message).toBe("Not found: No object named 'x'.");
  });

  it("lists validation errors by field", () => {
    const e = toApiError(400, { title: "One or more validation errors occurred.", errors: { name: ["The name must start with a letter."] } });
    expect(e.message).toBe("One or more validation errors occurred.: name: The name must start with a letter.");
  });

  it("does not repeat field errors the detail already lists (the host's 400 answers)", () => {
    const e = toApiError(400, {
      title: "Invalid request",
      detail: "The request has invalid fields. name: An object name starts with a letter.",
      errors: { name: ["An object name starts with a letter."] },
    });
    expect(e.message).toBe("Invalid request: The request has invalid fields. name: An object name starts with a letter.");
  });

  it("mentions the exception type of a failed invocation", () => {
    const e = toApiError(422, { title: "The object threw", detail: "Attempted to divide by zero.", exceptionType: "System.DivideByZeroException" });
    expect(e.message).toContain("Attempted to divide by zero. (System.DivideByZeroException)");
  });

  it("falls back to plain words by status when there is no problem body", () => {
    expect(toApiError(401, undefined).message).toMatch(/Sign in again/);
    expect(toApiError(504, "").message).toMatch(/too long/);
    expect(toApiError(418, undefined).message).toBe("The request failed (HTTP 418)");
    expect(toApiError(0, "fetch failed").message).toBe("The server could not be reached: fetch failed");
  });

  it("does not repeat a detail equal to the title", () => {
    expect(toApiError(409, { title: "Conflict", detail: "Conflict" }).message).toBe("Conflict");
  });

  it("describes any thrown value", () => {
    expect(describeError(new Error("boom"))).toBe("boom");
    expect(describeError("text")).toBe("text");
  });
});
