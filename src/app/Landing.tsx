import { lazy, Suspense } from 'react';
import { formatRoute } from './routes';

const CourseTeaser = lazy(() => import('./CourseTeaser'));

/**
 * The page someone who has just arrived sees (`#/`): what the lab is for and three ways in.
 * The course comes first (its first lesson one click away); the lab and the gallery are one click away too.
 */
export function Landing() {
  return (
    <section className="app-landing" aria-labelledby="app-landing-title">
      <h1 id="app-landing-title" tabIndex={-1}>
        Learn multi-leader replication by breaking it
      </h1>
      <p className="app-landing-lead">
        Several databases each accept writes and copy them to one another. Write on two of them at once, cut a link or
        skew a clock, and watch how each conflict strategy decides which write survives.
      </p>
      <ul className="app-landing-ways">
        <li className="app-landing-way">
          <h2>
            <a href={formatRoute({ page: 'lessons' })}>Lessons</a>
          </h2>
          <Suspense fallback={<p>A guided course of short lessons: predict, then see it happen.</p>}>
            <CourseTeaser />
          </Suspense>
        </li>
        <li className="app-landing-way">
          <h2>
            <a href={formatRoute({ page: 'lab' })}>Free lab</a>
          </h2>
          <p>Three leaders in three datacenters. Write a value on one and watch it replicate; then make a conflict.</p>
        </li>
        <li className="app-landing-way">
          <h2>
            <a href={formatRoute({ page: 'gallery' })}>Scenario gallery</a>
          </h2>
          <p>Ready-made scenes: clock skew, ties, partitions, CRDTs and more, each one click from the lab.</p>
        </li>
      </ul>
    </section>
  );
}
