import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from './Announcer.tsx';

/** Location key of the first page shown after a full page load; focus is left alone there. */
let initialLocationKey: string | undefined;

/**
 * Call once at the top of every page component.
 *
 * - Sets `document.title` to `<title> – Insats` (and keeps it in step with the language).
 * - After an in-app navigation, moves keyboard focus to the page's `<h1>` inside `<main id="main">`
 *   (or to `<main>` itself if there is none) and announces the new page in the polite live region.
 *
 * Render the `<h1>` right away, also while data is loading, so focus has somewhere to go.
 */
export function usePageTitle(title: string): void {
  const { t } = useI18n();
  const { key } = useLocation();
  const announce = useAnnounce();

  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a navigation (new location key) should move focus and announce, not a title or language change.
  useEffect(() => {
    if (initialLocationKey === undefined) initialLocationKey = key;
    if (key === initialLocationKey) return;
    const main = document.getElementById('main');
    const target = main?.querySelector<HTMLElement>('h1') ?? main;
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }
    announce(t('app.pageLoaded', { title }));
  }, [key]);
}
