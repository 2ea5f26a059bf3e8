import { useTranslation } from 'react-i18next';
import { useErrorText } from '../use-error-text';

/** What went wrong loading a page's data, in the reader's words, with a way to try again. */
export function LoadError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <p className="error" role="alert">
      {errorText(error)}{' '}
      <button type="button" onClick={retry}>
        {t('retry')}
      </button>
    </p>
  );
}
