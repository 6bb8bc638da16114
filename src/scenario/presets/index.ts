import { SCENARIO_FORMAT, type Scenario } from '../types';
import multiLeader from './multi-leader.json';
import singleLeader from './single-leader.json';
import singleLeaderFailover from './single-leader-failover.json';
import offlineClient from './offline-client.json';
import allToAllCrash from './all-to-all-crash.json';
import ringCrash from './ring-crash.json';
import ringCutLink from './ring-cut-link.json';
import starHubDown from './star-hub-down.json';
import datacenterLost from './datacenter-lost.json';
import causalAnomaly from './causal-anomaly.json';
import causalDelivery from './causal-delivery.json';
import autoIncrementCollision from './auto-increment-collision.json';
import autoIncrementOffsets from './auto-increment-offsets.json';
import rowUpdateDelete from './row-update-delete.json';
import rowUpdateDeleteDiverge from './row-update-delete-diverge.json';
import rowUpdateSkew from './row-update-skew.json';
import lwwPartition from './lww-partition.json';
import lwwClockSkew from './lww-clock-skew.json';
import lwwSkewHidesReply from './lww-skew-hides-reply.json';
import hlcFixesSkew from './hlc-fixes-skew.json';
import lwwTieHigherNodeId from './lww-tie-higher-node-id.json';
import lwwTieLowerNodeId from './lww-tie-lower-node-id.json';
import lwwTieLargerValue from './lww-tie-larger-value.json';
import lwwTieLiveValue from './lww-tie-live-value.json';
import lwwTieApplyRemote from './lww-tie-apply-remote.json';
import lwwTieDeleteCassandra from './lww-tie-delete-cassandra.json';
import lwwTieDeleteRiak from './lww-tie-delete-riak.json';
import lwwRecordGranularity from './lww-record-granularity.json';
import mergeCart from './merge-cart.json';
import customOnWrite from './custom-on-write.json';
import customOnRead from './custom-on-read.json';
import crdtCounter from './crdt-counter.json';
import crdtOrSet from './crdt-or-set.json';
import crdtLwwElementSet from './crdt-lww-element-set.json';
import crdtMvRegister from './crdt-mv-register.json';
import crdtText from './crdt-text.json';
import crdtTextBackwards from './crdt-text-backwards.json';
import otHub from './ot-hub.json';
import tradeOffs from './trade-offs.json';

/**
 * The preset scenarios: every scene the Storybook demos act out, written once as JSON data
 * (recorded from the model, so each is a faithful run). The app's gallery, `#/lab/<presetId>`
 * links, lessons and the stories all start from these. In gallery order: the cluster and its
 * failures first, then the anomalies, then each conflict strategy, then the comparison.
 */

/**
 * A preset file as a Scenario. The JSON is this repository's own data (the tests load every one
 * through the model), so only its identity is checked here; anything else from outside goes
 * through `parseScenario`.
 */
function preset(data: unknown): Scenario {
  const d = data as Partial<Scenario> | null;
  if (d?.format !== SCENARIO_FORMAT || typeof d.id !== 'string' || !d.title || !d.description) {
    throw new Error(`A preset needs the format tag, an id, a title and a description: ${String(d?.id)}`);
  }
  return d as Scenario;
}

export const presets: readonly Scenario[] = Object.freeze(
  [
    multiLeader,
    singleLeader,
    singleLeaderFailover,
    offlineClient,
    allToAllCrash,
    ringCrash,
    ringCutLink,
    starHubDown,
    datacenterLost,
    causalAnomaly,
    causalDelivery,
    autoIncrementCollision,
    autoIncrementOffsets,
    rowUpdateDelete,
    rowUpdateDeleteDiverge,
    rowUpdateSkew,
    lwwPartition,
    lwwClockSkew,
    lwwSkewHidesReply,
    hlcFixesSkew,
    lwwTieHigherNodeId,
    lwwTieLowerNodeId,
    lwwTieLargerValue,
    lwwTieLiveValue,
    lwwTieApplyRemote,
    lwwTieDeleteCassandra,
    lwwTieDeleteRiak,
    lwwRecordGranularity,
    mergeCart,
    customOnWrite,
    customOnRead,
    crdtCounter,
    crdtOrSet,
    crdtLwwElementSet,
    crdtMvRegister,
    crdtText,
    crdtTextBackwards,
    otHub,
    tradeOffs,
  ].map(preset),
);

const byId = new Map(presets.map((p) => [p.id, p]));

/** The preset with this id, or undefined (a `#/lab/<presetId>` link may name one that is gone). */
export function presetById(id: string): Scenario | undefined {
  return byId.get(id);
}
