/**
 * Strings of the participant's menu on a phone (its "More" button), in every language; merged into
 * each language's resources in `i18n.ts`. English is the reference: every other language must have
 * exactly its keys.
 */
const en = { navMore: 'More' };

type MenuMessages = Record<keyof typeof en, string>;

const fr: MenuMessages = { navMore: 'Plus' };
const it: MenuMessages = { navMore: 'Altro' };
const es: MenuMessages = { navMore: 'Más' };
const nl: MenuMessages = { navMore: 'Meer' };

export const menu = { en, fr, it, es, nl };
