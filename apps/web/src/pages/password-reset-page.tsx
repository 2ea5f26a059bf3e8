import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { FormEnd } from '../components/form-end';
import { href } from '../routing';
import { useSubmit } from '../use-submit';

/** "I forgot my password": asks for the e-mail address; the answer is the same whether it has an account or not. */
export function ForgotPage() {
  const { t } = useTranslation();
  const action = useSubmit();
  const [sent, setSent] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    if ((await action.run(() => api.post('/v1/auth/password-reset', { email }).then(() => true))) === true)
      setSent(true);
  }

  return (
    <section className="card narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t('forgotTitle')}</h1>
      {sent ? (
        <p id="forgot-sent" role="status">
          {t('forgotSent')}
        </p>
      ) : (
        <form onSubmit={submit}>
          <p>{t('forgotHelp')}</p>
          <div className="field">
            <label htmlFor="email">{t('email')}</label>
            <input id="email" name="email" type="email" autoComplete="email" required />
          </div>
          <FormEnd action={action} label={t('forgotSubmit')} />
        </form>
      )}
      <p className="switch">
        <a href={href.login}>{t('goLogin')}</a>
      </p>
    </section>
  );
}

/** The page the e-mailed link opens: choose the new password. */
export function ResetPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const action = useSubmit();
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password') ?? '');
    const ok = await action.run(() =>
      api.post('/v1/auth/password-reset/confirm', { token, password }).then(() => true),
    );
    if (ok) setDone(true);
  }

  return (
    <section className="card narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('resetTitle')}</h1>
      {done ? (
        <p id="reset-done" role="status">
          {t('resetDone')} <a href={href.login}>{t('goLogin')}</a>
        </p>
      ) : (
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor="password">{t('newPassword')}</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={8}
              aria-describedby="password-hint"
            />
            <p id="password-hint" className="hint">
              {t('passwordHint')}
            </p>
          </div>
          <FormEnd action={action} label={t('resetSubmit')}>
            {' '}
            <a href={href.forgot}>{t('askNewLink')}</a>
          </FormEnd>
        </form>
      )}
    </section>
  );
}
