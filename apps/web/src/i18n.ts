import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { es } from './locales/es';
import { fr } from './locales/fr';
import { invitationMessages } from './locales/invitation';
import { it } from './locales/it';
import { nl } from './locales/nl';
import { wallet } from './locales/wallet';
import { privacy } from './locales/privacy';
import { people } from './locales/people';
import { disputes } from './locales/disputes';
import { menu } from './locales/menu';

/** The languages the app speaks, each named in itself for the chooser. */
export const LANGUAGES = { en: 'English', fr: 'Français', it: 'Italiano', es: 'Español', nl: 'Nederlands' } as const;
export type Language = keyof typeof LANGUAGES;

const STORAGE_KEY = 'muvo.language';

const isLanguage = (tag: string | null | undefined): tag is Language => !!tag && tag in LANGUAGES;

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

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled (private mode, kiosk): the browser language still applies
  }
}

export function chooseLanguage(language: Language): void {
  safeStorage()?.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language);
}

function reflectLanguage(language: string): void {
  document.documentElement.lang = language;
  document.title = i18next.t('documentTitle');
}

export async function setUpI18n(): Promise<void> {
  i18next.on('languageChanged', reflectLanguage);
  await i18next.use(initReactI18next).init({
    lng: initialLanguage(),
    fallbackLng: 'en',
    supportedLngs: Object.keys(LANGUAGES),
    resources: {
      en: {
        translation: {
          ...en,
          ...invitationMessages.en,
          ...wallet.en,
          ...privacy.en,
          ...people.en,
          ...disputes.en,
          ...menu.en,
        },
      },
      fr: {
        translation: {
          ...fr,
          ...invitationMessages.fr,
          ...wallet.fr,
          ...privacy.fr,
          ...people.fr,
          ...disputes.fr,
          ...menu.fr,
        },
      },
      it: {
        translation: {
          ...it,
          ...invitationMessages.it,
          ...wallet.it,
          ...privacy.it,
          ...people.it,
          ...disputes.it,
          ...menu.it,
        },
      },
      es: {
        translation: {
          ...es,
          ...invitationMessages.es,
          ...wallet.es,
          ...privacy.es,
          ...people.es,
          ...disputes.es,
          ...menu.es,
        },
      },
      nl: {
        translation: {
          ...nl,
          ...invitationMessages.nl,
          ...wallet.nl,
          ...privacy.nl,
          ...people.nl,
          ...disputes.nl,
          ...menu.nl,
        },
      },
    },
    // Keys are flat and some contain '-' and '_': no nesting, no namespaces in keys.
    keySeparator: false,
    nsSeparator: false,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  reflectLanguage(i18next.language);
}
