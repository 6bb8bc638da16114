import { useState, useSyncExternalStore } from 'react';
import { type Actor, createActor, type SnapshotFrom } from 'xstate';
import { type LessonInput, lessonMachine } from './lessonMachine';

type LessonActor = Actor<typeof lessonMachine>;

/**
 * The lesson machine as a React hook: one actor per mounted player, its snapshot read with
 * useSyncExternalStore. The actor is not stopped on unmount: StrictMode's unmount–remount in
 * development (and Suspense re-mounting a lazy page) would leave the player holding a stopped
 * actor that ignores every event. An unmounted player's actor holds nothing but its own context
 * and at most one pending hint timer, and is collected with the component.
 */
export function useLessonActor(input: LessonInput): [SnapshotFrom<typeof lessonMachine>, LessonActor] {
  const [actor] = useState<LessonActor>(() => createActor(lessonMachine, { input }).start());
  const snapshot = useSyncExternalStore(
    (onChange) => {
      const sub = actor.subscribe(onChange);
      return () => {
        sub.unsubscribe();
      };
    },
    () => actor.getSnapshot(),
  );
  return [snapshot, actor];
}
