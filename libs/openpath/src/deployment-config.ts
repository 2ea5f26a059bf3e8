import { TOKEN_PREFIX } from './openpath-token';

/**
 * The study config the OpenPATH app downloads to join a programme (e-mission's
 * op-deployment-configs format, `index.d.ts` there): it names muvo's URL as the server, the
 * opcode rules of muvo's tokens, and label options that are exactly muvo's modes, so a person's
 * label is muvo's mode. Pure.
 */

export interface DeploymentCity {
  id: string;
  name: string;
  autogen: boolean;
}

/** muvo's modes as the app's label options (`base_mode` picks the app's icon and colour). */
const MODES = [
  { value: 'walk', base_mode: 'WALKING', en: 'Walk' },
  { value: 'bike', base_mode: 'BICYCLING', en: 'Bicycle' },
  { value: 'bus', base_mode: 'BUS', en: 'Bus' },
  { value: 'train', base_mode: 'TRAIN', en: 'Train' },
  { value: 'car', base_mode: 'CAR', en: 'Car' },
];
const PURPOSES = ['home', 'work', 'school', 'shopping', 'meal', 'leisure', 'errand', 'other'];

/** `https://host/base` and the api's prefix → the `connectUrl` the app joins paths to. */
export function connectUrlOf(publicUrl: string, pathPrefix: string): string {
  const url = new URL(publicUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`not an http(s) URL: ${publicUrl}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/${pathPrefix}/`;
}

export function deploymentConfigOf(city: DeploymentCity, connectUrl: string, now = new Date()) {
  const translations: Record<string, string> = {};
  for (const m of MODES) translations[m.value] = m.en;
  for (const p of PURPOSES) translations[p] = p[0].toUpperCase() + p.slice(1);
  return {
    url_abbreviation: city.id,
    version: 1,
    ts: now.getTime(),
    server: { connectUrl, aggregate_call_auth: 'user_only' },
    opcode: { autogen: city.autogen, subgroups: ['default'] },
    intro: {
      program_or_study: 'program',
      app_required: true,
      start_month: String(now.getUTCMonth() + 1),
      start_year: String(now.getUTCFullYear()),
      mode_studied: ['walk', 'bike', 'bus', 'train'],
      program_admin_email: '',
      program_admin_contact: '',
      deployment_partner_name: city.name,
      translated_text: {
        en: {
          deployment_partner_name: city.name,
          deployment_name: `${city.name} — muvo`,
          summary_line_1: 'Your trips on foot, by bike and by public transport earn points',
          summary_line_2: 'spent at neighbourhood shops.',
          summary_line_3: '',
          short_textual_description: `${city.name} rewards soft mobility with muvo: this app records your trips.`,
          why_we_collect: 'Your trips are scored from their GPS traces; you can dispute a mode from the diary.',
          research_questions: [],
        },
      },
    },
    label_options: {
      MODE: MODES.map(({ value, base_mode }) => ({ value, base_mode })),
      PURPOSE: PURPOSES.map((value) => ({ value })),
      translations: { en: translations },
    },
    display_config: { use_imperial: false },
    metrics: {
      include_test_users: false,
      phone_dashboard_ui: {
        sections: ['movement', 'travel'],
        metric_list: { count: ['mode_confirm'], distance: ['mode_confirm'], duration: ['mode_confirm'] },
      },
    },
    profile_controls: { support_upload: true, trip_end_notification: false },
    admin_dashboard: { token_prefix: `${TOKEN_PREFIX}_${city.id}`, token_generate: false },
  };
}
