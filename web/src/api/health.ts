/** What the host reports about itself (GET /health/…). */

/** GET /health/isolation: the runner isolation in force on the host. */
export interface IsolationReport {
  status: "enforced" | "weakened" | "refused";
  networkIsolation: string;
  networkNamespace: boolean;
  networkMethod: string | null;
  dropPrivileges: string;
  hostUser: string;
  runnerUser: string;
  unprivileged: boolean;
  runnerPath: string;
  /** How each runner gets a control group of its own (e.g. "cgroup v1 (memory, pids)"), or null: none. */
  controlGroups: string | null;
  emptyEnvironment: boolean;
  limits: { heapHardLimitBytes: number; cpuTimeLimitSeconds: number; invocationTimeoutSeconds: number;
    memoryLimitBytes: number; maxProcesses: number };
  observed: { processId: number; uid: number; gid: number; ownNetworkNamespace: boolean; ownIpcNamespace: boolean; cpuTimeLimit: string | null;
    noNewPrivileges: boolean; noCapabilities: boolean; processLimit: string | null; controlGroup: string | null;
    memoryLimitBytes: number | null; maxProcesses: number | null } | null;
  problems: string[];
}
