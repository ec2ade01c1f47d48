export * from "./users";
export * from "./stores";
export * from "./audit";
