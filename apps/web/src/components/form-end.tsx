import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The end of a form: what went wrong (announced), and the one big button that sends it. */
export function FormEnd({
  action,
  label,
  id,
  children,
}: {
  action: { busy: boolean; error: string };
  label: string;
  id?: string;
  /** Shown after the error, while there is one (e.g. a way out). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p className="error" role="alert">
        {action.error}
        {action.error && children}
      </p>
      <button type="submit" id={id} className="primary" disabled={action.busy}>
        {action.busy ? t('working') : label}
      </button>
    </>
  );
}
