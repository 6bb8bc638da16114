/**
 * The course concepts a scene can name (`Scenario.concepts`), in words for the gallery. An id
 * missing here still shows, its hyphens read as spaces.
 */
const WORDS: Readonly<Record<string, string>> = {
  'auto-increment': 'auto-increment ids',
  'causal-anomaly': 'causal anomaly',
  'causal-fix': 'causal delivery',
  'crdt-counter': 'CRDT counter',
  'crdt-register': 'CRDT register',
  'crdt-set': 'CRDT set',
  'crdt-text': 'CRDT text',
  'custom-on-read': 'resolve on read',
  'custom-on-write': 'resolve on write',
  'hlc-ntp': 'hybrid logical clocks',
  'loop-prevention': 'replication loops',
  lww: 'last write wins',
  'lww-clock-skew': 'clock skew',
  'lww-data-loss': 'lost writes',
  'lww-ties': 'tie rules',
  'merge-resurrection': 'resurrected items',
  'merge-values': 'merging values',
  'multi-leader-basics': 'multi-leader basics',
  ot: 'operational transformation',
  'partition-tolerance': 'network partitions',
  'single-vs-multi-availability': 'availability: single vs multi-leader',
  'single-vs-multi-latency': 'latency: single vs multi-leader',
  'topology-all-to-all': 'all-to-all topology',
  'topology-failure': 'topology failures',
  'topology-ring': 'ring topology',
  'topology-star': 'star topology',
  'trade-offs': 'trade-offs',
  'use-collaborative-editing': 'collaborative editing',
  'use-offline-clients': 'offline clients',
  'write-conflict': 'write conflicts',
};

export function conceptName(id: string): string {
  return WORDS[id] ?? id.replace(/-/g, ' ');
}
