/**
 * The focused element of the tree `node` lives in. Inside an embed's shadow root
 * `document.activeElement` is the host element, never the control within it: ask the root.
 */
export function focusedIn(node: Node): Element | null {
  const root = node.getRootNode() as Document | ShadowRoot;
  return 'activeElement' in root ? root.activeElement : document.activeElement;
}
