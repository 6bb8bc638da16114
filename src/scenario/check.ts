import * as v from 'valibot';
import type { Command, KeyType, NormalizedConfig, Snapshot, WriteOp } from '../model';
import { formatPath } from './path';
import { issueToError, OPS_BY_TYPE, opSchemas } from './schema';
import type { ScenarioError } from './types';

/**
 * The checks that need the config: every leader, key and link a command names exists, each
 * write's operation fits its key's type, and the commands come in time order. Runs on commands
 * that already passed the shape schema, against the config as the model normalised it.
 */

/** A command as the shape schema lets it through: its operation not yet checked against a key type. */
export type ShapedCommand = { readonly at: number; readonly type: Command['type'] } & Record<string, unknown>;

export interface CheckedCommands {
  readonly errors: ScenarioError[];
  /** The commands with each operation in its checked form (valid only when `errors` is empty). */
  readonly commands: Command[];
}

export function checkCommands(
  commands: readonly ShapedCommand[],
  config: NormalizedConfig,
  links: Snapshot['links'],
): CheckedCommands {
  const errors: ScenarioError[] = [];
  const leaders = new Set(config.nodes.map((n) => n.id));
  const out: Command[] = [];
  const leader = (i: number, field: string, id: unknown): boolean => {
    if (typeof id === 'string' && leaders.has(id)) return true;
    errors.push({ path: formatPath(['commands', i, field]), message: `no leader "${String(id)}" in config.nodes` });
    return false;
  };
  commands.forEach((cmd, i) => {
    const previous = commands[i - 1];
    if (previous !== undefined && cmd.at < previous.at) {
      errors.push({
        path: formatPath(['commands', i, 'at']),
        message: `commands must come in time order: ${String(cmd.at)} is before the ${String(previous.at)} of commands[${String(i - 1)}]`,
      });
    }
    switch (cmd.type) {
      case 'write': {
        const known = leader(i, 'node', cmd.node);
        const key = cmd.key as string;
        const type: KeyType | undefined = Object.hasOwn(config.keys, key) ? config.keys[key] : undefined;
        if (type === undefined) {
          errors.push({ path: formatPath(['commands', i, 'key']), message: `no key "${key}" in config.keys` });
        } else {
          const op = checkOp(cmd.op, type, i, errors);
          if (op !== undefined) out.push({ ...(cmd as unknown as Command & { type: 'write' }), op });
        }
        if (known && cmd.context !== undefined) {
          for (const id of Object.keys(cmd.context as Record<string, number>)) {
            if (!leaders.has(id)) {
              errors.push({
                path: formatPath(['commands', i, 'context', id]),
                message: `no leader "${id}" in config.nodes (a context counts writes per leader)`,
              });
            }
          }
        }
        return;
      }
      case 'cut-link':
      case 'heal-link':
      case 'set-link-latency': {
        const a = leader(i, 'a', cmd.a);
        const b = leader(i, 'b', cmd.b);
        if (a && b) {
          if (cmd.a === cmd.b) {
            errors.push({ path: formatPath(['commands', i, 'b']), message: 'a link joins two different leaders' });
          } else if (!links.some((l) => (l.a === cmd.a && l.b === cmd.b) || (l.a === cmd.b && l.b === cmd.a))) {
            errors.push({
              path: formatPath(['commands', i]),
              message: `no link between "${String(cmd.a)}" and "${String(cmd.b)}" in this ${config.topology.kind} topology`,
            });
          }
        }
        out.push(cmd as unknown as Command);
        return;
      }
      default:
        leader(i, 'node', cmd.node);
        out.push(cmd as unknown as Command);
    }
  });
  return { errors, commands: out };
}

function checkOp(op: unknown, type: KeyType, i: number, errors: ScenarioError[]): WriteOp | undefined {
  const name = (op as { type: string }).type;
  if (!OPS_BY_TYPE[type].includes(name)) {
    errors.push({
      path: formatPath(['commands', i, 'op', 'type']),
      message: `"${name}" does not fit a ${type} key (it takes ${OPS_BY_TYPE[type].join(', ')})`,
    });
    return undefined;
  }
  const parsed = v.safeParse(opSchemas[type], op);
  if (!parsed.success) {
    errors.push(...parsed.issues.map((issue) => issueToError(issue, ['commands', i, 'op'])));
    return undefined;
  }
  // The schema for this key type is exactly the WriteOp shapes it takes.
  return parsed.output as WriteOp;
}
