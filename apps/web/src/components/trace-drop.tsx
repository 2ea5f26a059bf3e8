import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useErrorText } from '../use-error-text';

/**
 * A trace file (GPX from a watch or logger; KML, GeoJSON and TCX work too) by drag and drop or the
 * file picker, sent with `upload`, and what became of it in plain words.
 */
export function TraceDrop({
  upload,
  tripLink,
}: {
  upload: (file: File) => Promise<{ tripId: string }>;
  /** Where the accepted trip can be seen, or null to only say it was received. */
  tripLink: ((tripId: string) => string) | null;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [status, setStatus] = useState<
    | { kind: 'idle' }
    | { kind: 'sending'; name: string }
    | { kind: 'done'; tripId: string }
    | { kind: 'failed'; text: string }
  >({ kind: 'idle' });
  const [over, setOver] = useState(false);

  async function send(file: File | undefined) {
    if (!file) return;
    setStatus({ kind: 'sending', name: file.name });
    try {
      const accepted = await upload(file);
      setStatus({ kind: 'done', tripId: accepted.tripId });
    } catch (error) {
      const reason =
        error instanceof ApiError && error.status === 413
          ? t('uploadTooLarge')
          : error instanceof ApiError && error.status === 400
            ? t('uploadNotTrace')
            : errorText(error);
      setStatus({ kind: 'failed', text: t('uploadFailed', { reason }) });
    }
  }

  function drop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    setOver(false);
    void send(event.dataTransfer.files[0]);
  }

  return (
    <>
      <div
        className={over ? 'drop-zone over' : 'drop-zone'}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <p>{t('dropZone')}</p>
        <p>{t('or')}</p>
        <label className="file-button">
          <input
            id="trip-file"
            type="file"
            accept=".gpx,.kml,.tcx,.geojson,.json,application/gpx+xml,application/vnd.google-earth.kml+xml,application/geo+json"
            onChange={(event) => {
              void send(event.currentTarget.files?.[0]);
              event.currentTarget.value = '';
            }}
          />
          <span>{t('chooseFile')}</span>
        </label>
      </div>
      <div id="upload-status" role="status" aria-live="polite">
        {status.kind === 'sending' && <p>{t('uploading', { name: status.name })}</p>}
        {status.kind === 'done' && (
          <p>
            {t('uploaded')}{' '}
            {tripLink && (
              <a id="see-trip" href={tripLink(status.tripId)}>
                {t('seeTrip')}
              </a>
            )}
          </p>
        )}
        {status.kind === 'failed' && <p className="error">{status.text}</p>}
      </div>
    </>
  );
}
