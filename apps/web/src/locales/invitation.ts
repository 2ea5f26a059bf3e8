/**
 * The page where a shop assistant accepts an invitation (the link or QR code the console makes),
 * in the five languages. English is the reference; `InvitationMessages` makes a missing key an error.
 */
const en = {
  inv_title: 'Join the shop’s team',
  inv_intro: 'You were invited to use the muvo counter of a shop. Choose a password to accept.',
  inv_email: 'Your e-mail address is the one the invitation was sent for.',
  inv_name: 'Your name (optional)',
  inv_submit: 'Accept the invitation',
  inv_done: 'Welcome to the team, {{email}}. Log in at the shop’s counter page with this e-mail and your password.',
  error_INVITATION_INVALID: 'This invitation was already used or has expired. Ask the shop or the city for a new one.',
};

export type InvitationMessages = Record<keyof typeof en, string>;

const fr: InvitationMessages = {
  inv_title: 'Rejoindre l’équipe du commerce',
  inv_intro: 'Vous êtes invité à utiliser la caisse muvo d’un commerce. Choisissez un mot de passe pour accepter.',
  inv_email: 'Votre adresse e-mail est celle pour laquelle l’invitation a été envoyée.',
  inv_name: 'Votre nom (facultatif)',
  inv_submit: 'Accepter l’invitation',
  inv_done:
    'Bienvenue dans l’équipe, {{email}}. Connectez-vous sur la page de caisse du commerce avec cet e-mail et votre mot de passe.',
  error_INVITATION_INVALID:
    'Cette invitation a déjà servi ou a expiré. Demandez-en une nouvelle au commerce ou à la ville.',
};

const it: InvitationMessages = {
  inv_title: 'Entra nella squadra del negozio',
  inv_intro: 'Sei stato invitato a usare la cassa muvo di un negozio. Scegli una password per accettare.',
  inv_email: 'Il tuo indirizzo e-mail è quello a cui è stato mandato l’invito.',
  inv_name: 'Il tuo nome (facoltativo)',
  inv_submit: 'Accetta l’invito',
  inv_done:
    'Benvenuto nella squadra, {{email}}. Accedi alla pagina della cassa del negozio con questa e-mail e la tua password.',
  error_INVITATION_INVALID: 'Questo invito è già stato usato o è scaduto. Chiedine uno nuovo al negozio o al comune.',
};

const es: InvitationMessages = {
  inv_title: 'Únete al equipo del comercio',
  inv_intro: 'Te han invitado a usar la caja muvo de un comercio. Elige una contraseña para aceptar.',
  inv_email: 'Tu correo es aquel para el que se envió la invitación.',
  inv_name: 'Tu nombre (opcional)',
  inv_submit: 'Aceptar la invitación',
  inv_done:
    'Bienvenido al equipo, {{email}}. Inicia sesión en la página de caja del comercio con este correo y tu contraseña.',
  error_INVITATION_INVALID: 'Esta invitación ya se usó o ha caducado. Pide una nueva al comercio o a la ciudad.',
};

const nl: InvitationMessages = {
  inv_title: 'Word lid van het winkelteam',
  inv_intro: 'U bent uitgenodigd om de muvo-kassa van een winkel te gebruiken. Kies een wachtwoord om te aanvaarden.',
  inv_email: 'Uw e-mailadres is het adres waarvoor de uitnodiging verstuurd is.',
  inv_name: 'Uw naam (niet verplicht)',
  inv_submit: 'De uitnodiging aanvaarden',
  inv_done:
    'Welkom in het team, {{email}}. Log in op de kassapagina van de winkel met dit e-mailadres en uw wachtwoord.',
  error_INVITATION_INVALID: 'Deze uitnodiging is al gebruikt of verlopen. Vraag de winkel of de stad om een nieuwe.',
};

export const invitationMessages = { en, fr, it, es, nl };
