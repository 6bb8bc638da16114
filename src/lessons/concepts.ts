/**
 * The concept ids of the course (`shared/docs/course.md`), which every lesson step names in its
 * `concepts`. The course as a whole must cover every one of REQUIRED_CONCEPTS; the extra ones
 * are accepted where a lesson teaches them.
 */
export const REQUIRED_CONCEPTS = [
  'multi-leader-basics',
  'single-vs-multi-latency',
  'single-vs-multi-availability',
  'partition-tolerance',
  'use-multi-datacenter',
  'use-offline-clients',
  'use-collaborative-editing',
  'topology-all-to-all',
  'topology-ring',
  'topology-star',
  'loop-prevention',
  'topology-failure',
  'causal-anomaly',
  'causal-fix',
  'auto-increment',
  'write-conflict',
  'lww',
  'lww-clock-skew',
  'lww-data-loss',
  'lww-ties',
  'hlc-ntp',
  'merge-values',
  'merge-resurrection',
  'custom-on-write',
  'custom-on-read',
  'crdt-counter',
  'crdt-set',
  'crdt-register',
  'crdt-text',
  'ot',
  'trade-offs',
] as const;

/** Accepted once the model has them (course.md's "also accepted"); not required of the course. */
export const EXTRA_CONCEPTS = [
  'failover',
  'datacenter-loss',
  'conflict-granularity',
  'row-conflicts',
  'lost-write-definition',
] as const;

export const CONCEPTS: readonly string[] = [...REQUIRED_CONCEPTS, ...EXTRA_CONCEPTS];
