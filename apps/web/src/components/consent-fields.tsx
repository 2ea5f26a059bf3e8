import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Legal } from '../api/client';

/** The texts in force, asked once per page load (they change rarely, and a stale one is refused with a clear message). */
let legalOnce: Promise<Legal> | null = null;
export function useLegal(): Legal | null {
  const [legal, setLegal] = useState<Legal | null>(null);
  useEffect(() => {
    let live = true;
    legalOnce ??= api.get('/v1/legal').catch((error: unknown) => {
      legalOnce = null;
      throw error;
    });
    legalOnce.then((l) => live && setLegal(l)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return legal;
}

/** Links to the terms of use and the privacy notice, each opening in a new tab. */
export function LegalLinks({ legal }: { legal: Legal }) {
  const { t } = useTranslation();
  return (
    <ul className="legal-links">
      <li>
        <a href={legal.terms.url} target="_blank" rel="noopener noreferrer">
          {t('consentReadTerms')} <span className="hint-inline">{t('consentOpensNewTab')}</span>
        </a>
      </li>
      <li>
        <a href={legal.privacy.url} target="_blank" rel="noopener noreferrer">
          {t('consentReadPrivacy')} <span className="hint-inline">{t('consentOpensNewTab')}</span>
        </a>
      </li>
    </ul>
  );
}

/**
 * The consent part of the registration form: the terms and privacy notice (required) and the two
 * optional uses of one's trips, unticked by default (consent is never presumed). Read from the
 * form by {@link consentsOf}.
 */
export function ConsentFields({ legal }: { legal: Legal | null }) {
  const { t } = useTranslation();
  return (
    <fieldset className="consent">
      <legend>{t('consentLegend')}</legend>
      {legal && <LegalLinks legal={legal} />}
      <div className="check">
        <input id="consent-accept" name="consentAccept" type="checkbox" required />
        <label htmlFor="consent-accept">{t('consentAccept')}</label>
      </div>
      <p className="hint" id="consent-optional">
        {t('consentOptional')}
      </p>
      <div className="check">
        <input id="consent-open-data" name="consentOpenData" type="checkbox" aria-describedby="consent-optional" />
        <label htmlFor="consent-open-data">{t('consentOpenData')}</label>
      </div>
      <div className="check">
        <input
          id="consent-model-training"
          name="consentModelTraining"
          type="checkbox"
          aria-describedby="consent-optional"
        />
        <label htmlFor="consent-model-training">{t('consentModelTraining')}</label>
      </div>
    </fieldset>
  );
}

/** The consents ticked in a form holding {@link ConsentFields}, or null when the required one is not. */
export function consentsOf(form: FormData, legal: Legal) {
  if (form.get('consentAccept') !== 'on') return null;
  return {
    terms: legal.terms.version,
    privacy: legal.privacy.version,
    openData: form.get('consentOpenData') === 'on',
    modelTraining: form.get('consentModelTraining') === 'on',
  };
}
