import { Layout, Segmented } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from './i18n.tsx';
import type { Lang } from './messages.ts';
import { NAV_ITEMS } from './nav.ts';
import { Link, useRoute } from './router.tsx';

const LANG_OPTIONS: { label: string; value: Lang; title: string }[] = [
  { label: 'VI', value: 'vi', title: 'Tiếng Việt' },
  { label: 'EN', value: 'en', title: 'English' },
];

/** The page frame: a skip link, the header with the app name and the language switch, the footer. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const route = useRoute();
  return (
    <Layout className="app">
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <h1 className="app-header__title">
            <Link href="/" className="app-header__brand">
              <span className="app-header__mark" aria-hidden="true">
                PI
              </span>
              <span>{t.appTitle}</span>
            </Link>
          </h1>
          <nav className="app-nav" aria-label={t.navLabel}>
            <ul>
              {NAV_ITEMS.map((item) => (
                <li key={item.key}>
                  <Link href={item.href} aria-current={item.isActive(route) ? 'page' : undefined}>
                    {item.label(t)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="app-header__lang" role="group" aria-label={t.languageLabel}>
            <Segmented<Lang>
              size="small"
              value={lang}
              onChange={setLang}
              options={LANG_OPTIONS.map((o) => ({
                value: o.value,
                label: (
                  <span title={o.title} lang={o.value}>
                    {o.label}
                  </span>
                ),
              }))}
            />
          </div>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="app-footer">{t.footer}</footer>
    </Layout>
  );
}
