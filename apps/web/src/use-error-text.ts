import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from './api/client';

/** A failure in the reader's words: the API's code when we have words for it, else a general sentence. */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    if (error instanceof NetworkError) return t('errorNetwork');
    if (error instanceof ApiError) {
      const key = `error_${error.code}`;
      if (i18n.exists(key)) return t(key);
      if (error.status === 401) return t('errorSessionOver');
      if (error.status === 429) return t('error_RATE_LIMITED');
    }
    return t('errorGeneric');
  };
}
