import { api, isLoggedIn } from './api/client';
import { chooseLanguage, type Language } from './i18n';

/**
 * Switches the app to the language and, for a logged-in person, stores it on the account, so the
 * e-mails muvo sends them speak it too. The switch does not wait for the server (both go at once;
 * the switch waits only for the language's strings).
 */
export function chooseAndStoreLanguage(language: Language): Promise<unknown> {
  return Promise.all([chooseLanguage(language), isLoggedIn() ? api.patch('/v1/me', { language }) : undefined]);
}
