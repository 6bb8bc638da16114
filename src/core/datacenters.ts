/**
 * The named datacenters (ids and city labels) every scene is built from: the app's default
 * lab, the presets, the stories and the tests all name their leaders from this one list.
 */

import type { NodeConfig } from './types';

/** Every datacenter, in the order a cluster grows. */
export const DATACENTERS: readonly NodeConfig[] = [
  { id: 'eu', label: 'Frankfurt' },
  { id: 'us', label: 'Virginia' },
  { id: 'ap', label: 'Tokyo' },
  { id: 'sa', label: 'São Paulo' },
  { id: 'au', label: 'Sydney' },
  { id: 'in', label: 'Mumbai' },
  { id: 'or', label: 'Oregon' },
  { id: 'sg', label: 'Singapore' },
  { id: 'za', label: 'Cape Town' },
];

/** Frankfurt, Virginia and Tokyo: the three-datacenter cluster most lessons, stories and tests use. */
export const THREE_DATACENTERS: readonly NodeConfig[] = DATACENTERS.slice(0, 3);
