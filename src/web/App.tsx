import { Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AnnouncerProvider } from './components/Announcer.tsx';
import { Layout } from './components/Layout.tsx';
import { Loading } from './components/Loading.tsx';
import { RequireAuth } from './components/RequireAuth.tsx';
import { I18nProvider } from './i18n/index.tsx';
import { appRoutes } from './navigation.ts';
import { LoginPage } from './pages/auth/LoginPage.tsx';
import { NotFoundPage } from './pages/errors/NotFoundPage.tsx';
import { ApplyPage } from './pages/summer-jobs/ApplyPage.tsx';
import { OfferAnswerPage, OwnApplicationPage } from './pages/summer-jobs/LinkPages.tsx';
import { SessionProvider } from './session.tsx';

/** Public (unauthenticated) path of the login page. */
export const loginPath = '/logga-in';

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter>
          <AnnouncerProvider>
            <Routes>
              <Route element={<Layout />}>
                <Route path={loginPath} element={<LoginPage />} />
                {/* The summer-job application e-service is public (no login). */}
                <Route path="/ferie/ansok/:org/:season" element={<ApplyPage />} />
                <Route path="/ferie/ansokan" element={<OwnApplicationPage />} />
                <Route path="/ferie/erbjudande" element={<OfferAnswerPage />} />
                {appRoutes.map(({ path, nested, roles, Component }) => (
                  <Route
                    key={path}
                    path={nested && path !== '/' ? `${path}/*` : path}
                    element={
                      <RequireAuth roles={roles}>
                        <Suspense fallback={<Loading />}>
                          <Component />
                        </Suspense>
                      </RequireAuth>
                    }
                  />
                ))}
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </AnnouncerProvider>
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  );
}
