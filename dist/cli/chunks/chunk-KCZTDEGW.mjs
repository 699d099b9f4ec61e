#!/usr/bin/env node
import { createRequire as __nanoshipRequire } from 'node:module';
const require = __nanoshipRequire(import.meta.url);
var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// src/errors.ts
var UserError = class extends Error {
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
function isUserError(error) {
  return error instanceof UserError;
}

export {
  __export,
  UserError,
  errorMessage,
  isUserError
};
