/** A small lesson written as a teacher would: a prediction, a task, a reading step. */
export function sampleLesson(): Record<string, unknown> {
  return {
    format: 'mll-lesson/1',
    id: 'sample',
    title: 'A sample',
    summary: 'Three steps, one of each kind.',
    minutes: 2,
    steps: [
      {
        id: 'predict-skew',
        title: 'A fast clock',
        concepts: ['lww-clock-skew'],
        text: 'Frankfurt’s clock runs **5 s fast**.',
        scenario: 'lww-clock-skew',
        at: 2150,
        predict: {
          question: 'Which title survives?',
          choices: [
            { text: 'older', correct: true, why: 'Its stamp is higher.' },
            { text: 'newer', correct: false, why: 'LWW compares stamps, not real time.' },
          ],
        },
      },
      {
        id: 'cut-link',
        title: 'Cut a link',
        concepts: ['partition-tolerance'],
        text: 'Cut the link.',
        scenario: 'lww-clock-skew',
        task: {
          goal: 'Cut the link between Frankfurt and Tokyo.',
          done: { type: 'link', a: 'eu', b: 'ap', is: 'cut' },
          hints: ['Use the Links panel.', 'Press Cut on the Frankfurt–Tokyo link.'],
          wrongMoves: [
            {
              when: { type: 'link', a: 'eu', b: 'us', is: 'cut' },
              hint: 'That is the Frankfurt–Virginia link: cut Frankfurt–Tokyo.',
            },
            { when: { type: 'leader', node: 'ap', is: 'crashed' }, hint: 'Crashing Tokyo is not cutting its link.' },
          ],
          showMe: [{ at: 0, type: 'cut-link', a: 'eu', b: 'ap' }],
        },
      },
      { id: 'read-on', title: 'Read on', concepts: ['lww'], text: 'That is all.', scenario: 'lww-clock-skew' },
    ],
  };
}
