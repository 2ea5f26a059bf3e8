import type { Language } from './account.entity';
import type { MailMessage } from './mailer';

const RESET: Record<Language, { subject: string; body: (link: string, minutes: number) => string }> = {
  en: {
    subject: 'Choose a new muvo password',
    body: (link, minutes) =>
      `Someone (we hope you) asked to choose a new password for your muvo account.\n\n` +
      `Open this link within ${minutes} minutes to choose it (it works once):\n${link}\n\n` +
      `If you did not ask, ignore this e-mail: your password stays as it is.`,
  },
  fr: {
    subject: 'Choisissez un nouveau mot de passe muvo',
    body: (link, minutes) =>
      `Quelqu’un (vous, nous l’espérons) a demandé à choisir un nouveau mot de passe pour votre compte muvo.\n\n` +
      `Ouvrez ce lien dans les ${minutes} minutes pour le choisir (il ne sert qu’une fois) :\n${link}\n\n` +
      `Si vous n’avez rien demandé, ignorez cet e-mail : votre mot de passe ne change pas.`,
  },
  it: {
    subject: 'Scegli una nuova password per muvo',
    body: (link, minutes) =>
      `Qualcuno (speriamo tu) ha chiesto di scegliere una nuova password per il tuo account muvo.\n\n` +
      `Apri questo link entro ${minutes} minuti per sceglierla (funziona una sola volta):\n${link}\n\n` +
      `Se non l’hai chiesto tu, ignora questa e-mail: la tua password resta la stessa.`,
  },
  es: {
    subject: 'Elige una nueva contraseña de muvo',
    body: (link, minutes) =>
      `Alguien (esperamos que tú) ha pedido elegir una nueva contraseña para tu cuenta de muvo.\n\n` +
      `Abre este enlace en los próximos ${minutes} minutos para elegirla (solo funciona una vez):\n${link}\n\n` +
      `Si no lo has pedido, ignora este correo: tu contraseña no cambia.`,
  },
  nl: {
    subject: 'Kies een nieuw muvo-wachtwoord',
    body: (link, minutes) =>
      `Iemand (hopelijk jij) heeft gevraagd een nieuw wachtwoord te kiezen voor je muvo-account.\n\n` +
      `Open deze link binnen ${minutes} minuten om het te kiezen (hij werkt één keer):\n${link}\n\n` +
      `Heb je dit niet gevraagd? Negeer dan deze e-mail: je wachtwoord blijft hetzelfde.`,
  },
};

/** The password-reset e-mail in the account's language (English when it chose none). */
export function passwordResetMail(input: {
  to: string;
  language: Language | null;
  link: string;
  ttlS: number;
}): MailMessage {
  const words = RESET[input.language ?? 'en'];
  return { to: input.to, subject: words.subject, text: words.body(input.link, Math.round(input.ttlS / 60)) };
}
