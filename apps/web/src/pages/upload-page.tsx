import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { TraceDrop } from '../components/trace-drop';
import { href } from '../routing';

/** Adds a trip from a file (GPX from a watch or logger; KML, GeoJSON and TCX work too): picker or drag and drop. */
export function UploadPage() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="upload-title" className="card">
      <h1 id="upload-title">{t('uploadTitle')}</h1>
      <p>{t('uploadHelp')}</p>
      <TraceDrop upload={(file) => api.uploadTrip(file)} tripLink={href.trip} />
    </section>
  );
}
