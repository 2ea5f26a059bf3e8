import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { FormEnd } from '../components/form-end';
import { formatDay } from '../format';
import { href, navigate } from '../routing';
import { useSubmit } from '../use-submit';
import { usePolled } from '../use-poll';
import { rememberCard } from './resident-page';

const GIVEN_BY = ['resident', 'legal-representative'] as const;
const METHODS = ['signed-form', 'in-person'] as const;

/** A mediator's desk: the residents they help, and registering a new one with their consent. */
export function ResidentsPage() {
  const { t, i18n } = useTranslation();
  const residents = usePolled(
    () => api.get('/v1/mediator/residents'),
    () => false,
  );
  const action = useSubmit();

  async function register(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const card = await action.run(() =>
      api.post('/v1/mediator/residents', {
        displayName: String(form.get('displayName') ?? '').trim(),
        consent: {
          givenBy: form.get('givenBy') as (typeof GIVEN_BY)[number],
          method: form.get('method') as (typeof METHODS)[number],
        },
      }),
    );
    if (card) {
      rememberCard(card.resident.id, card.loginCode);
      navigate(href.resident(card.resident.id));
    }
  }

  const list = residents.value ?? [];
  return (
    <div className="columns">
      <section className="card" aria-labelledby="register-resident-title">
        <h2 id="register-resident-title">{t('residentRegisterTitle')}</h2>
        <form onSubmit={register}>
          <div className="field">
            <label htmlFor="resident-name">{t('residentName')}</label>
            <input
              id="resident-name"
              name="displayName"
              required
              maxLength={60}
              autoComplete="off"
              aria-describedby="resident-name-hint"
            />
            <p id="resident-name-hint" className="hint">
              {t('residentNameHelp')}
            </p>
          </div>
          <fieldset>
            <legend>{t('consentBy')}</legend>
            <p className="hint">{t('consentHelp')}</p>
            {GIVEN_BY.map((value, i) => (
              <label key={value} className="choice">
                <input type="radio" name="givenBy" value={value} required defaultChecked={i === 0} />
                {t(`consentBy_${value}`)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('consentHow')}</legend>
            {METHODS.map((value) => (
              <label key={value} className="choice">
                <input type="radio" name="method" value={value} required />
                {t(`consentMethod_${value}`)}
              </label>
            ))}
          </fieldset>
          <FormEnd action={action} label={t('residentRegister')} id="register-resident" />
        </form>
      </section>
      <section aria-labelledby="residents-title">
        <h1 id="residents-title">{t('residentsTitle')}</h1>
        {residents.loading && !residents.value && <p>{t('loading')}</p>}
        {residents.value && list.length === 0 && <p>{t('residentsNone')}</p>}
        <ul className="trips">
          {list.map((resident) => (
            <li key={resident.id}>
              <a className="trip-link resident-link" href={href.resident(resident.id)}>
                <span className="trip-when">{resident.displayName}</span>
                <span>{t('residentSince', { date: formatDay(i18n.language, resident.registeredAt) })}</span>
                {resident.takenOver && <span>{t('residentTakenOver')}</span>}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
