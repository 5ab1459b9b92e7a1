export * from "./segments";
export * from "./greetings";
export * from "./offers";
export type { ValidationError } from "./validation-messages";
