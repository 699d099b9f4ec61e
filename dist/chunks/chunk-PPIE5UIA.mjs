#!/usr/bin/env node
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/errors.ts
var UserError = class extends Error {
  static {
    __name(this, "UserError");
  }
  name = "UserError";
  constructor(message, options) {
    super(message, options);
  }
};
function errorMessage(error) {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
__name(errorMessage, "errorMessage");
function isUserError(error) {
  return error instanceof UserError;
}
__name(isUserError, "isUserError");

export {
  UserError,
  errorMessage,
  isUserError
};
