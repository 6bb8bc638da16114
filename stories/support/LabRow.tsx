import type { LabActions } from '../../src/store/labStore';
import { type LabArgs, presetArgs } from './config';
import { ScenarioLab } from './lab';

export interface LabVariant {
  readonly title: string;
  /** Another preset for this lab (its settings replace the row's), before the patch. */
  readonly preset?: string;
  readonly patch?: Partial<LabArgs>;
}

export type LabRowArgs = LabArgs & {
  /** Receives each lab's actions with its index, so a play function can drive them all alike. */
  readonly onReadyAt: (index: number, actions: LabActions) => void;
};

/** One lab's args in a row: the row's args, then the variant's preset, then its patch. */
export function variantArgs<A extends LabArgs>(args: A, variant: LabVariant): A {
  return { ...args, ...(variant.preset ? presetArgs(variant.preset) : {}), ...variant.patch };
}

/** Several labs side by side, each the story's args with its own preset or patch: compared. */
export function LabRow({ variants, ...args }: LabRowArgs & { readonly variants: readonly LabVariant[] }) {
  return (
    <div className="story-row" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(30rem, 1fr))' }}>
      {variants.map((v, i) => (
        <section key={v.title} aria-label={v.title} data-variant={i}>
          <ScenarioLab
            {...variantArgs(args, v)}
            title={v.title}
            onReady={(actions) => {
              args.onReadyAt(i, actions);
            }}
          />
        </section>
      ))}
    </div>
  );
}
