import { pageLanguage, pageWithLanguage } from './web-app-files';

const LANGUAGES = ['en', 'es', 'fr', 'it', 'nl'];

describe('the language index.html preloads', () => {
  it('is the chosen one, else the browser’s first that the app speaks, else English', () => {
    expect(pageLanguage('a=1; muvo.language=it; b=2', 'fr-FR,fr;q=0.9', LANGUAGES)).toBe('it');
    expect(pageLanguage(undefined, 'de-CH, de;q=0.9, nl-BE;q=0.8, fr;q=0.7', LANGUAGES)).toBe('nl');
    expect(pageLanguage('muvo.language=xx', 'FR', LANGUAGES)).toBe('fr');
    expect(pageLanguage(undefined, '*', LANGUAGES)).toBe('en');
    expect(pageLanguage(undefined, undefined, LANGUAGES)).toBe('en');
  });

  it('is named in the page’s head, or the page is left as built', () => {
    const html = '<html><head><title>muvo</title></head><body></body></html>';
    const chunks = { fr: 'assets/fr-1a2b.js' };
    expect(pageWithLanguage(html, chunks, 'fr', '/app/')).toContain(
      '<link rel="modulepreload" crossorigin href="/app/assets/fr-1a2b.js">\n  </head>',
    );
    expect(pageWithLanguage(html, chunks, 'it', '/app/')).toBe(html);
  });
});
