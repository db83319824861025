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
  emptyEnvironment: boolean;
  limits: { heapHardLimitBytes: number; cpuTimeLimitSeconds: number; invocationTimeoutSeconds: number };
  observed: { processId: number; uid: number; gid: number; ownNetworkNamespace: boolean; ownIpcNamespace: boolean; cpuTimeLimit: string | null;
    noNewPrivileges: boolean; noCapabilities: boolean } | null;
  problems: string[];
}
