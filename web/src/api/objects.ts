/** Objects, their versions and their API schema as the HTTP API answers them (functions/Http/Contracts.cs, shared/DurableObjects.Sandbox/Api). */

export type ObjectStatus = "draft" | "deployed" | "failed" | "deprecated" | string;

export interface ApiParameter {
  name: string;
  /** JSON-friendly type: integer, number, string, boolean, any, object, array<T>, map<T>; a trailing ? = nullable. */
  type: string;
  clrType: string;
  optional: boolean;
  description?: string | null;
}

export interface ApiMethod {
  name: string;
  parameters: ApiParameter[];
  returnType: string;
  summary?: string | null;
  isStatic: boolean;
}

export interface ApiSchema {
  className: string;
  summary?: string | null;
  methods: ApiMethod[];
  testClass?: string | null;
  tests: string[];
}

export interface DeploymentInfo {
  version: number;
  contentHash: string;
  deployedAt: string;
  deployedBy: string;
}

export interface ObjectInfo {
  name: string;
  description: string;
  status: ObjectStatus;
  currentVersion: number;
  latestVersion: number;
  owner: string;
  apiSchema?: ApiSchema | null;
  createdAt: string;
  updatedAt: string;
  deployments: Record<string, DeploymentInfo>;
  lastError?: string | null;
  publicInvoke: boolean;
}

export interface SourceFileRef {
  path: string;
  [extra: string]: unknown;
}

export interface VersionInfo {
  number: number;
  summary: string;
  author: string;
  parentVersion?: number | null;
  contentHash: string;
  fileList: SourceFileRef[];
  apiSchema?: ApiSchema | null;
  createdAt: string;
  files?: Record<string, string>;
}
