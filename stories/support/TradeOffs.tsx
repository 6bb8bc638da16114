import './stories.css';

/** The trade-offs of each strategy, as a table a teacher can show beside the comparison. */
const rows: readonly (readonly [string, string, string, string])[] = [
  [
    'Last write wins',
    'High: every concurrent write but one is discarded, and clock skew can make it the newer one',
    'Low',
    'Caches, sessions, sensor readings: data where the latest value is all that matters',
  ],
  [
    'Merge values',
    'Medium: additions survive, but a removal can be undone (the item comes back)',
    'Low to medium',
    'Shopping carts and other sets where an extra item is cheaper than a lost one',
  ],
  [
    'Custom on write',
    'Depends on the resolver: the losing versions are gone once it has run',
    'Medium: code runs inside the replication path and must decide alone',
    'Business rules: a priority site, first booking wins, the larger bid',
  ],
  [
    'Custom on read (siblings)',
    'None until the reader resolves; then whatever the application decides',
    'High: every reader must handle several versions',
    'Documents people can reconcile themselves, as CouchDB and Riak leave it to the application',
  ],
  [
    'CRDTs',
    'None for the operations the type supports (each type has its own rule: add wins, remove wins…)',
    'Medium in the database, low for the application; metadata grows',
    'Counters, sets, collaborative text, offline-first apps',
  ],
  [
    'Operational transformation',
    'None for text edits, if a central server orders them',
    'High: transform functions are hard to get right; needs a server',
    'Real-time collaborative editors with a central service',
  ],
];

export function TradeOffs() {
  return (
    <table className="story-tradeoffs">
      <caption>Conflict resolution strategies compared</caption>
      <thead>
        <tr>
          <th scope="col">Strategy</th>
          <th scope="col">Risk of losing data</th>
          <th scope="col">Complexity</th>
          <th scope="col">Where it fits</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, risk, complexity, fits]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{risk}</td>
            <td>{complexity}</td>
            <td>{fits}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
