import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { setUpI18n } from './i18n';
import { warmOtherLanguages } from './languages';
import { registerOfflineWorker } from './offline';

/** The app itself, imported by main.tsx (and downloaded beside it: index.html preloads it). */
registerOfflineWorker();
void setUpI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  warmOtherLanguages();
});
