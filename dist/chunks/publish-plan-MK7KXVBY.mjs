#!/usr/bin/env node
import {
  gcpEndpoints,
  gcpProjectFromEnv,
  parseTargets,
  planPublish
} from "./chunk-5AHXHABJ.mjs";
import "./chunk-BMI5FJTG.mjs";
import "./chunk-YP26X3DU.mjs";
import "./chunk-U2EJU7B7.mjs";
import "./chunk-PPIE5UIA.mjs";
import "./chunk-7WHGZY2X.mjs";
export {
  gcpEndpoints,
  gcpProjectFromEnv,
  parseTargets,
  planPublish
};
