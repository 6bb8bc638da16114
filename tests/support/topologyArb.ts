import fc from 'fast-check';
import type { TopologyConfig } from '../../src/model';

/**
 * A fast-check arbitrary of every topology kind over the given leaders: all-to-all, a ring in a
 * random order, a star on a random hub, and a connected custom graph (a random spanning chain
 * plus random extra links). Shared by the model's and the scenarios' property tests.
 */
export const topologyArb = (ids: string[]): fc.Arbitrary<TopologyConfig> =>
  fc.oneof(
    fc.constant<TopologyConfig>({ kind: 'all-to-all' }),
    fc
      .shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length })
      .map((order): TopologyConfig => ({ kind: 'ring', order })),
    fc.constantFrom(...ids).map((hub): TopologyConfig => ({ kind: 'star', hub })),
    // A connected custom graph: a random spanning chain plus random extra links.
    fc
      .tuple(
        fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
      )
      .map(([order, extra]): TopologyConfig => {
        const links: [string, string][] = order.slice(1).map((n, i) => [order[i] as string, n]);
        for (const [x, y] of extra) {
          const a = ids[x % ids.length] as string;
          const b = ids[y % ids.length] as string;
          if (a !== b) links.push([a, b]);
        }
        return { kind: 'custom', links };
      }),
  );
