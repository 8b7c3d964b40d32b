export * from "./auth";
export * from "./leads";
export * from "./handoffs";
export * from "./approvals";
export * from "./rules";
export * from "./intake-sources";
export * from "./corrections";
export * from "./crm";
