import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { invitationMessages } from './invitation';
import { it } from './it';
import { nl } from './nl';
import { disputes } from './disputes';
import { menu } from './menu';
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
  en: { ...en, ...invitationMessages.en, ...wallet.en, ...privacy.en, ...people.en, ...disputes.en, ...menu.en },
  fr: { ...fr, ...invitationMessages.fr, ...wallet.fr, ...privacy.fr, ...people.fr, ...disputes.fr, ...menu.fr },
  it: { ...it, ...invitationMessages.it, ...wallet.it, ...privacy.it, ...people.it, ...disputes.it, ...menu.it },
  es: { ...es, ...invitationMessages.es, ...wallet.es, ...privacy.es, ...people.es, ...disputes.es, ...menu.es },
  nl: { ...nl, ...invitationMessages.nl, ...wallet.nl, ...privacy.nl, ...people.nl, ...disputes.nl, ...menu.nl },
};
