#!/usr/bin/env node
import {
  errorMessage
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/smoke/probe.ts
const { connect } = process.getBuiltinModule("node:net");
var PROBE_INTERVAL_MS = 10;
var PROBE_ATTEMPT_MS = 2e3;
var MAX_ATTEMPTS_IN_FLIGHT = Math.ceil(PROBE_ATTEMPT_MS / PROBE_INTERVAL_MS) + 1;
var BODY_LIMIT_BYTES = 64 * 1024;
var HEADER_LIMIT_BYTES = 16 * 1024;
var TCP_STABLE_MS = 400;
var TCP_CANARY_MS = 100;
var TCP_MAX_IN_FLIGHT = 1;
function pollUntil(attempt, options) {
  const intervalMs = options.intervalMs ?? PROBE_INTERVAL_MS;
  const attemptMs = options.attemptMs ?? PROBE_ATTEMPT_MS;
  return new Promise((resolve, reject) => {
    const inFlight = /* @__PURE__ */ new Set();
    let lastError = new Error("no attempt finished");
    let done = false;
    const finish = /* @__PURE__ */ __name((settle) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      options.signal.removeEventListener("abort", onAbort);
      for (const controller of inFlight) controller.abort();
      settle();
    }, "finish");
    const onAbort = /* @__PURE__ */ __name(() => finish(() => reject(lastError)), "onAbort");
    const start = /* @__PURE__ */ __name(() => {
      if (done || inFlight.size >= (options.maxInFlight ?? MAX_ATTEMPTS_IN_FLIGHT)) return;
      const controller = new AbortController();
      const bound = setTimeout(() => controller.abort(new Error("no answer")), attemptMs);
      inFlight.add(controller);
      attempt(controller.signal).then(
        (value) => finish(() => resolve(value)),
        (error) => {
          if (done) return;
          lastError = error;
          options.onAttemptError?.(error);
        }
      ).finally(() => {
        clearTimeout(bound);
        inFlight.delete(controller);
      });
    }, "start");
    const timer = setInterval(start, intervalMs);
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener("abort", onAbort);
    start();
  });
}
__name(pollUntil, "pollUntil");
function httpAttempt(hostPort, path, host = "127.0.0.1") {
  const request = `GET ${path} HTTP/1.0\r
Host: ${host}\r
Connection: close\r
\r
`;
  return (signal) => new Promise((resolve, reject) => {
    const socket = connect({ host, port: hostPort, signal });
    const chunks = [];
    let size = 0;
    const finish = /* @__PURE__ */ __name((error) => {
      socket.destroy();
      const answer = parseHttpResponse(Buffer.concat(chunks));
      if (answer !== void 0) resolve({ status: answer.status, body: answer.body });
      else reject(error ?? new Error("connection closed without an HTTP response"));
    }, "finish");
    socket.once("connect", () => socket.write(request));
    socket.on("data", (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
      const answer = parseHttpResponse(Buffer.concat(chunks));
      if (answer?.complete || size >= BODY_LIMIT_BYTES + HEADER_LIMIT_BYTES) finish();
    });
    socket.once("end", () => finish());
    socket.once("error", (error) => finish(error));
  });
}
__name(httpAttempt, "httpAttempt");
function parseHttpResponse(bytes) {
  const headerEnd = bytes.indexOf("\r\n\r\n");
  if (headerEnd === -1) return void 0;
  const head = bytes.toString("latin1", 0, headerEnd);
  const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(head);
  if (status === null) return void 0;
  const body = bytes.subarray(headerEnd + 4, headerEnd + 4 + BODY_LIMIT_BYTES);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  const complete = body.length >= BODY_LIMIT_BYTES || length !== null && body.length >= Number(length[1]);
  return { status: Number(status[1]), body: body.toString("utf8"), complete };
}
__name(parseHttpResponse, "parseHttpResponse");
function checkHttpAnswer(probe, answer) {
  const wantStatus = probe.expectStatus ?? 200;
  if (answer.status !== wantStatus) {
    return `got HTTP status ${answer.status}, want ${wantStatus}`;
  }
  if (probe.expectBody) probe.expectBody.lastIndex = 0;
  if (probe.expectBody !== void 0 && !probe.expectBody.test(answer.body)) {
    return `got body ${JSON.stringify(truncate(answer.body, 200))}, want a match for ${probe.expectBody}`;
  }
  return void 0;
}
__name(checkHttpAnswer, "checkHttpAnswer");
function tcpAttempt(hostPort, canaryHostPort) {
  return async (signal) => {
    await expectCanaryRefused(canaryHostPort, signal);
    const socket = await openSocket(hostPort, signal);
    const openedAt = performance.now();
    try {
      const outcome = await firstOf(socket, TCP_STABLE_MS, signal);
      if (outcome === "data") return { openedAt };
      if (outcome === "closed") {
        throw new Error("connection closed by the guest (nothing listening)");
      }
      await expectCanaryRefused(canaryHostPort, signal);
      if (socket.destroyed || socket.readyState !== "open") {
        throw new Error("connection closed by the guest");
      }
      return { openedAt };
    } finally {
      socket.destroy();
    }
  };
}
__name(tcpAttempt, "tcpAttempt");
async function expectCanaryRefused(port, signal) {
  const canary = await openSocket(port, signal);
  try {
    if (await firstOf(canary, TCP_CANARY_MS, signal) !== "closed") {
      throw new Error("the guest network is not answering yet");
    }
  } finally {
    canary.destroy();
  }
}
__name(expectCanaryRefused, "expectCanaryRefused");
function openSocket(port, signal, host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, signal });
    socket.once("connect", () => {
      socket.removeListener("error", reject);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}
__name(openSocket, "openSocket");
function connectAttempt(host, port) {
  return async (signal) => {
    const socket = await openSocket(port, signal, host);
    const openedAt = performance.now();
    try {
      const outcome = await firstOf(socket, TCP_STABLE_MS, signal);
      if (outcome === "closed") throw new Error("connection closed at once by the server");
      return { openedAt };
    } finally {
      socket.destroy();
    }
  };
}
__name(connectAttempt, "connectAttempt");
function firstOf(socket, ms, signal) {
  return new Promise((resolve, reject) => {
    const settle = /* @__PURE__ */ __name((outcome) => {
      clearTimeout(timer);
      socket.removeAllListeners("data").removeAllListeners("close").removeAllListeners("end");
      signal.removeEventListener("abort", onAbort);
      resolve(outcome);
    }, "settle");
    const onAbort = /* @__PURE__ */ __name(() => {
      clearTimeout(timer);
      reject(signal.reason);
    }, "onAbort");
    const timer = setTimeout(() => settle("open"), ms);
    socket.once("data", () => settle("data"));
    socket.once("end", () => settle("closed"));
    socket.once("close", () => settle("closed"));
    socket.on("error", () => settle("closed"));
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
__name(firstOf, "firstOf");
function describeProbeError(error) {
  const code = error?.code;
  if (code === "ECONNRESET" || code === "ECONNREFUSED") return "connection refused or reset";
  if (code === "ABORT_ERR") return "no answer";
  return errorMessage(error);
}
__name(describeProbeError, "describeProbeError");
function truncate(text, max) {
  return text.length <= max ? text : `${text.slice(0, max)}\u2026`;
}
__name(truncate, "truncate");

export {
  TCP_MAX_IN_FLIGHT,
  pollUntil,
  httpAttempt,
  checkHttpAnswer,
  tcpAttempt,
  connectAttempt,
  describeProbeError
};
