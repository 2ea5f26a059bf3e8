import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { invitationMessages } from './invitation';
import { it } from './it';
import { nl } from './nl';
import { people } from './people';
import { privacy } from './privacy';
import { wallet } from './wallet';

/**
 * Every string of the participant's app, by language (the console adds its own when it opens).
 * Never imported by the page: the build evaluates it and makes one chunk per language
 * (`virtual:muvo-messages/<language>`, apps/web/vite.config.mts), so a phone downloads only the
 * language it shows. A new per-feature locale file is added here.
 */
export const messages = {
  en: { ...en, ...invitationMessages.en, ...wallet.en, ...privacy.en, ...people.en },
  fr: { ...fr, ...invitationMessages.fr, ...wallet.fr, ...privacy.fr, ...people.fr },
  it: { ...it, ...invitationMessages.it, ...wallet.it, ...privacy.it, ...people.it },
  es: { ...es, ...invitationMessages.es, ...wallet.es, ...privacy.es, ...people.es },
  nl: { ...nl, ...invitationMessages.nl, ...wallet.nl, ...privacy.nl, ...people.nl },
};
