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
  // An answer without a status (an older host, a proxy's page) is as good as none.
  if (!report || typeof report !== "object" || !report.status) {
    return { text: "Sandbox: status unknown", level: "warning", title: "GET /health/isolation did not answer." };
  }
  const limits = report.limits;
  const network = report.networkNamespace ? "own network namespace" : "NO network namespace";
  const user = `runs as ${report.runnerUser}`;
  const title = [
    `Network: ${report.networkMethod ?? "none"} (${report.networkIsolation})`,
    `User: ${report.runnerUser} (host: ${report.hostUser}; DropPrivileges ${report.dropPrivileges})`,
    limits
      ? `Heap ${Math.round(limits.heapHardLimitBytes / 1048576)} MiB, CPU ${limits.cpuTimeLimitSeconds} s, call ${limits.invocationTimeoutSeconds} s`
      : "Limits: not reported",
    // An older host reports no control groups at all (undefined): say nothing rather than "none".
    ...(report.controlGroups === undefined
      ? []
      : report.controlGroups && limits
        ? [`Memory ${Math.round(limits.memoryLimitBytes / 1048576)} MiB and ${limits.maxProcesses} threads per runner (${report.controlGroups})`]
        : ["Memory: GC heap limit only (no control group per runner)"]),
    ...(report.problems ?? []),
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
