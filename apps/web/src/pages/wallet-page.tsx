import QRCode from 'qrcode';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { type OwnVoucher, voucher } from '../api/client';
import { formatDay, formatTime } from '../format';
import { href } from '../routing';
import { LoadError } from '../components/load-error';
import { usePolled } from '../use-poll';

const onlineNow = () => navigator.onLine;
function onOnlineChange(listener: () => void) {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** The voucher's signed payload as a QR code image (drawn here, from the payload the service signed). */
function QrCode({ payload, label }: { payload: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    QRCode.toDataURL(payload, {
      errorCorrectionLevel: 'M',
      margin: 2,
      width: 288,
      color: { dark: '#000000', light: '#ffffff' },
    })
      .then((url) => !cancelled && setSrc(url))
      .catch(() => !cancelled && setSrc(null));
    return () => {
      cancelled = true;
    };
  }, [payload]);
  return src ? <img className="qr" src={src} alt={label} width={288} height={288} /> : <div className="qr" />;
}

function VoucherCard({ v, headingLevel }: { v: OwnVoucher; headingLevel: 1 | 2 }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const titleId = `voucher-${v.voucherId}`;
  const active = v.status === 'active';
  return (
    <article className="card voucher-card" aria-labelledby={titleId} data-status={v.status}>
      <Heading id={titleId} tabIndex={-1}>
        {v.offerTitle}
      </Heading>
      <p className="voucher-shop">
        <strong>{v.merchantName}</strong>
        {v.merchantAddress && (
          <>
            <br />
            {v.merchantAddress}
          </>
        )}
      </p>
      {active ? (
        <>
          <QrCode payload={v.qr} label={t('voucherQrLabel', { code: v.code })} />
          <p className="voucher-code-label">{t('voucherCodeLabel')}</p>
          <p className="voucher-code" lang="en" aria-label={v.code.split('').join(' ')}>
            {v.code}
          </p>
          <p>
            {t('voucherValidUntil', {
              date: formatDay(language, v.expiresAt),
              time: formatTime(language, v.expiresAt),
            })}
          </p>
          <p className="hint no-print">{t('voucherShowAtCounter')}</p>
        </>
      ) : (
        <p className="voucher-status">
          {v.status === 'redeemed' && v.redeemedAt
            ? t('voucherRedeemedOn', { date: formatDay(language, v.redeemedAt) })
            : t(`voucherStatus_${v.status}`)}
        </p>
      )}
    </article>
  );
}

/**
 * The voucher wallet: each voucher's QR code and short code in large type, the shop and its
 * address, the expiry. Works offline once opened (the service worker keeps the list) and prints
 * (the print stylesheet keeps only the vouchers).
 */
export function WalletPage({ id }: { id?: string }) {
  const { t } = useTranslation();
  const online = useSyncExternalStore(onOnlineChange, onlineNow);
  // Fetched again when moving between the list and one voucher: it may have been used meanwhile.
  const vouchers = usePolled(
    () => voucher.get('/v1/vouchers'),
    () => false,
    2000,
    [id],
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = vouchers.value !== undefined;
  useEffect(() => {
    if (loaded) (heading.current ?? document.querySelector<HTMLElement>('.voucher-card h1'))?.focus();
  }, [loaded, id]);

  const all = vouchers.value ?? [];
  const one = id ? all.find((v) => v.voucherId === id) : undefined;
  const active = all.filter((v) => v.status === 'active');
  const past = all.filter((v) => v.status !== 'active');

  const offline = !online && <p className="notice no-print">{t('walletOffline')}</p>;
  const print = (
    <button type="button" className="no-print" onClick={() => window.print()}>
      {t(id ? 'walletPrintOne' : 'walletPrint')}
    </button>
  );
  const failure = vouchers.error !== undefined && !vouchers.value && (
    <LoadError error={vouchers.error} retry={vouchers.reload} />
  );

  if (id) {
    return (
      <div className="wallet">
        <p className="no-print">
          <a href={href.vouchers}>← {t('walletBack')}</a>
        </p>
        {offline}
        {failure}
        {!loaded && !failure && <p>{t('loading')}</p>}
        {loaded && !one && <p>{t('walletNotFound')}</p>}
        {one && <VoucherCard v={one} headingLevel={1} />}
        {one && print}
      </div>
    );
  }
  return (
    <section className="wallet" aria-labelledby="wallet-title">
      <h1 id="wallet-title" tabIndex={-1} ref={heading}>
        {t('walletTitle')}
      </h1>
      {offline}
      {failure}
      {!loaded && !failure && <p>{t('loading')}</p>}
      {loaded && active.length === 0 && (
        <p>
          {t('walletEmpty')} <a href={href.offers}>{t('walletSeeOffers')}</a>
        </p>
      )}
      {active.length > 0 && print}
      <ul className="voucher-list">
        {active.map((v) => (
          <li key={v.voucherId}>
            <VoucherCard v={v} headingLevel={2} />
            <p className="no-print">
              <a className="button-link" href={href.voucher(v.voucherId)}>
                {t('walletOpen', { title: v.offerTitle })}
              </a>
            </p>
          </li>
        ))}
      </ul>
      {past.length > 0 && (
        <details className="no-print past-vouchers">
          <summary>{t('walletPast', { count: past.length })}</summary>
          <ul className="voucher-list">
            {past.map((v) => (
              <li key={v.voucherId}>
                <VoucherCard v={v} headingLevel={2} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
