import { fireEvent, screen } from '@testing-library/react';

/**
 * Unfold the lab's cluster settings, as a learner does, and wait for their controls (they load
 * on first unfolding). With several labs rendered, the first one's.
 */
export async function openClusterSettings(): Promise<void> {
  const summary = screen.getAllByText(/^Cluster: /)[0];
  if (!summary) throw new Error('no cluster settings on screen');
  fireEvent.click(summary);
  await screen.findAllByRole('combobox', { name: 'Leaders' });
}
