export * from "./users";
export * from "./stores";
export * from "./audit";
export * from "./orders";
export * from "./events";
export * from "./api-keys";
export * from "./inventory";
