import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { SimulationConfig, SimulationOptions } from '../model';
import type { LabActions } from '../store/labStore';
import { MultiLeaderLab } from '../view/MultiLeaderLab';
import { FirstRunHint } from './FirstRunHint';
import type { Lesson } from '../lessons/types';
import type { ProgressHolder } from './LessonPages';
import { Landing } from './Landing';

// The course and the lesson engine load when a lesson page opens, not with the lab.
const LessonsMenu = lazy(() => import('./LessonPages').then((m) => ({ default: m.default.LessonsMenu })));
const LessonRoute = lazy(() => import('./LessonPages').then((m) => ({ default: m.default.LessonRoute })));
// Share, export, import and embed: a row of buttons whose code loads with the page's next task,
// not in its first load (a placeholder of the same height keeps the layout still meanwhile).
const SharePanel = lazy(() => import('./SharePanel').then((m) => ({ default: m.SharePanel })));
const LessonFromUrl = lazy(() => import('./LessonPages').then((m) => ({ default: m.default.LessonFromUrl })));
import { PhoneBar } from './PhoneBar';
import { loadOpeners, needsOpeners, type Opened, openRoute } from './resolve';
import { formatRoute, parseRoute } from './routes';
import { SceneInfo } from './SceneInfo';
import { UrlTracker } from './UrlTracker';
import './app-shell.css';

/** The gallery and the presets it lists load on the first visit there (or to a preset's link). */
const GalleryPage = lazy(() => import('./GalleryPage'));

/** `?bench`: 8 leaders all-to-all, slow links and a write every 40 ms, for `npm run bench:ui`. */
const benchScenario: SimulationConfig = {
  seed: 1,
  nodes: ['eu', 'us', 'ap', 'sa', 'au', 'in', 'or', 'sg'].map((id) => ({ id })),
  topology: { kind: 'all-to-all' },
  latencyMs: { base: 1500, jitter: 400 },
  keys: { likes: 'counter', title: 'register' },
};

function startBench(actions: LabActions): void {
  const ids = benchScenario.nodes.map((n) => n.id);
  let i = 0;
  setInterval(() => {
    i += 1;
    actions.write(
      ids[i % ids.length] ?? 'eu',
      i % 2 ? 'likes' : 'title',
      i % 2 ? { type: 'increment', by: 1 } : { type: 'set', value: `v${String(i)}` },
    );
  }, 40);
  actions.play();
}

/**
 * `?inspect` in development: connect Stately's inspector, which opens in a new window and
 * shows the cluster, leader and link machines live. Never part of the production bundle.
 */
function useDevInspector(): SimulationOptions['inspect'] | null | undefined {
  const wanted = import.meta.env.DEV && new URLSearchParams(window.location.search).has('inspect');
  const [inspect, setInspect] = useState<SimulationOptions['inspect'] | null | undefined>(wanted ? undefined : null);
  useEffect(() => {
    if (!wanted) return;
    void import('@statelyai/inspect').then(({ createBrowserInspector }) => {
      setInspect(() => createBrowserInspector().inspect);
    });
  }, [wanted]);
  return inspect;
}

export function App() {
  const bench = new URLSearchParams(window.location.search).has('bench');
  const inspect = useDevInspector();
  if (inspect === undefined) return <main>Connecting Stately’s inspector…</main>;
  if (bench) {
    return (
      <main>
        <MultiLeaderLab config={benchScenario} title="Multi-Leader Lab (benchmark)" onReady={startBench} />
      </main>
    );
  }
  return <Shell options={inspect ? { inspect } : {}} />;
}

/**
 * The app: a nav bar, the lab and the gallery. One lab stays mounted while the gallery shows,
 * so its run and its undo history survive a visit there; a scene opened from a link replaces
 * the run through the lab's own `load` (undoable).
 */
function Shell({ options }: { options: SimulationOptions }) {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  // The run the first address opens; later addresses load into the same lab. A preset's
  // or shared link's address waits for the presets or the link reader to load (null until then).
  const [firstRoute] = useState(route);
  const [first, setFirst] = useState<Opened | null>(() => (needsOpeners(route) ? null : openRoute(route)));
  const [problem, setProblem] = useState<Opened['problem']>(null);
  const actions = useRef<LabActions | null>(null);
  const loading = useRef(false);
  // The `#/lab?s=` text that names the run now, when known: the link it was opened from, or the one
  // the address bar was last given (`UrlTracker`); null once the run changes.
  const writtenLink = useRef<string | null>(null);
  useEffect(() => {
    if (first) return;
    let live = true;
    void loadOpeners(firstRoute).then((openers) => {
      if (!live) return;
      const opened = openRoute(firstRoute, openers);
      if (!opened.problem && 'shared' in firstRoute) writtenLink.current = firstRoute.shared;
      setFirst(opened);
    });
    return () => {
      live = false;
    };
  }, [first, firstRoute]);
  // Lesson progress, read once per visit; a lesson opened from a file lives for the visit.
  // Filled by the lesson pages when one first opens (see ProgressHolder).
  const [progress] = useState<ProgressHolder>(() => ({ current: null }));
  const [openedLesson, setOpenedLesson] = useState<Lesson | null>(null);
  // A link's problem is said after the page is up, into a region that already exists, so it is read.
  useEffect(() => {
    if (!first) return;
    const timer = setTimeout(() => {
      setProblem(first.problem);
    }, 50);
    // A reload must not say it again: the address now names the lab that did open.
    if (first.problem) window.history.replaceState(null, '', formatRoute({ page: 'lab' }));
    return () => {
      clearTimeout(timer);
    };
  }, [first]);
  // A new address (a gallery card, a pasted link, Back): show its page, and open what it names in the lab.
  useEffect(() => {
    const onChange = () => {
      const next = parseRoute(window.location.hash);
      setRoute(next);
      if (next.page !== 'lab' || !actions.current) return;
      if (!('preset' in next) && !('shared' in next) && !('problem' in next)) return;
      // Back to the address the lab itself wrote (`writtenLink`): that run is already here.
      if ('shared' in next && next.shared === writtenLink.current) return;
      if (needsOpeners(next)) {
        void loadOpeners(next).then((openers) => {
          open(openRoute(next, openers), 'shared' in next ? next.shared : null);
        });
      } else {
        open(openRoute(next));
      }
    };
    /** Loads what an address opened into the lab (undoable), or says why it did not open. */
    const open = (opened: Opened, link: string | null = null) => {
      if (!actions.current) return;
      setProblem(opened.problem);
      if (opened.problem) {
        window.history.replaceState(null, '', formatRoute({ page: 'lab' }));
        return;
      }
      loading.current = true;
      try {
        actions.current.load(
          opened.scenario,
          `Opened ${opened.scenario.title ? `“${opened.scenario.title}”` : 'a shared run'}: the previous run was replaced.`,
        );
        writtenLink.current = link;
      } catch (e) {
        // Checked data the model still refuses: said like any broken link, and the run stays.
        setProblem({ text: e instanceof Error ? e.message : 'The lab could not start that run.', details: [] });
      } finally {
        loading.current = false;
      }
      window.scrollTo({ top: 0 });
      // The link that was followed (a gallery card) is gone: keyboard focus goes to the scene it opened.
      requestAnimationFrame(() => {
        document.querySelector<HTMLElement>('.app-scene h2')?.focus();
      });
    };
    window.addEventListener('hashchange', onChange);
    return () => {
      window.removeEventListener('hashchange', onChange);
    };
  }, []);
  const onReady = (a: LabActions) => {
    actions.current = a;
  };
  const page = route.page;
  useEffect(() => {
    document.title =
      page === 'gallery'
        ? 'Gallery — Multi-Leader Lab'
        : page === 'lessons' || page === 'lesson'
          ? 'Lessons — Multi-Leader Lab'
          : 'Multi-Leader Lab';
  }, [page]);
  return (
    <div className="app">
      <nav className="app-nav" aria-label="Main">
        <a
          className="app-brand"
          href={formatRoute({ page: 'home' })}
          aria-current={page === 'home' ? 'page' : undefined}
        >
          Multi-Leader Lab
        </a>
        <ul>
          <li>
            <a
              href={formatRoute({ page: 'lessons' })}
              aria-current={page === 'lessons' || page === 'lesson' ? 'page' : undefined}
            >
              Lessons
            </a>
          </li>
          <li>
            <a href={formatRoute({ page: 'lab' })} aria-current={page === 'lab' ? 'page' : undefined}>
              Lab
            </a>
          </li>
          <li>
            <a href={formatRoute({ page: 'gallery' })} aria-current={page === 'gallery' ? 'page' : undefined}>
              Gallery
            </a>
          </li>
        </ul>
      </nav>
      <div className="app-problem" aria-live="polite">
        {problem && (
          <div className="app-problem-box">
            <p>
              <strong>That link did not open.</strong> {problem.text} The default lab opened instead.
            </p>
            {problem.details.length > 0 && (
              <ul>
                {problem.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            )}
            <button
              type="button"
              onClick={() => {
                setProblem(null);
              }}
            >
              Dismiss
            </button>
          </div>
        )}
      </div>
      <main>
        <div hidden={page !== 'lab'}>
          {first ? (
            <MultiLeaderLab scenario={first.scenario} options={options} onReady={onReady}>
              <SceneInfo />
              <FirstRunHint />
              <Suspense fallback={<div className="mll-share-placeholder" />}>
                <SharePanel />
              </Suspense>
              <UrlTracker loading={loading} written={writtenLink} />
              <PhoneBar />
            </MultiLeaderLab>
          ) : (
            <p className="app-opening" role="status">
              Opening the scene…
            </p>
          )}
        </div>
        {page === 'home' && <Landing />}
        {page === 'gallery' && (
          <Suspense
            fallback={
              <p className="app-opening" role="status">
                Loading the gallery…
              </p>
            }
          >
            <GalleryPage />
          </Suspense>
        )}
        <Suspense fallback={<p className="app-lessons">Loading the lessons…</p>}>
          {route.page === 'lessons' && (
            <LessonsMenu
              progress={progress}
              onOpened={(lesson) => {
                setOpenedLesson(lesson);
                window.location.hash = formatRoute({ page: 'lesson', lesson: lesson.id, step: 1 });
              }}
            />
          )}
          {route.page === 'lesson' &&
            ('src' in route ? (
              <LessonFromUrl src={route.src} step={route.step} progress={progress} />
            ) : (
              <LessonRoute id={route.lesson} step={route.step} opened={openedLesson} progress={progress} />
            ))}
        </Suspense>
      </main>
    </div>
  );
}
