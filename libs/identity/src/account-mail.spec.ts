import { LANGUAGES } from './account.entity';
import { passwordResetMail } from './account-mail';

describe(passwordResetMail.name, () => {
  const link = 'https://muvo.example.org/app/#/reset/abc';

  it('speaks each of the five languages, always with the link and how long it works', () => {
    const subjects = new Set<string>();
    for (const language of LANGUAGES) {
      const mail = passwordResetMail({ to: 'ada@example.org', language, link, ttlS: 1800 });
      expect(mail.to).toBe('ada@example.org');
      expect(mail.text).toContain(link);
      expect(mail.text).toContain('30');
      subjects.add(mail.subject);
    }
    expect(subjects.size).toBe(LANGUAGES.length);
  });

  it('writes English to an account that chose no language', () => {
    expect(passwordResetMail({ to: 'a@b.c', language: null, link, ttlS: 600 }).subject).toBe(
      'Choose a new muvo password',
    );
  });
});
