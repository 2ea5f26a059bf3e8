import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { setUpI18n } from './i18n';
import { registerOfflineWorker } from './offline';

/** The app itself, fetched by main.tsx (in parallel with it: index.html preloads it). */
registerOfflineWorker();
void setUpI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
