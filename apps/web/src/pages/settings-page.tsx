import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, setSession } from '../api/client';
import { FormEnd } from '../components/form-end';
import { type Language, LANGUAGES } from '../i18n';
import { chooseAndStoreLanguage } from '../language-choice';
import { useSubmit } from '../use-submit';
import { usePolled } from '../use-poll';

/** Language, team or neighbourhood, logging in without the card, and the person's data. */
export function SettingsPage() {
  const { t } = useTranslation();
  const profile = usePolled(
    () => api.get('/v1/me'),
    () => false,
  );
  const participant = profile.value?.role === 'participant';
  return (
    <>
      <h1 id="settings-title">{t('settingsTitle')}</h1>
      <LanguageSettings />
      {participant && <TeamSettings />}
      {participant && profile.value?.email === null && <TakeOver onDone={profile.reload} />}
      {profile.value && <PrivacySettings hasPassword={profile.value.email !== null} />}
    </>
  );
}

function LanguageSettings() {
  const { t, i18n } = useTranslation();
  const action = useSubmit();
  const [saved, setSaved] = useState(false);
  return (
    <section className="card" aria-labelledby="language-title">
      <h2 id="language-title">{t('languageTitle')}</h2>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const chosen = new FormData(event.currentTarget).get('language') as Language;
          setSaved((await action.run(() => chooseAndStoreLanguage(chosen).then(() => true))) === true);
        }}
      >
        <div className="field">
          <label htmlFor="settings-language">{t('languageChoose')}</label>
          <select id="settings-language" name="language" defaultValue={i18n.language} key={i18n.language}>
            {Object.entries(LANGUAGES).map(([code, name]) => (
              <option key={code} value={code} lang={code}>
                {name}
              </option>
            ))}
          </select>
          <p className="hint">{t('languageHelp')}</p>
        </div>
        <p className="error" role="alert">
          {action.error}
        </p>
        <button type="submit" id="save-language" disabled={action.busy}>
          {t('languageSave')}
        </button>
        <p role="status" id="language-saved">
          {saved ? t('saved') : ''}
        </p>
      </form>
    </section>
  );
}

function TeamSettings() {
  const { t } = useTranslation();
  const teams = usePolled(
    () => api.get('/v1/me/team'),
    () => false,
  );
  const action = useSubmit();
  const current = teams.value?.team ?? null;
  const available = teams.value?.available ?? [];
  const label = (team: { name: string; kind: string }) =>
    t('teamOption', { name: team.name, kind: t(`teamKind_${team.kind}`) });

  async function join(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const teamId = String(new FormData(event.currentTarget).get('teamId') ?? '');
    if (teamId && (await action.run(() => api.put('/v1/me/team', { teamId }))) !== undefined) teams.reload();
  }

  return (
    <section className="card" aria-labelledby="team-title">
      <h2 id="team-title">{t('teamTitle')}</h2>
      {!teams.value ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <p id="team-current">{current ? t('teamCurrent', { name: label(current) }) : t('teamNone')}</p>
          {current && (
            <button
              type="button"
              id="leave-team"
              disabled={action.busy}
              onClick={async () => {
                await action.run(() => api.delete('/v1/me/team'));
                teams.reload();
              }}
            >
              {t('teamLeave', { name: current.name })}
            </button>
          )}
          {available.length === 0 ? (
            !current && <p>{t('teamNoCity')}</p>
          ) : (
            <form onSubmit={join}>
              <div className="field">
                <label htmlFor="team">{t('teamChoose')}</label>
                <select id="team" name="teamId" defaultValue={current?.id ?? available[0].id}>
                  {available.map((team) => (
                    <option key={team.id} value={team.id}>
                      {label(team)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" id="join-team" disabled={action.busy}>
                {t('teamJoin')}
              </button>
            </form>
          )}
          <p className="error" role="alert">
            {action.error}
          </p>
        </>
      )}
    </section>
  );
}

/** A resident registered by a mediator chooses an e-mail and password, and stops needing the card. */
function TakeOver({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const action = useSubmit();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { email: String(form.get('email') ?? '').trim(), password: String(form.get('password') ?? '') };
    if ((await action.run(() => api.put('/v1/me/login', body).then(() => true))) === true) onDone();
  }
  return (
    <section className="card" aria-labelledby="takeover-title">
      <h2 id="takeover-title">{t('takeOverTitle')}</h2>
      <p>{t('takeOverHelp')}</p>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="takeover-email">{t('email')}</label>
          <input id="takeover-email" name="email" type="email" autoComplete="email" required />
        </div>
        <div className="field">
          <label htmlFor="takeover-password">{t('password')}</label>
          <input
            id="takeover-password"
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={8}
            required
            aria-describedby="takeover-hint"
          />
          <p id="takeover-hint" className="hint">
            {t('passwordHint')}
          </p>
        </div>
        <FormEnd action={action} label={t('takeOverSubmit')} />
      </form>
    </section>
  );
}

/**
 * Download and delete, through `GET /v1/me/export` and `DELETE /v1/me` (the privacy work). Shown
 * only when the API serves them: a 404 to the probe hides the section.
 */
function PrivacySettings({ hasPassword }: { hasPassword: boolean }) {
  const { t } = useTranslation();
  const [served, setServed] = useState(false);
  const download = useSubmit();
  const removal = useSubmit();
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    let live = true;
    void api
      .raw('HEAD', '/v1/me/export')
      .then((r) => live && setServed(r.status !== 404))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!served) return null;

  async function save() {
    await download.run(async () => {
      const response = await api.raw('GET', '/v1/me/export');
      if (!response.ok) throw new ApiError(response.status, `HTTP_${response.status}`, '');
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement('a'), { href: url, download: 'muvo-my-data.zip' });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  }

  async function remove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password') ?? '');
    const done = await removal.run(async () => {
      const response = await api.raw('DELETE', '/v1/me', { password });
      if (response.status !== 202) {
        const problem = (await response.json().catch(() => ({}))) as { code?: string };
        throw new ApiError(response.status, problem.code ?? `HTTP_${response.status}`, '');
      }
      return true;
    });
    if (done) setSession(null);
  }

  return (
    <section className="card" aria-labelledby="data-title">
      <h2 id="data-title">{t('dataTitle')}</h2>
      <button type="button" id="download-data" onClick={save} disabled={download.busy}>
        {download.busy ? t('downloading') : t('downloadData')}
      </button>
      <p className="error" role="alert">
        {download.error}
      </p>
      {hasPassword && (
        <>
          <h3 id="delete-title">{t('deleteTitle')}</h3>
          <p>{t('deleteHelp')}</p>
          {!confirming ? (
            <button type="button" id="delete-account" className="danger" onClick={() => setConfirming(true)}>
              {t('deleteTitle')}
            </button>
          ) : (
            <form onSubmit={remove}>
              <div className="field">
                <label htmlFor="delete-password">{t('deleteConfirmPassword')}</label>
                <input id="delete-password" name="password" type="password" autoComplete="current-password" required />
              </div>
              <p className="error" role="alert">
                {removal.error}
              </p>
              <button type="submit" className="danger" disabled={removal.busy}>
                {t('deleteSubmit')}
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)}>
                {t('cancel')}
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
