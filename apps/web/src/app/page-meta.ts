import { useEffect } from 'react';
import { useI18n } from './i18n.tsx';

/**
 * Sets the document title and the meta description of the page shown (and the Open Graph title
 * and description when the server put them in). Without arguments: the app's own.
 */
export function usePageMeta(title?: string | null, description?: string | null): void {
  const { t } = useI18n();
  const fullTitle = title ? t.pageTitle(title) : t.appTitle;
  const desc = description ?? t.metaDescription;
  useEffect(() => {
    document.title = fullTitle;
    const set = (selector: string, value: string) => document.querySelector(selector)?.setAttribute('content', value);
    set('meta[name="description"]', desc);
    set('meta[property="og:title"]', fullTitle);
    set('meta[property="og:description"]', desc);
  }, [fullTitle, desc]);
}
