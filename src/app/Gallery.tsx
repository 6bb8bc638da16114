import type { Scenario } from '../scenario';
import { conceptName } from './concepts';
import { formatRoute } from './routes';

/**
 * Every preset scene as a card: its title, one line, the concepts it shows, and a link that
 * opens it in the lab (`#/lab/<id>`). A list of articles, so a screen reader can move card by card.
 */
export function Gallery({ scenes }: { scenes: readonly Scenario[] }) {
  return (
    <section className="app-gallery" aria-labelledby="gallery-title">
      <h1 id="gallery-title">Gallery</h1>
      <p className="app-lede">
        {scenes.length} scenes, each a recorded run you can replay, scrub and change. Open one in the lab.
      </p>
      <ul className="app-cards">
        {scenes.map((s) =>
          s.id === undefined ? null : (
            <li key={s.id}>
              <article aria-labelledby={`card-${s.id}`}>
                <h2 id={`card-${s.id}`}>
                  <a href={formatRoute({ page: 'lab', preset: s.id })}>{s.title ?? s.id}</a>
                </h2>
                {s.description && <p>{s.description}</p>}
                {s.concepts && s.concepts.length > 0 && (
                  <p className="app-concepts">
                    <span className="app-visually-hidden">Shows: </span>
                    {s.concepts.map((c) => (
                      <span key={c} className="app-concept">
                        {conceptName(c)}
                      </span>
                    ))}
                  </p>
                )}
              </article>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
