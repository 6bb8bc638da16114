import { useEffect, useState, useSyncExternalStore } from 'react';
import { type Actor, createActor, type SnapshotFrom } from 'xstate';
import { type LessonInput, lessonMachine } from './lessonMachine';

type LessonActor = Actor<typeof lessonMachine>;

/**
 * The lesson machine as a React hook: one actor per mounted player, its snapshot read with
 * useSyncExternalStore. StrictMode's mount–unmount–mount in development stops the first actor;
 * the second mount carries on from its persisted snapshot, so nothing the learner did is lost.
 */
export function useLessonActor(input: LessonInput): [SnapshotFrom<typeof lessonMachine>, LessonActor] {
  const [actor, setActor] = useState<LessonActor>(() => createActor(lessonMachine, { input }).start());
  useEffect(() => {
    if (actor.getSnapshot().status === 'stopped') {
      setActor(createActor(lessonMachine, { input, snapshot: actor.getPersistedSnapshot() }).start());
      return;
    }
    return () => {
      actor.stop();
    };
    // The input is read once, at mount.
  }, [actor]);
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
