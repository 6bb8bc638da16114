import { lazy, Suspense, useState } from 'react';

/** The comparer (its panel, table and sliced replays) loads on the first click: most visits never compare. */
const ComparePanel = lazy(() => import('./ComparePanel').then((m) => ({ default: m.ComparePanel })));

/**
 * "Compare strategies" as the lab first shows it: the button alone. Its first click loads the
 * comparer, which takes the button's place (focused) and starts comparing.
 */
export function CompareLauncher() {
  const [wanted, setWanted] = useState(false);
  const placeholder = (onClick?: () => void) => (
    <div className="mll-compare">
      <button type="button" aria-expanded={false} onClick={onClick}>
        Compare strategies
      </button>
    </div>
  );
  if (!wanted)
    return placeholder(() => {
      setWanted(true);
    });
  return (
    <Suspense fallback={placeholder()}>
      <ComparePanel autoStart />
    </Suspense>
  );
}
