/**
 * The bounds every scenario is held to before anything else looks at it, so a hostile or
 * broken input (a pasted link, an imported file, a message from an embedding page) is refused
 * quickly and never costs more than about a megabyte of work.
 */
export const LIMITS = {
  /** Text of a scenario (JSON characters, or the estimate of them for an object). */
  maxTextChars: 1_000_000,
  /** Recorded commands. */
  maxCommands: 10_000,
  /** Nesting of arrays and objects (a scenario needs about 6). */
  maxDepth: 32,
  /** Values (objects, arrays, strings, numbers...) in one scenario. */
  maxValues: 250_000,
  /** Characters in one string. */
  maxStringChars: 100_000,
  /** Characters of an encoded scenario (the `mll1.` text of a link). */
  maxEncodedChars: 1_500_000,
  /** Bytes an encoded scenario may inflate to. */
  maxInflatedBytes: 1_000_000,
  /** Errors reported for one input; the rest are counted. */
  maxErrors: 50,
  /** Characters of a scenario's title and description. */
  maxTitleChars: 120,
  maxDescriptionChars: 2_000,
  /** Course concepts a scenario may name. */
  maxConcepts: 32,
} as const;

/** A scenario id: letters, digits, `_` and `-`, as in `#/lab/<id>`. */
export const SCENARIO_ID = /^[A-Za-z0-9_-]{1,64}$/;
