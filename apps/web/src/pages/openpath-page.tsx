import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { QrImage } from '../components/qr-image';
import { useSubmit } from '../use-submit';

/**
 * Joining with the OpenPATH phone app, which records trips in the background: a login token as a
 * QR code to scan and a link to tap. A token is made on request only, since each new one ends the
 * previous one (a phone joined with it would stop sending trips).
 */
export function OpenpathPage() {
  const { t } = useTranslation();
  const action = useSubmit();
  const [issued, setIssued] = useState<{ token: string; loginUrl: string } | null>(null);

  async function issue() {
    const token = await action.run(() => api.postAt('/v1/me/openpath-token', {}));
    if (token) setIssued(token);
  }

  return (
    <section className="card" aria-labelledby="openpath-title">
      <h1 id="openpath-title">{t('openpathTitle')}</h1>
      <ol className="steps">
        <li>{t('openpathInstall')}</li>
        <li>{t('openpathJoin')}</li>
      </ol>
      {issued ? (
        <div id="openpath-token" className="openpath-token">
          <QrImage text={issued.loginUrl} label={t('openpathQrLabel')} id="openpath-qr" />
          <p>
            <a className="button-link" href={issued.loginUrl}>
              {t('openpathLink')}
            </a>
          </p>
          <p>{t('openpathTyped')}</p>
          <p className="code token" id="openpath-code">
            {issued.token}
          </p>
        </div>
      ) : null}
      <p className="hint">{t('openpathWarning')}</p>
      <p className="error" role="alert">
        {action.error}
      </p>
      <button type="button" id="openpath-issue" className="primary" onClick={issue} disabled={action.busy}>
        {issued ? t('openpathNew') : t('openpathShow')}
      </button>
    </section>
  );
}
