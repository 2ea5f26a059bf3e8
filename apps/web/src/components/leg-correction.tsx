import { type FormEvent, type Ref, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Dispute, type TravelMode } from '../api/client';
import { useSubmit } from '../use-submit';
import { ModeIcon } from './mode-icon';
import './leg-correction.css';

type DisputeMode = Exclude<TravelMode, 'unknown'>;
const MODES: DisputeMode[] = ['walk', 'bike', 'bus', 'train', 'car'];

/**
 * Under one leg of a scored trip: "Wrong mode? Tell us", which opens the choice of the real mode
 * (words and drawings) and an optional note, and sends the dispute the API has; once sent, what
 * became of it, in plain words. `change` is what the approval moved on the points (see
 * `useCorrectionPoints`), undefined while it is
 * being read (or when the history could not be read).
 */
export function LegCorrection({
  tripId,
  legIndex,
  mode,
  describedBy,
  dispute,
  change,
  disputable,
  onSent,
}: {
  tripId: string;
  legIndex: number;
  mode: TravelMode | undefined;
  /** The id of the leg's sentence, so the button says which leg it is about. */
  describedBy: string;
  dispute: Dispute | undefined;
  change: number | undefined;
  disputable: boolean;
  onSent: (dispute: Dispute) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // The dispute as the API answered it, shown at once (the trip's list is read again behind it).
  const [sent, setSent] = useState<Dispute>();
  const { busy, error, run } = useSubmit();
  const form = useRef<HTMLFormElement>(null);
  const outcome = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const formId = `correct-leg-${legIndex}`;

  useEffect(() => {
    if (open) form.current?.querySelector<HTMLInputElement>('input[type=radio]')?.focus();
  }, [open]);
  // The form is gone once sent: the focus goes to what the page now says about the leg.
  useEffect(() => {
    if (sent) outcome.current?.focus();
  }, [sent]);

  const shown = dispute ?? sent;
  if (shown) return <DisputeOutcome dispute={shown} change={change} thanks={!!sent} ref={outcome} />;
  if (!disputable) return null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const chosen = String(data.get('mode') ?? '') as DisputeMode;
    const note = String(data.get('note') ?? '').trim();
    const opened = await run(() =>
      api.postAt('/v1/trips/{id}/disputes', { id: tripId }, { legIndex, mode: chosen, ...(note ? { note } : {}) }),
    );
    if (!opened) return;
    setOpen(false);
    setSent(opened);
    onSent(opened);
  }

  return (
    <div className="leg-correction">
      <button
        type="button"
        className="correct-leg"
        ref={opener}
        aria-expanded={open}
        aria-controls={formId}
        aria-describedby={describedBy}
        onClick={() => setOpen(!open)}
      >
        {t('disputeOpen')}
      </button>
      {open && (
        <form id={formId} ref={form} onSubmit={submit} className="correction-form">
          <fieldset className="mode-choices">
            <legend>{t('disputeLegend')}</legend>
            {MODES.filter((m) => m !== mode).map((m) => (
              <label key={m} className="choice">
                <input type="radio" name="mode" value={m} required />
                <ModeIcon mode={m} />
                {t(`mode_${m}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${formId}-note`}>{t('disputeNote')}</label>
            <textarea id={`${formId}-note`} name="note" rows={3} maxLength={1000} aria-describedby={`${formId}-hint`} />
            <p id={`${formId}-hint`} className="hint">
              {t('disputeNoteHint')}
            </p>
          </div>
          <p className="error" role="alert">
            {error}
          </p>
          <div className="correction-actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('working') : t('disputeSend')}
            </button>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                opener.current?.focus();
              }}
            >
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** What became of a correction: being checked, accepted with what it moved, or not with the reason. */
function DisputeOutcome({
  dispute,
  change,
  thanks,
  ref,
}: {
  dispute: Dispute;
  change: number | undefined;
  thanks: boolean;
  ref: Ref<HTMLParagraphElement>;
}) {
  const { t } = useTranslation();
  const mode = t(`mode_${dispute.requestedMode ?? 'unknown'}`);
  const points = (n: number) => t('points', { count: n });
  let text: string;
  if (dispute.status === 'open') text = `${thanks ? `${t('disputeSent')} ` : ''}${t('disputeChecking', { mode })}`;
  else if (dispute.status === 'rejected')
    text = dispute.decisionNote ? t('disputeRejected', { reason: dispute.decisionNote }) : t('disputeRejectedNoReason');
  else if (change === undefined) text = t('disputeAccepted', { mode });
  else if (change > 0) text = t('disputeAcceptedMore', { mode, points: points(change) });
  else if (change < 0) text = t('disputeAcceptedFewer', { mode, points: points(-change) });
  else text = t('disputeAcceptedSame', { mode });
  return (
    // Announced when it changes (an operator decided while the page was open).
    <p className="dispute-state" data-status={dispute.status} role="status" tabIndex={-1} ref={ref}>
      {text}
    </p>
  );
}

/**
 * How many points each approved correction of the trip moved: the new credit and the reversal of
 * the old one, from the points history (the entries of one approval share its instant). Points
 * written off (already spent) are not counted: the trip earns less all the same.
 */
export function useCorrectionPoints(tripId: string, disputes: Dispute[] | undefined): Map<string, number> | undefined {
  const approved = (disputes ?? []).filter((d) => d.status === 'approved');
  const key = approved.map((d) => `${d.id}@${d.decidedAt}`).join(',');
  const [changes, setChanges] = useState<Map<string, number>>();
  useEffect(() => {
    if (!approved.length) return;
    let live = true;
    api
      .get('/v1/me/ledger', '?limit=100')
      .then((page) => {
        const entries = page.items.filter(
          (e) => e.trip?.id === tripId && (e.reason === 'dispute' || e.reason === 'correction'),
        );
        const sum = (list: typeof entries) => list.reduce((total, e) => total + e.amount, 0);
        const next = new Map<string, number>();
        for (const d of approved) {
          const same = entries.filter((e) => e.at === d.decidedAt);
          // One approval and its instant not found (clocks apart): all of the trip's corrections are it.
          next.set(d.id, same.length || approved.length > 1 ? sum(same) : sum(entries));
        }
        if (live) setChanges(next);
      })
      .catch(() => live && setChanges(new Map()));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tripId, key]);
  return changes;
}
