import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import type { components } from '../api/voucher-schema';
import { useSubmit } from '../use-submit';

type Accepted = components['schemas']['AcceptedInvitation'];

/** A shop assistant opens the console's invitation link (or scans its QR code) and sets a password. */
export function InvitationPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const { busy, error, run } = useSubmit();
  const [accepted, setAccepted] = useState<Accepted | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const displayName = String(form.get('displayName') ?? '').trim();
    const body = { token, password: String(form.get('password') ?? ''), ...(displayName ? { displayName } : {}) };
    const done = await run(() =>
      call<Accepted>('voucher', 'POST', '/v1/staff-invitations/accept', JSON.stringify(body), 'application/json'),
    );
    if (done) setAccepted(done);
  }

  return (
    <section className="card narrow" aria-labelledby="invitation-title">
      <h1 id="invitation-title" tabIndex={-1} ref={heading}>
        {t('inv_title')}
      </h1>
      {accepted ? (
        <p role="status" id="invitation-done">
          {t('inv_done', { email: accepted.email })}
        </p>
      ) : (
        <form onSubmit={submit}>
          <p>{t('inv_intro')}</p>
          <p className="hint">{t('inv_email')}</p>
          <div className="field">
            <label htmlFor="displayName">{t('inv_name')}</label>
            <input id="displayName" name="displayName" autoComplete="name" maxLength={80} />
          </div>
          <div className="field">
            <label htmlFor="password">{t('password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              required
              minLength={8}
              autoComplete="new-password"
              aria-describedby="password-hint"
            />
            <p id="password-hint" className="hint">
              {t('passwordHint')}
            </p>
          </div>
          <p className="error" role="alert">
            {error}
          </p>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('working') : t('inv_submit')}
          </button>
        </form>
      )}
    </section>
  );
}
