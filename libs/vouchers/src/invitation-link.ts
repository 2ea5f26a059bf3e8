import { toString as qrToString } from 'qrcode';

/** Where a clerk opens an invitation: the counter page of the voucher app that issued it. */
export function invitationUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/counter/#invitation=${encodeURIComponent(token)}`;
}

/**
 * The invitation as a link and a QR code of it (SVG), so the owner or the console shows it on a
 * screen and the clerk scans it, rather than a token passed by hand. The token sits after `#`, so
 * it never reaches a server log or a Referer header.
 */
export async function invitationLink(origin: string, token: string): Promise<{ url: string; qrSvg: string }> {
  const url = invitationUrl(origin, token);
  return { url, qrSvg: await qrToString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
}
