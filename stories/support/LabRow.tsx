import type { LabActions } from '../../src/store/labStore';
import { type LabArgs, ScenarioLab } from './lab';

export interface LabVariant {
  readonly title: string;
  readonly patch: Partial<LabArgs>;
}

export type LabRowArgs = LabArgs & {
  /** Receives each lab's actions with its index, so a play function can drive them all alike. */
  readonly onReadyAt: (index: number, actions: LabActions) => void;
};

/** Several labs side by side, each the story's args with its own patch: one history, compared. */
export function LabRow({ variants, ...args }: LabRowArgs & { readonly variants: readonly LabVariant[] }) {
  return (
    <div className="story-row" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(30rem, 1fr))' }}>
      {variants.map((v, i) => (
        <section key={v.title} aria-label={v.title} data-variant={i}>
          <ScenarioLab
            {...args}
            {...v.patch}
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
