/**
 * The preset dictionary of the scenario codec: the JSON vocabulary scenarios are written in
 * (field names, command and operation types, strategy options, the datacenters' ids and
 * labels). Raw deflate can copy from it as if it preceded the text, so even a short link pays
 * almost nothing for `"type":"write","node":` and the like. Deflate reaches back at most 32 KB
 * and codes near distances cheaper, so the commonest fragments come last.
 *
 * Changing a single byte here breaks every link made before: a new dictionary needs a new
 * prefix (`mll2.`) and this one kept for decoding old links.
 */
const FRAGMENTS: readonly string[] = [
  // Rare: options, strategies and topologies.
  '{"kind":"ot","fallback":"crdt"}{"kind":"ot","fallback":"merge"}',
  '{"kind":"crdt","set":"lww-element-set-add","register":"lww"}{"kind":"crdt","set":"lww-element-set-remove"',
  '{"kind":"crdt","set":"2p-set","register":"mv"}{"kind":"crdt","set":"or-set","register":"mv"}',
  '{"kind":"custom","on":"read"}{"kind":"custom","on":"write","resolver":"first-writer-wins"}',
  '"resolver":"larger-number""resolver":"longer-text""resolver":"datacenter-priority"',
  '{"kind":"merge"}{"kind":"lww","clock":"hlc","tieBreak":"lower-node-id"}"tieBreak":"larger-value"',
  '"tieBreak":"live-value""tieBreak":"apply-remote"',
  '"topology":{"kind":"ring","order":["eu","us","ap"]}"topology":{"kind":"star","hub":"eu"}',
  '"topology":{"kind":"custom","links":[["eu","us"],["us","ap"]]}',
  '"mode":"single-leader","leader":"eu"}',
  '"title":"","description":"","concepts":["',
  '{"id":"sa","label":"São Paulo"{"id":"au","label":"Sydney"{"id":"in","label":"Mumbai"',
  '{"id":"or","label":"Oregon"{"id":"sg","label":"Singapore"{"id":"za","label":"Cape Town"',
  '"links":{"eu-us":',
  '"clockDriftPpm":',
  '"priority":1',
  '"autoIncrement":{"increment":2,"offset":2}',
  '"causalDelivery":true',
  ',"end":',
  // Commands other than writes.
  '{"at":0,"type":"set-link-latency","a":"eu","b":"us","latencyMs":',
  '{"at":0,"type":"set-clock-skew","node":"eu","skewMs":-',
  '{"at":0,"type":"disconnect","node":"eu"},{"at":0,"type":"reconnect","node":"us"},',
  '{"at":0,"type":"crash","node":"ap"},{"at":0,"type":"recover","node":"ap"},',
  '{"at":0,"type":"cut-link","a":"eu","b":"ap"},{"at":0,"type":"heal-link","a":"us","b":"ap"},',
  // The config as recordScenario writes it.
  '{"format":"mll-scenario/1","id":"","config":{"seed":1,"nodes":[',
  '{"id":"eu","label":"Frankfurt","clockSkewMs":0,"clockDriftPpm":0,"priority":0,"autoIncrement":{"increment":1,"offset":1}},',
  '{"id":"us","label":"Virginia","clockSkewMs":0,"clockDriftPpm":0,"priority":0,"autoIncrement":{"increment":1,"offset":1}},',
  '{"id":"ap","label":"Tokyo","clockSkewMs":0,"clockDriftPpm":0,"priority":0,"autoIncrement":{"increment":1,"offset":1}}],',
  '"topology":{"kind":"all-to-all"},"latencyMs":{"base":100,"jitter":0},',
  '"keys":{"title":"register","cart":"set","likes":"counter","notes":"text","orders":"table"},',
  '"strategy":{"kind":"lww","clock":"physical","tieBreak":"higher-node-id"},"causalDelivery":false,"mode":"multi-leader"},',
  // Writes: the bulk of every scenario.
  '"context":{"eu":1,"us":1,"ap":1}},',
  '"op":{"type":"replace","value":["',
  '"op":{"type":"remove","item":"',
  '"op":{"type":"delete","index":',
  ',"length":1}},',
  '"op":{"type":"insertRow","value":"',
  '"op":{"type":"delete"}},',
  '"op":{"type":"increment","by":1}},',
  '"op":{"type":"add","item":"',
  '"op":{"type":"insert","index":0,"text":"',
  '"op":{"type":"set","value":"',
  '{"at":0,"type":"write","node":"ap","key":"notes",',
  '{"at":0,"type":"write","node":"us","key":"likes",',
  '{"at":0,"type":"write","node":"ap","key":"cart",',
  '"commands":[{"at":0,"type":"write","node":"eu","key":"title",',
  '"}},{"at":',
  '"at":',
];

export const SCENARIO_DICTIONARY: Uint8Array = new TextEncoder().encode(FRAGMENTS.join(''));
