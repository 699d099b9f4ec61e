/**
 * The Action's Logger, backed by @actions/core: notices and warnings become annotations,
 * groups become collapsible log sections.
 */
import * as core from '@actions/core';
import type { Logger } from '../log.js';

export const coreLogger: Logger = {
  debug: (message) => core.debug(message),
  info: (message) => core.info(message),
  notice: (message) => core.notice(message),
  warning: (message) => core.warning(message),
  group: (title, fn) => core.group(title, fn),
};
