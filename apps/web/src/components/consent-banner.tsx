import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useSubmit } from '../use-submit';
import { LegalLinks } from './consent-fields';

type Overview = Awaited<ReturnType<typeof api.get<'/v1/me/consents'>>>;

/**
 * When the terms or privacy notice changed since the participant accepted them, says so above
 * every page and lets them accept the new versions in one tap, keeping their optional choices.
 * Until then their reads work and their changes are refused (CONSENT_REQUIRED).
 */
export function ConsentBanner() {
  const { t } = useTranslation();
  const [overview, setOverview] = useState<Overview | null>(null);
  const { busy, error, run } = useSubmit();

  useEffect(() => {
    let live = true;
    // Not a participant, or offline: nothing to ask here.
    api
      .get('/v1/me/consents')
      .then((o) => live && setOverview(o))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  if (!overview || overview.upToDate) return null;

  async function accept() {
    if (!overview) return;
    const accepted = await run(() =>
      api.put('/v1/me/consents', {
        terms: overview.legal.terms.version,
        privacy: overview.legal.privacy.version,
        openData: overview.current?.openData ?? false,
        modelTraining: overview.current?.modelTraining ?? false,
      }),
    );
    if (accepted) setOverview(accepted);
  }

  return (
    <section className="card notice" aria-labelledby="consent-changed-title">
      <h2 id="consent-changed-title">{t('consentChangedTitle')}</h2>
      <p>{t('consentChangedText')}</p>
      <LegalLinks legal={overview.legal} />
      <p className="error" role="alert">
        {error}
      </p>
      <button type="button" className="primary" onClick={accept} disabled={busy}>
        {busy ? t('working') : t('consentAcceptNew')}
      </button>
    </section>
  );
}
