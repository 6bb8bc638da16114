/**
 * Multi-Leader Lab's headless model: a deterministic simulation of several leaders
 * replicating to each other in virtual time. No DOM, no React; plain data in and out.
 */
export { createSimulation, MAX_TIME } from './simulation';
export type { Command, Simulation, SimulationOptions, StrategyJob, WriteOptions } from './simulation';
export { SimulationError } from './errors';
export { convergedValues, LostWrites, lostWriteIds } from './lost';
export type { SimulationErrorCode } from './errors';
export type { NormalizedConfig } from './config';
export { descends, relation, merge as mergeVersionVectors, formatVv } from '../core/vv';
export { physicalTime, hlcLocal, hlcReceive, compareHlc, formatHlc } from '../core/clocks';
export { formatValue, formatOp } from '../core/keyTypes';
export { ROW_CONFLICT_RULES } from '../core/types';
export type * from './types';
