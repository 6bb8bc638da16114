/**
 * The one error the model's public API throws, with a code a caller can branch on; a call
 * that throws it leaves the simulation as it was.
 */

/** Codes of the errors the public API throws for calls it cannot honour. */
export type SimulationErrorCode =
  'invalid-config' | 'unknown-node' | 'unknown-key' | 'unknown-link' | 'invalid-argument' | 'invalid-state';

/**
 * Thrown for a command the model cannot honour (an unknown node, a bad config...).
 * The simulation's state is unchanged when it is thrown.
 */
export class SimulationError extends Error {
  readonly code: SimulationErrorCode;
  readonly details: readonly string[];
  constructor(code: SimulationErrorCode, message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'SimulationError';
    this.code = code;
    this.details = details;
  }
}
