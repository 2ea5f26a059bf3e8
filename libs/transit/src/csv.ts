/** Splits one CSV record (RFC 4180 quoting, no embedded line breaks: GTFS files do not use them). */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/**
 * Rows of a CSV file given as bytes, as objects keyed by the header, decoded a megabyte at a time
 * so a GTFS `stop_times.txt` of hundreds of megabytes never becomes one string.
 */
export function* csvRows(bytes: Uint8Array): Generator<Record<string, string>> {
  const decoder = new TextDecoder('utf-8');
  let header: string[] | null = null;
  let rest = '';
  const CHUNK = 1 << 20;
  for (let offset = 0; offset < bytes.length || rest; offset += CHUNK) {
    const end = offset + CHUNK >= bytes.length;
    const text = rest + (offset < bytes.length ? decoder.decode(bytes.subarray(offset, offset + CHUNK), { stream: !end }) : '');
    const lines = text.split(/\r?\n/);
    rest = end ? '' : lines.pop()!;
    for (const raw of lines) {
      const line = header === null ? raw.replace(/^\uFEFF/, '') : raw;
      if (!line.trim()) continue;
      const fields = splitCsvLine(line);
      if (header === null) {
        header = fields.map((f) => f.trim());
        continue;
      }
      const row: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) row[header[i]] = (fields[i] ?? '').trim();
      yield row;
    }
    if (end) break;
  }
}
