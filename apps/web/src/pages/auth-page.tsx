import { type FormEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api, setSession } from '../api/client';
import { ConsentFields, consentsOf, useLegal } from '../components/consent-fields';
import { homeHref, href, navigate } from '../routing';
import { useSubmit } from '../use-submit';

/** Log in or create an account: one form, two modes. */
export function AuthPage({ mode }: { mode: 'login' | 'register' }) {
  const { t, i18n } = useTranslation();
  const { busy, error, run, fail } = useSubmit();
  const heading = useRef<HTMLHeadingElement>(null);
  const legal = useLegal();
  useEffect(() => heading.current?.focus(), [mode]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const displayName = String(form.get('displayName') ?? '').trim();
    const consents = mode === 'register' && legal ? consentsOf(form, legal) : null;
    if (mode === 'register' && !consents) {
      fail(legal ? t('consentMissing') : t('errorNetwork'));
      return;
    }
    const session = await run(async () =>
      mode === 'login' || !consents
        ? api.post('/v1/auth/login', { email, password })
        : api.post('/v1/auth/register', {
            email,
            password,
            // The language the person reads the app in is the one their e-mails will speak.
            language: i18n.language as 'en',
            ...(displayName ? { displayName } : {}),
            consents,
          }),
    );
    if (!session) return;
    setSession(session);
    navigate(homeHref());
  }

  return (
    <section className="card narrow" aria-labelledby="auth-title">
      <h1 id="auth-title" tabIndex={-1} ref={heading}>
        {mode === 'login' ? t('loginTitle') : t('registerTitle')}
      </h1>
      <p>{t('welcome')}</p>
      <form onSubmit={submit} noValidate={false}>
        {mode === 'register' && (
          <div className="field">
            <label htmlFor="displayName">{t('displayName')}</label>
            <input id="displayName" name="displayName" autoComplete="nickname" maxLength={80} />
          </div>
        )}
        <div className="field">
          <label htmlFor="email">{t('email')}</label>
          <input id="email" name="email" type="email" autoComplete="email" required />
        </div>
        <div className="field">
          <label htmlFor="password">{t('password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            required
            minLength={mode === 'register' ? 8 : 1}
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            aria-describedby={mode === 'register' ? 'password-hint' : undefined}
          />
          {mode === 'register' && (
            <p id="password-hint" className="hint">
              {t('passwordHint')}
            </p>
          )}
        </div>
        {mode === 'register' && <ConsentFields legal={legal} />}
        <p id="auth-error" className="error" role="alert">
          {error}
        </p>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('working') : mode === 'login' ? t('loginSubmit') : t('registerSubmit')}
        </button>
      </form>
      <p className="switch">
        {mode === 'login' ? t('noAccount') : t('haveAccount')}{' '}
        <a href={mode === 'login' ? href.register : href.login}>{mode === 'login' ? t('goRegister') : t('goLogin')}</a>
      </p>
      {mode === 'login' && (
        <ul className="links">
          <li>
            <a href={href.forgot}>{t('forgotLink')}</a>
          </li>
          <li>
            <a href={href.card}>{t('cardLink')}</a>
          </li>
        </ul>
      )}
    </section>
  );
}
