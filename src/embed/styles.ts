import embedCss from './embed.css?inline';

/**
 * Every stylesheet of the lab as text (the app's page stylesheet aside), for a shadow root.
 * Globbed, so a panel's new stylesheet is in the embed without anyone remembering to add it.
 */
const viewCss = import.meta.glob<string>(['../view/**/*.css', '!../view/app.css'], {
  query: '?inline',
  import: 'default',
  eager: true,
});

export const LAB_CSS = [...Object.values(viewCss), embedCss].join('\n');

/**
 * One constructable stylesheet, shared by every embed on the page (adopted, never changed).
 * `adoptedStyleSheets` is what a `style-src 'self'` policy allows; a `<style>` element is not.
 * Null where the platform has none (jsdom): the lab then works unstyled.
 */
export function labStyleSheet(): CSSStyleSheet | null {
  if (typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype)) return null;
  const cache = labStyleSheet as { sheet?: CSSStyleSheet };
  if (!cache.sheet) {
    cache.sheet = new CSSStyleSheet();
    cache.sheet.replaceSync(LAB_CSS);
  }
  return cache.sheet;
}
