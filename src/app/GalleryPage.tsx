import { presets } from '../scenario/presets';
import { Gallery } from './Gallery';

/** The gallery of every preset: its own chunk, with the presets, loaded on the first visit. */
export default function GalleryPage() {
  return <Gallery scenes={presets} />;
}
