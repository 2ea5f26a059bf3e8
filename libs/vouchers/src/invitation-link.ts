import { toString as qrToString } from 'qrcode';

/** Where a clerk opens an invitation: the web app's invitation page (`WEB_PUBLIC_URL`), which sets their password. */
export function invitationUrl(webAppOrigin: string, token: string): string {
  return `${webAppOrigin.replace(/\/+$/, '')}/app/#/invitation/${encodeURIComponent(token)}`;
}

/**
 * The invitation as a link and a QR code of it (SVG), so the owner or the console shows it on a
 * screen and the clerk scans it, rather than a token passed by hand. The token sits after `#`, so
 * it never reaches a server log or a Referer header.
 */
export async function invitationLink(webAppOrigin: string, token: string): Promise<{ url: string; qrSvg: string }> {
  const url = invitationUrl(webAppOrigin, token);
  return { url, qrSvg: await qrToString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
}
