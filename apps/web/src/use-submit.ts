import { useRef, useState } from 'react';
import { useErrorText } from './use-error-text';

/**
 * One thing a person sends (a form, a button pressed): busy while it runs, its failure in their
 * words (the API's `code` translated), and sent once: a second press or Enter while the first is
 * on its way does nothing, so nobody registers twice or claims a voucher twice by impatience.
 * `run` resolves to the action's value, or undefined when it failed or was already running.
 */
export function useSubmit() {
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // A ref, not the state: two presses in the same frame both see `busy` still false.
  const running = useRef(false);
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError('');
    try {
      return await action();
    } catch (failure) {
      setError(errorText(failure));
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }
  /** A failure found before sending anything (a box left unticked), said the same way. */
  const fail = (message: string) => setError(message);
  return { busy, error, run, fail };
}
