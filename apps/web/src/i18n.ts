import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { initialLanguage, type Language, LANGUAGES, languageMessages, storeLanguage } from './languages';

export { initialLanguage, type Language, LANGUAGES } from './languages';

/** The languages whose strings i18next has (the console adds its own to any language). */
const loaded = new Set<Language>();

async function ensureLoaded(language: Language): Promise<void> {
  if (loaded.has(language)) return;
  i18next.addResourceBundle(language, 'translation', await languageMessages(language), true, true);
  loaded.add(language);
}

/** Switches the page once the language's strings are there (a moment on a slow network). */
export async function chooseLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  await ensureLoaded(language);
  await i18next.changeLanguage(language);
}

function reflectLanguage(language: string): void {
  document.documentElement.lang = language;
  document.title = i18next.t('documentTitle');
}

/** Starts with the person's language only: main.tsx has already asked for its strings. */
export async function setUpI18n(): Promise<void> {
  const language = initialLanguage();
  const translation = await languageMessages(language);
  i18next.on('languageChanged', reflectLanguage);
  await i18next.use(initReactI18next).init({
    lng: language,
    // Every language has every key (the locale files' types make a missing one an error), so
    // there is nothing to fall back to, and nothing else to download.
    fallbackLng: false,
    supportedLngs: Object.keys(LANGUAGES),
    resources: { [language]: { translation } },
    // Keys are flat and some contain '-' and '_': no nesting, no namespaces in keys.
    keySeparator: false,
    nsSeparator: false,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  loaded.add(language);
  reflectLanguage(i18next.language);
}
