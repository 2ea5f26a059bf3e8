import { useState } from 'react';
import { useErrorText } from './use-error-text';

/**
 * One action a person starts (a form sent, a button pressed): busy while it runs, and its failure
 * in their words. `run` resolves to the action's value, or undefined when it failed.
 */
export function useAction() {
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError('');
    try {
      return await action();
    } catch (failure) {
      setError(errorText(failure));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
