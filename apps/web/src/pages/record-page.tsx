import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { href } from '../routing';
import { useErrorText } from '../use-error-text';

type RecordState =
  'idle' | 'waiting' | 'recording' | 'paused' | 'sending' | 'sent' | 'denied' | 'unavailable' | 'failed';

interface Fix {
  lat: number;
  lon: number;
  ts: number;
  accuracy?: number;
}

/** Fixes are sent in a chunk every this often, so little is lost if the phone dies on the way. */
const CHUNK_EVERY_MS = 10_000;
/** No fix for this long: the signal is gone (a tunnel, indoors); recording resumes when it is back. */
const NO_SIGNAL_AFTER_MS = 20_000;

interface WakeLockSentinelLike {
  release(): Promise<void>;
}
type WakeLockNavigator = Navigator & {
  wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinelLike> };
};

/**
 * Records a trip with the phone's location while the page is open (foreground), sent as numbered
 * chunks of a live trip (a chunk resent after a network failure is harmless), finished on Stop.
 * The screen is kept on where the browser can, since a sleeping phone stops the page.
 */
export function RecordPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [state, setState] = useState<RecordState>('idle');
  const [fixes, setFixes] = useState(0);
  const [failure, setFailure] = useState('');
  const [tripId, setTripId] = useState<string | null>(null);
  const [screenOn, setScreenOn] = useState(false);
  const trip = useRef<{
    id: string;
    seq: number;
    buffer: Fix[];
    /** The chunk being sent (resent under the same number until accepted). */
    inFlight: { seq: number; points: Fix[] } | null;
    watch: number | null;
    lastFixAt: number;
    timer: ReturnType<typeof setInterval> | null;
    wakeLock: WakeLockSentinelLike | null;
  } | null>(null);

  async function flush(): Promise<void> {
    const current = trip.current;
    if (!current) return;
    if (!current.inFlight && current.buffer.length > 0) {
      current.inFlight = { seq: current.seq++, points: current.buffer };
      current.buffer = [];
    }
    if (!current.inFlight) return;
    await api.sendChunk(current.id, current.inFlight.seq, current.inFlight.points);
    current.inFlight = null;
    if (current.buffer.length > 0) await flush();
  }

  async function keepScreenOn() {
    const wakeLock = (navigator as WakeLockNavigator).wakeLock;
    if (!wakeLock || !trip.current) return;
    try {
      trip.current.wakeLock = await wakeLock.request('screen');
      setScreenOn(true);
    } catch {
      setScreenOn(false); // refused (battery saver, hidden page): recording goes on regardless
    }
  }

  function stopWatching() {
    const current = trip.current;
    if (!current) return;
    if (current.watch !== null) navigator.geolocation.clearWatch(current.watch);
    if (current.timer) clearInterval(current.timer);
    void current.wakeLock?.release().catch(() => undefined);
    current.watch = null;
    current.timer = null;
    current.wakeLock = null;
    setScreenOn(false);
  }

  async function start() {
    if (!('geolocation' in navigator)) {
      setState('unavailable');
      return;
    }
    setState('waiting');
    setFixes(0);
    setFailure('');
    setTripId(null);
    try {
      const started = await api.post('/v1/trips/live', {});
      trip.current = {
        id: started.tripId,
        seq: 0,
        buffer: [],
        inFlight: null,
        watch: null,
        lastFixAt: Date.now(),
        timer: null,
        wakeLock: null,
      };
    } catch (error) {
      setFailure(errorText(error));
      setState('failed');
      return;
    }
    const current = trip.current;
    current.watch = navigator.geolocation.watchPosition(
      (position) => {
        current.buffer.push({
          lat: position.coords.latitude,
          lon: position.coords.longitude,
          ts: position.timestamp,
          ...(Number.isFinite(position.coords.accuracy) ? { accuracy: position.coords.accuracy } : {}),
        });
        current.lastFixAt = Date.now();
        setFixes((n) => n + 1);
        setState((s) => (s === 'waiting' || s === 'paused' ? 'recording' : s));
      },
      (error) => {
        if (error.code === error.PERMISSION_DENIED) {
          stopWatching();
          setState('denied');
        } else setState((s) => (s === 'recording' ? 'paused' : s));
      },
      { enableHighAccuracy: true, maximumAge: 0, timeout: NO_SIGNAL_AFTER_MS },
    );
    current.timer = setInterval(() => {
      if (Date.now() - current.lastFixAt > NO_SIGNAL_AFTER_MS) setState((s) => (s === 'recording' ? 'paused' : s));
      // A chunk that failed (no network) stays in flight and is resent at the next tick.
      flush().catch(() => undefined);
    }, CHUNK_EVERY_MS);
    void keepScreenOn();
  }

  async function stop() {
    const current = trip.current;
    if (!current) return;
    stopWatching();
    setState('sending');
    try {
      await flush();
      await api.postAt('/v1/trips/{id}/finish', { id: current.id });
      setTripId(current.id);
      setState('sent');
      trip.current = null;
    } catch (error) {
      setFailure(errorText(error));
      setState('failed');
    }
  }

  useEffect(() => {
    // The wake lock is dropped whenever the page is hidden; take it again when it comes back.
    const again = () => {
      if (document.visibilityState === 'visible' && trip.current?.watch != null) void keepScreenOn();
    };
    document.addEventListener('visibilitychange', again);
    return () => {
      document.removeEventListener('visibilitychange', again);
      // Leaving the page: send what was recorded; the server finishes a trip left silent.
      stopWatching();
      void flush().catch(() => undefined);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const recording = state === 'waiting' || state === 'recording' || state === 'paused';
  return (
    <section className="card" aria-labelledby="record-title">
      <h1 id="record-title">{t('recordTitle')}</h1>
      <p>{t('recordHelp')}</p>
      <div id="record-state" className={`record-state ${state}`} role="status" aria-live="polite">
        <p>{state === 'failed' ? t('recordState_failed', { reason: failure }) : t(`recordState_${state}`)}</p>
        {recording && <p>{t('recordFixes', { count: fixes })}</p>}
        {recording && screenOn && <p>{t('recordScreenOn')}</p>}
        {state === 'sent' && tripId && (
          <p>
            <a id="see-trip" href={href.trip(tripId)}>
              {t('seeTrip')}
            </a>
          </p>
        )}
      </div>
      {recording ? (
        <button type="button" id="record-stop" className="primary big" onClick={stop}>
          {t('recordStop')}
        </button>
      ) : (
        <button type="button" id="record-start" className="primary big" onClick={start} disabled={state === 'sending'}>
          {t('recordStart')}
        </button>
      )}
      <p className="switch">
        {t('recordFile')} <a href={href.upload}>{t('navUpload')}</a>
      </p>
    </section>
  );
}
