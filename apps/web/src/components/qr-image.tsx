import { create } from 'qrcode';
import { useMemo } from 'react';

/**
 * A QR code drawn as SVG from the text (a voucher's signed payload, an app's login link): sharp at
 * any size and on paper, and no inline image the page's security policy would have to allow.
 */
export function QrImage({ text, label, id }: { text: string; label: string; id?: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let y = 0; y < modules.size; y++)
      for (let x = 0; x < modules.size; x++) if (modules.get(x, y)) d += `M${x + 4} ${y + 4}h1v1h-1z`;
    return { size: modules.size + 8, path: d };
  }, [text]);
  return (
    <svg
      id={id}
      className="qr"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
