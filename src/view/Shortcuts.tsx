import { lazy, type RefObject, Suspense, useEffect, useRef, useState } from 'react';
import type { LabStore } from '../store/labStore';
import { useLabStore } from './LabContext';
import { focusedIn } from './focus';

/** The dialog listing the shortcuts loads when first opened (most visits never open it). */
const ShortcutsDialog = lazy(() => import('./ShortcutsDialog'));

/** A field that takes typed keys (its own Space, letters and arrows). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return (
    target.tagName === 'INPUT' &&
    !['range', 'checkbox', 'radio', 'button', 'submit', 'reset'].includes((target as HTMLInputElement).type)
  );
}

/** A control whose own Space or arrows must keep working (buttons, links, checkboxes, sliders, the graph). */
function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return (
    isTyping(target) ||
    target.closest('button, a[href], summary, input, [role="button"], [role="slider"], svg, [role="application"]') !==
      null
  );
}

/**
 * A focused region that scrolls sideways (the comparison table, marked `data-arrows="scroll"`),
 * when it is wider than its box (a phone): its arrows scroll it. Marked rather than measured: the
 * event log overflows by a pixel or two and must keep stepping through time.
 */
function scrollsSideways(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.dataset.arrows === 'scroll' && target.scrollWidth > target.clientWidth;
}

/**
 * What a key does in the lab, or false when it is not a shortcut there (the key then does what it
 * always does). `inLab` is false when the page itself has focus: arrows then still scroll it.
 */
export function handleShortcut(store: LabStore, event: KeyboardEvent, openHelp: () => void, inLab: boolean): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  const { actions, snapshot, leader } = store.getState();
  const target = event.target;
  if (event.key === 'Escape' && isTyping(target) && !(target instanceof HTMLSelectElement)) {
    (target as HTMLElement).blur();
    return true;
  }
  if (isTyping(target)) return false;
  switch (event.key) {
    case ' ':
      if (ownsKeys(target) && !(target instanceof HTMLInputElement && target.type === 'range')) return false;
      actions.togglePlay();
      return true;
    case 'ArrowLeft':
    case 'ArrowRight':
      if (!inLab || ownsKeys(target) || scrollsSideways(target)) return false;
      if (event.key === 'ArrowLeft') actions.previous();
      else actions.next();
      return true;
    case '?':
      openHelp();
      return true;
    case 'w':
    case 'W': {
      // Pressed on the page itself: the lab shown (not one hidden behind a lesson) takes it.
      const root = (target instanceof Element ? target.closest('.mll') : null) ?? shownLab() ?? document;
      const field = root.querySelector<HTMLElement>(
        '.mll-write [data-write-value], .mll-write input, .mll-write button',
      );
      if (!field) return false;
      field.focus();
      // The last value is selected, so typing replaces it ("B", not "AB").
      if (field instanceof HTMLInputElement) field.select();
      return true;
    }
    case 'x':
    case 'X': {
      const links = snapshot.links.filter((l) => l.a === leader || l.b === leader);
      if (links.length === 0) return false;
      // Cut what is up; when every link is already cut, heal them all.
      const up = links.filter((l) => l.status !== 'cut');
      for (const l of up.length > 0 ? up : links) actions.toggleLink(l.a, l.b);
      return true;
    }
    default: {
      const n = Number(event.key);
      const node = Number.isInteger(n) && n >= 1 ? snapshot.nodes[n - 1] : undefined;
      if (!node) return false;
      actions.selectLeader(node.id);
      return true;
    }
  }
}

/** The first lab on the page that is not hidden (the app keeps its lab mounted, hidden, behind a lesson). */
function shownLab(): Element | undefined {
  return [...document.querySelectorAll('.mll')].find((m) => !m.closest('[hidden]'));
}

/**
 * The lab's shortcuts (keys pressed in the lab, or on the page when this is its first lab) and
 * the "?" dialog listing them: a modal with its focus kept inside, closed by Escape.
 */
export function Shortcuts({ root }: { root: RefObject<HTMLElement | null> }) {
  const store = useLabStore();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const openHelp = () => {
      const active = focusedIn(el);
      opener.current = active instanceof HTMLElement ? active : null;
      setOpen(true);
    };
    const inLab = (e: KeyboardEvent) => {
      if (e.defaultPrevented || el.querySelector('[role="dialog"]')) return;
      if (handleShortcut(store, e, openHelp, true)) e.preventDefault();
    };
    // Nothing focused (the page itself): the first lab shown on the page answers, arrows keep scrolling.
    // (The app keeps its lab mounted but hidden behind a lesson: the lesson's lab is the one shown.)
    const onPage = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.target !== document.body || shownLab() !== el) return;
      // A lab hidden behind another page (the gallery) leaves Space to scroll that page.
      if (el.closest('[hidden]')) return;
      if (el.querySelector('[role="dialog"]')) return;
      if (handleShortcut(store, e, openHelp, false)) e.preventDefault();
    };
    el.addEventListener('keydown', inLab);
    document.addEventListener('keydown', onPage);
    return () => {
      el.removeEventListener('keydown', inLab);
      document.removeEventListener('keydown', onPage);
    };
  }, [root, store]);
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <>
      <button
        type="button"
        className="mll-shortcuts-button"
        aria-keyshortcuts="Shift+?"
        onClick={(e) => {
          opener.current = e.currentTarget;
          setOpen(true);
        }}
      >
        Keys (?)
      </button>
      {open && (
        <Suspense fallback={null}>
          <ShortcutsDialog onClose={close} />
        </Suspense>
      )}
    </>
  );
}
