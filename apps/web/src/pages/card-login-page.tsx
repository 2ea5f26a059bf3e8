import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, setSession } from '../api/client';
import { FormEnd } from '../components/form-end';
import { homeHref, href, navigate } from '../routing';
import { useSubmit } from '../use-submit';

/** A resident registered by a mediator logs in with the code printed on their card. */
export function CardLoginPage() {
  const { t } = useTranslation();
  const action = useSubmit();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '');
    const session = await action.run(() => api.post('/v1/auth/login-code', { code }));
    if (session) {
      setSession(session);
      navigate(homeHref());
    }
  }

  return (
    <section className="card narrow" aria-labelledby="card-title">
      <h1 id="card-title">{t('cardTitle')}</h1>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="code">{t('cardCode')}</label>
          <input
            id="code"
            name="code"
            className="code-input"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            required
            minLength={12}
            maxLength={40}
            aria-describedby="code-hint"
          />
          <p id="code-hint" className="hint">
            {t('cardHelp')}
          </p>
        </div>
        <FormEnd action={action} label={t('cardSubmit')} />
      </form>
      <p className="switch">
        <a href={href.login}>{t('goLogin')}</a>
      </p>
    </section>
  );
}
