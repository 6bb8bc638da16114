// The host page's side of the iframe contract: fit each lab frame to the height it posts, and
// list what the embeds report. (Canvas does the resizing itself on `lti.frameResize`.)
const log = document.getElementById('event-log');
const note = (text) => {
  const item = document.createElement('li');
  item.textContent = text;
  log.append(item);
};

window.addEventListener('message', (event) => {
  const data = event.data;
  if (typeof data !== 'object' || data === null || data.source !== 'multi-leader-lab') return;
  const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === event.source);
  if (!frame) return;
  if (data.type === 'resize' && Number.isFinite(data.height)) {
    frame.height = String(Math.min(20000, Math.max(100, Math.ceil(data.height))));
    return;
  }
  const more =
    data.type === 'conflict'
      ? ` on ${data.key}, kept ${JSON.stringify(data.kept)}`
      : data.type === 'stepchange'
        ? ` to step ${data.step} of ${data.lesson}`
        : '';
  note(`${frame.title}: ${data.type}${more}`);
});

for (const type of ['mll-ready', 'mll-stepchange', 'mll-complete', 'mll-conflict']) {
  document.addEventListener(type, (event) => {
    const label = event.target.getAttribute('label') ?? event.target.id;
    const d = event.detail;
    const more =
      type === 'mll-conflict'
        ? ` on ${d.key}, kept ${JSON.stringify(d.kept)}`
        : type === 'mll-stepchange'
          ? ` to step ${d.step} of ${d.lesson}`
          : type === 'mll-complete'
            ? ` (${d.lesson})`
            : '';
    note(`${label}: ${type.slice(4)}${more}`);
  });
}
