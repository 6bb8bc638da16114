/**
 * The `multi-leader-lab.js` module (and the package's `./element` export): importing it
 * defines `<multi-leader-lab>`.
 */
import { defineMultiLeaderLab } from './element';

export { ELEMENT_NAME, MultiLeaderLabElement } from './element';
export type * from './events';
export { EMBED_EVENT_VERSION, MESSAGE_SOURCE } from './events';
export { CONTROL_NAMES, EMBED_PARAMS } from './params';

defineMultiLeaderLab();
