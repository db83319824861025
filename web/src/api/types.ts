/**
 * Shapes of the HTTP API's answers (functions/Http/Contracts.cs, shared/DurableObjects.Sandbox/Api), one file per
 * area; importers keep taking them from here.
 */
export * from "./objects";
export * from "./page";
export * from "./runs";
export * from "./monitors";
export * from "./audit";
export * from "./outbox";
export * from "./health";
export * from "./users";
