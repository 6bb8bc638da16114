import { type Command, formatValue, type NodeId, type Value, type WriteOp } from '../model';

/**
 * One short English sentence per command, for a story's play steps, a lesson's script and the
 * lab's notices: `Frankfurt writes title = "A"`, `cut the link Frankfurt–Virginia`. Leaders
 * are named by their labels when given, else by their ids; long texts are shortened.
 */

const MAX_QUOTED = 40;

function quote(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text);
}

function shown(value: Value): string {
  const text = typeof value === 'string' ? quote(value) : formatValue(value);
  return text.length > MAX_QUOTED + 2 ? `${text.slice(0, MAX_QUOTED)}…` : text;
}

function plural(n: number, one: string): string {
  return `${String(n)} ${one}${n === 1 ? '' : 's'}`;
}

function describeWrite(who: string, key: string, op: WriteOp): string {
  switch (op.type) {
    case 'set':
      return `${who} writes ${key} = ${quote(op.value)}`;
    case 'delete':
      return 'index' in op
        ? `${who} deletes ${plural(op.length, 'character')} of ${key} at ${String(op.index)}`
        : `${who} deletes ${key}`;
    case 'add':
      return `${who} adds ${quote(op.item)} to ${key}`;
    case 'remove':
      return `${who} removes ${quote(op.item)} from ${key}`;
    case 'increment':
      return op.by >= 0 ? `${who} adds ${String(op.by)} to ${key}` : `${who} subtracts ${String(-op.by)} from ${key}`;
    case 'insert':
      return `${who} inserts ${quote(op.text)} into ${key} at ${String(op.index)}`;
    case 'replace':
      return `${who} resolves ${key} to ${shown(op.value)}`;
    case 'insertRow':
      return `${who} inserts the row ${quote(op.value)} into ${key}`;
    case 'updateRow':
      return `${who} updates row ${String(op.id)} of ${key} to ${quote(op.value)}`;
    case 'deleteRow':
      return `${who} deletes row ${String(op.id)} of ${key}`;
    case 'set-field':
      return op.value === null
        ? `${who} clears ${key}.${op.field}`
        : `${who} writes ${key}.${op.field} = ${quote(op.value)}`;
  }
}

function skew(ms: number): string {
  if (ms === 0) return 'on true time';
  return `${String(Math.abs(ms))} ms ${ms > 0 ? 'ahead' : 'behind'}`;
}

/**
 * @example
 * describeCommand({ at: 0, type: 'cut-link', a: 'eu', b: 'us' }, { eu: 'Frankfurt', us: 'Virginia' });
 * // 'cut the link Frankfurt–Virginia'
 */
export function describeCommand(cmd: Command, labels: Readonly<Record<NodeId, string>> = {}): string {
  const name = (n: NodeId) => (Object.hasOwn(labels, n) ? (labels[n] ?? n) : n);
  switch (cmd.type) {
    case 'write': {
      const sentence = describeWrite(name(cmd.node), cmd.key, cmd.op);
      return cmd.context === undefined ? sentence : `${sentence}, having read ${formatContext(cmd.context, name)}`;
    }
    case 'cut-link':
      return `cut the link ${name(cmd.a)}–${name(cmd.b)}`;
    case 'heal-link':
      return `heal the link ${name(cmd.a)}–${name(cmd.b)}`;
    case 'set-link-latency':
      return `set the latency of ${name(cmd.a)}–${name(cmd.b)} to ${String(cmd.latencyMs)} ms`;
    case 'crash':
      return `${name(cmd.node)} crashes`;
    case 'recover':
      return `${name(cmd.node)} recovers`;
    case 'disconnect':
      return `${name(cmd.node)} goes offline`;
    case 'reconnect':
      return `${name(cmd.node)} comes back online`;
    case 'destroy':
      return `${name(cmd.node)} is destroyed (gone for good)`;
    case 'set-clock-skew':
      return `${name(cmd.node)}’s clock runs ${skew(cmd.skewMs)}`;
  }
}

function formatContext(context: Readonly<Record<NodeId, number>>, name: (n: NodeId) => string): string {
  const entries = Object.entries(context).filter(([, n]) => n > 0);
  if (entries.length === 0) return 'nothing';
  return `{${entries.map(([n, count]) => `${name(n)}: ${String(count)}`).join(', ')}}`;
}
