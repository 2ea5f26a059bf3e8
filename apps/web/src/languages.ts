/**
 * Which language the page speaks and its strings, without i18next or React: the entry (main.tsx)
 * uses it to start downloading the person's language while the app's code is still on its way.
 */

/** The languages the app speaks, each named in itself for the chooser. */
export const LANGUAGES = { en: 'English', fr: 'Français', it: 'Italiano', es: 'Español', nl: 'Nederlands' } as const;
export type Language = keyof typeof LANGUAGES;

const STORAGE_KEY = 'muvo.language';

export const isLanguage = (tag: string | null | undefined): tag is Language => !!tag && tag in LANGUAGES;

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled (private mode, kiosk): the browser language still applies
  }
}

/** The person's own choice if they made one, else the first browser language we speak, else English. */
export function initialLanguage(): Language {
  const stored = safeStorage()?.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function storeLanguage(language: Language): void {
  safeStorage()?.setItem(STORAGE_KEY, language);
  // Also for the server, which names the language's chunk in the page for the next visit
  // (libs/web-app: pageLanguage); a preference, never sent anywhere else.
  document.cookie = `${STORAGE_KEY}=${language}; path=/app/; max-age=31536000; samesite=strict`;
}

// Each language is its own chunk (literal imports, so that the build sees all five).
const LOADERS: Record<Language, () => Promise<{ default: Record<string, string> }>> = {
  en: () => import('virtual:muvo-messages/en'),
  fr: () => import('virtual:muvo-messages/fr'),
  it: () => import('virtual:muvo-messages/it'),
  es: () => import('virtual:muvo-messages/es'),
  nl: () => import('virtual:muvo-messages/nl'),
};
const loading = new Map<Language, Promise<Record<string, string>>>();

/** A language's strings, downloaded once (a failed download is tried again next time). */
export function languageMessages(language: Language): Promise<Record<string, string>> {
  let messages = loading.get(language);
  if (!messages) {
    messages = LOADERS[language]().then((m) => m.default);
    messages.catch(() => loading.delete(language));
    loading.set(language, messages);
  }
  return messages;
}

const WARM_AFTER_MS = 3000;

/**
 * The other languages, a few seconds after the first page is up and then when the browser is
 * idle (a few kB each, never competing with what the first page needs): the chooser then switches
 * at once, and offline too, since the service worker keeps what was fetched.
 */
export function warmOtherLanguages(): void {
  const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 0));
  setTimeout(
    () =>
      idle(() => {
        for (const language of Object.keys(LANGUAGES) as Language[])
          void languageMessages(language).catch(() => undefined);
      }),
    WARM_AFTER_MS,
  );
}
