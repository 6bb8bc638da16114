import { useLab } from '../view/LabContext';
import { conceptName } from './concepts';

/** The scene the lab is running, when it is a named one (a preset): its title, its line and its concepts. */
export function SceneInfo() {
  const meta = useLab((s) => s.meta);
  if (!meta.title) return null;
  return (
    <section className="app-scene" aria-label="Scene">
      <h2 tabIndex={-1}>{meta.title}</h2>
      {meta.description && <p>{meta.description}</p>}
      {meta.concepts && meta.concepts.length > 0 && (
        <p className="app-concepts">
          <span className="app-visually-hidden">Shows: </span>
          {meta.concepts.map((c) => (
            <span key={c} className="app-concept">
              {conceptName(c)}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
