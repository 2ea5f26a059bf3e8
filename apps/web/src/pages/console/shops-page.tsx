import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleApi, itemsOf, type Merchant } from '../../api/console-contract';
import { formatNumber } from '../../format';
import { href } from '../../routing';
import { DateField, dayOffset, PageTitle, Problem, Status, useBusy, useLoaded } from './console-kit';

/** The link a new clerk opens (typed, clicked or scanned) to set their password and join the shop. */
const invitationLink = (token: string) => `${window.location.origin}/app/${href.invitation(token)}`;

/** The city's shops: review them, edit them and their offers, invite staff, settle their periods. */
export function ShopsPage() {
  const { t } = useTranslation();
  const [generation, setGeneration] = useState(0);
  const shops = useLoaded(() => consoleApi.shops(), [generation]);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = shops.value ? itemsOf(shops.value) : [];
  const open = list.find((s) => s.id === openId) ?? null;

  return (
    <section aria-labelledby="shops-title" className="console-page">
      <PageTitle id="shops-title">{t('con_shopsTitle')}</PageTitle>
      <Problem error={shops.error} />
      <ul className="rows" id="shop-list">
        {list.map((shop) => (
          <li key={shop.id}>
            <span>
              {shop.name} · {t(`con_shop_${shop.status ?? 'approved'}`)}
            </span>
            <button
              type="button"
              className="secondary"
              aria-expanded={openId === shop.id}
              onClick={() => setOpenId(openId === shop.id ? null : shop.id)}
            >
              {t('con_manageNamed', { name: shop.name })}
            </button>
          </li>
        ))}
      </ul>
      {open && <Shop key={open.id} shop={open} onChange={() => setGeneration((g) => g + 1)} />}
    </section>
  );
}

function Shop({ shop, onChange }: { shop: Merchant; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [note, setNote] = useState('');
  const [name, setName] = useState(shop.name);
  const [address, setAddress] = useState(shop.address ?? '');
  const [problem, setProblem] = useState<unknown>();
  const [status, setStatus] = useState('');
  const [offersGeneration, setOffersGeneration] = useState(0);
  const offers = useLoaded(() => consoleApi.shopOffers(shop.id), [shop.id, offersGeneration]);
  const { busy, run } = useBusy();

  const act = async (work: () => Promise<unknown>, done: string) => {
    setProblem(undefined);
    try {
      await run(work);
      setStatus(done);
      onChange();
    } catch (error) {
      setProblem(error);
    }
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setProblem(t('con_fieldRequired'));
    await act(
      () => consoleApi.updateShop(shop.id, { name: name.trim(), address: address.trim() || null }),
      t('con_shopSaved', { name: name.trim() }),
    );
  }

  return (
    <article className="card" aria-labelledby="shop-title" id="shop-panel">
      <h2 id="shop-title">{shop.name}</h2>
      <Status text={status} />
      <Problem error={problem} />
      <section aria-labelledby="shop-review-title">
        <h3 id="shop-review-title">{t('con_shopReview', { status: t(`con_shop_${shop.status ?? 'approved'}`) })}</h3>
        <div className="field">
          <label htmlFor="shop-note">{t('con_note')}</label>
          <input id="shop-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
        </div>
        <div className="actions">
          {shop.status !== 'approved' && (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => act(() => consoleApi.reviewShop(shop.id, 'approve', note), t('con_shopApproved'))}
            >
              {t('con_approve')}
            </button>
          )}
          {shop.status === 'approved' && (
            <button
              type="button"
              className="secondary danger"
              disabled={busy}
              onClick={() => act(() => consoleApi.reviewShop(shop.id, 'suspend', note), t('con_shopSuspended'))}
            >
              {t('con_suspend')}
            </button>
          )}
          {shop.status === 'pending' && (
            <button
              type="button"
              className="secondary danger"
              disabled={busy}
              onClick={() => act(() => consoleApi.reviewShop(shop.id, 'reject', note), t('con_shopRejected'))}
            >
              {t('con_reject')}
            </button>
          )}
        </div>
      </section>
      <form onSubmit={save} aria-labelledby="shop-edit-title">
        <h3 id="shop-edit-title">{t('con_shopEdit')}</h3>
        <div className="field">
          <label htmlFor="shop-name">{t('con_shopName')}</label>
          <input id="shop-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
        </div>
        <div className="field">
          <label htmlFor="shop-address">{t('con_shopAddress')}</label>
          <input id="shop-address" value={address} onChange={(e) => setAddress(e.target.value)} maxLength={300} />
        </div>
        <button type="submit" className="secondary" disabled={busy}>
          {t('con_save')}
        </button>
      </form>
      <section aria-labelledby="offers-title">
        <h3 id="offers-title">{t('con_offersTitle')}</h3>
        <Problem error={offers.error} />
        <ul className="rows">
          {offers.value &&
            itemsOf(offers.value).map((offer) => (
              <li key={offer.id}>
                <span>
                  {t('con_offerLine', { title: offer.title, cost: formatNumber(language, offer.costPoints) })} ·{' '}
                  {t(`con_offer_${offer.status ?? 'approved'}`)}
                </span>
                {offer.status === 'pending' && (
                  <span className="actions">
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      onClick={() =>
                        act(async () => {
                          await consoleApi.reviewOffer(offer.id, 'approve');
                          setOffersGeneration((g) => g + 1);
                        }, t('con_offerApproved'))
                      }
                    >
                      {t('con_approveNamed', { name: offer.title })}
                    </button>
                    <button
                      type="button"
                      className="secondary danger"
                      disabled={busy}
                      onClick={() =>
                        act(async () => {
                          await consoleApi.reviewOffer(offer.id, 'reject');
                          setOffersGeneration((g) => g + 1);
                        }, t('con_offerRejected'))
                      }
                    >
                      {t('con_rejectNamed', { name: offer.title })}
                    </button>
                  </span>
                )}
              </li>
            ))}
        </ul>
      </section>
      <Invite shopId={shop.id} />
      <SettlementPanel shopId={shop.id} />
    </article>
  );
}

function Invite({ shopId }: { shopId: string }) {
  const { t, i18n } = useTranslation();
  const [email, setEmail] = useState('');
  const [link, setLink] = useState<{ url: string; svg: string; expiresAt: string } | null>(null);
  const [problem, setProblem] = useState<unknown>();
  const { busy, run } = useBusy();

  async function invite(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    try {
      const invitation = await run(() => consoleApi.inviteStaff(shopId, email.trim()));
      const url = invitationLink(invitation.token);
      // qrcode is only fetched when an invitation is made.
      const { toString } = await import('qrcode');
      const svg = await toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      setLink({ url, svg, expiresAt: invitation.expiresAt });
    } catch (error) {
      setProblem(error);
    }
  }

  return (
    <form onSubmit={invite} aria-labelledby="invite-title">
      <h3 id="invite-title">{t('con_inviteTitle')}</h3>
      <p className="hint">{t('con_inviteHelp')}</p>
      <div className="field">
        <label htmlFor="invite-email">{t('email')}</label>
        <input id="invite-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </div>
      <button type="submit" className="secondary" disabled={busy}>
        {t('con_invite')}
      </button>
      <Problem error={problem} />
      {link && (
        <figure className="invitation" id="invitation">
          <div
            className="qr"
            role="img"
            aria-label={t('con_inviteQr')}
            dangerouslySetInnerHTML={{ __html: link.svg }}
          />
          <figcaption>
            <a href={link.url}>{t('con_inviteLink')}</a>{' '}
            {t('con_inviteExpires', {
              date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(link.expiresAt)),
            })}
          </figcaption>
        </figure>
      )}
    </form>
  );
}

function SettlementPanel({ shopId }: { shopId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [from, setFrom] = useState(dayOffset(30));
  const [to, setTo] = useState(dayOffset(0));
  const [statement, setStatement] = useState<Awaited<ReturnType<typeof consoleApi.settlement>> | null>(null);
  const [problem, setProblem] = useState<unknown>();
  const { busy, run } = useBusy();

  useEffect(() => setStatement(null), [from, to]);

  async function show() {
    setProblem(undefined);
    try {
      setStatement(await run(() => consoleApi.settlement(shopId, from, to)));
    } catch (error) {
      setProblem(error);
    }
  }
  async function csv() {
    setProblem(undefined);
    try {
      await run(() => consoleApi.settlementCsv(shopId, from, to));
    } catch (error) {
      setProblem(error);
    }
  }

  const money = (cents: number, currency: string) =>
    new Intl.NumberFormat(language, { style: 'currency', currency }).format(cents / 100);

  return (
    <section aria-labelledby="settlement-title">
      <h3 id="settlement-title">{t('con_settlementTitle')}</h3>
      <div className="field-grid">
        <DateField id="settlement-from" label={t('con_from')} value={from} onChange={setFrom} />
        <DateField id="settlement-to" label={t('con_to')} value={to} onChange={setTo} />
      </div>
      <div className="actions">
        <button type="button" className="secondary" onClick={show} disabled={busy}>
          {t('con_show')}
        </button>
        <button type="button" className="secondary" id="settlement-csv" onClick={csv} disabled={busy}>
          {t('con_csv', { chart: t('con_settlementTitle') })}
        </button>
      </div>
      <Problem error={problem} />
      {statement && (
        <p id="settlement-summary">
          {t('con_settlementLine', {
            redemptions: formatNumber(language, statement.redemptions),
            amount: money(statement.amountCents, statement.currency),
            outstanding: money(statement.outstandingCents, statement.currency),
          })}
        </p>
      )}
    </section>
  );
}
