import { course } from '../lessons/course';
import { formatRoute } from './routes';

/**
 * The landing page's line on the course, with the way into its first lesson. Loaded after first
 * paint (the course and the lesson engine are not in the first bundle).
 */
export default function CourseTeaser() {
  const lessons = course();
  const minutes = lessons.reduce((sum, l) => sum + l.minutes, 0);
  const first = lessons[0];
  return (
    <>
      <p>
        A guided course in {String(lessons.length)} short lessons (about {String(minutes)} minutes), one idea per step:
        predict, then see it happen.
      </p>
      {first && (
        <p>
          <a className="app-button-link" href={formatRoute({ page: 'lesson', lesson: first.id, step: 1 })}>
            Start with “{first.title}”
          </a>
        </p>
      )}
    </>
  );
}
