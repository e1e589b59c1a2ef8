import { type MouseEvent, useState } from 'react';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { useI18n } from '../i18n/index.tsx';
import { visibleNavigation } from '../navigation.ts';
import { useSession } from '../session.tsx';
import { Button } from './Button.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

function focusMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById('main');
  if (!main) return;
  // Handle the skip link ourselves: no hash in the URL (which the router would treat as a navigation).
  event.preventDefault();
  main.focus();
  main.scrollIntoView();
}

/** Page frame for every route: skip link, banner, main navigation, main, footer. */
export function Layout() {
  const { t } = useI18n();
  const { user, logout } = useSession();
  const navigate = useNavigate();
  const [loggingOut, setLoggingOut] = useState(false);

  const handleLogout = async () => {
    setLoggingOut(true);
    await logout();
    setLoggingOut(false);
    navigate('/logga-in', { replace: true });
  };

  const navItems = user ? visibleNavigation(user) : [];

  return (
    <div className="app">
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a real in-page link; onClick only keeps the hash out of the router. */}
      <a className="skip-link" href="#main" onClick={focusMain}>
        {t('app.skipToMain')}
      </a>
      <header className="site-header">
        <div className="site-header__inner container">
          <Link to="/" className="brand">
            <svg className="brand__mark" aria-hidden="true" focusable="false" viewBox="0 0 32 32">
              <rect width="32" height="32" rx="6" fill="currentColor" />
              <path d="M9 23V9h3v14zm6 0V13h3v10zm6 0v-6h3v6z" fill="#0b3a5d" />
            </svg>
            <span className="brand__text">
              <span className="brand__name">{t('app.name')}</span>
              <span className="brand__tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          <div className="site-header__tools">
            {user ? (
              <p className="site-header__user">
                <span className="visually-hidden">{t('header.loggedInAs')} </span>
                <span className="site-header__user-name">{user.displayName}</span>
                <span className="site-header__user-org">{user.organisation.name}</span>
              </p>
            ) : null}
            <LanguageSwitch />
            {user ? (
              <Button variant="inverse" busy={loggingOut} onClick={handleLogout} data-testid="logout">
                {loggingOut ? t('header.loggingOut') : t('header.logout')}
              </Button>
            ) : null}
          </div>
        </div>
      </header>
      {navItems.length > 0 ? (
        <nav className="site-nav" aria-label={t('nav.label')}>
          <ul className="site-nav__list container">
            {navItems.map((item) => (
              <li key={item.path}>
                <NavLink to={item.path} end={item.path === '/'} className="site-nav__link">
                  {t(item.labelKey)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <main id="main" tabIndex={-1} className="site-main">
        <div className="container">
          <Outlet />
        </div>
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <p>{t('app.footer')}</p>
          <p>{t('app.footerPrivacy')}</p>
        </div>
      </footer>
    </div>
  );
}
