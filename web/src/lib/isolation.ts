/** The one-line sandbox status shown in the navigation bar, from GET /health/isolation. */
import type { IsolationReport } from "../api/types";

export interface IsolationLine {
  text: string;
  /** "ok" when everything the sandbox promises is in force; "warning" otherwise. */
  level: "ok" | "warning";
  /** The details, for the tooltip. */
  title: string;
}

export function describeIsolation(report: IsolationReport | null): IsolationLine {
  if (!report) return { text: "Sandbox: status unknown", level: "warning", title: "GET /health/isolation did not answer." };
  const network = report.networkNamespace ? "own network namespace" : "NO network namespace";
  const user = `runs as ${report.runnerUser}`;
  const title = [
    `Network: ${report.networkMethod ?? "none"} (${report.networkIsolation})`,
    `User: ${report.runnerUser} (host: ${report.hostUser}; DropPrivileges ${report.dropPrivileges})`,
    `Heap ${Math.round(report.limits.heapHardLimitBytes / 1048576)} MiB, CPU ${report.limits.cpuTimeLimitSeconds} s, call ${report.limits.invocationTimeoutSeconds} s`,
    ...report.problems,
  ].join("\n");
  switch (report.status) {
    case "enforced":
      return { text: `Sandbox: enforced (${user}, ${network})`, level: "ok", title };
    case "refused":
      return { text: "Sandbox: runners refused (required isolation unavailable)", level: "warning", title };
    default:
      return { text: `Sandbox: WEAKENED (${user}, ${network})`, level: "warning", title };
  }
}
