import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { router } from './App';
import { SessionProvider } from './auth/session';
import { I18nProvider } from './i18n';
import './styles.css';

/**
 * A page opened before a new build asks for code the server no longer has (its chunk names changed):
 * load the page again, which names the new build's. Not twice in a row: then the error shows.
 */
const RELOADED_AT = 'panda.reloadedForNewBuildAt';
window.addEventListener('vite:preloadError', (event) => {
  if (Date.now() - Number(sessionStorage.getItem(RELOADED_AT) ?? 0) < 30_000) return;
  event.preventDefault();
  sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  window.location.reload();
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
