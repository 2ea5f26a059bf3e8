import { toCsv } from './csv';

describe('CSV export', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    const csv = toCsv(
      [
        { header: 'name', value: (r: { name: string; n: number }) => r.name },
        { header: 'n', value: (r) => r.n },
      ],
      [
        { name: 'Bar "Quattro", Canti', n: 3 },
        { name: '=HYPERLINK("http://evil")', n: -1 },
        { name: 'two\nlines', n: 0 },
      ],
    );
    expect(csv).toBe(
      'name,n\r\n"Bar ""Quattro"", Canti",3\r\n"\'=HYPERLINK(""http://evil"")",-1\r\n"two\nlines",0\r\n',
    );
  });
});
