/**
 * Words of consent and of the participant's data rights (registration, a changed privacy notice),
 * in every language the app speaks; merged into each language's messages in `i18n.ts`. English is
 * the reference: the other languages must have exactly its keys.
 */
const en = {
  consentLegend: 'Your consent',
  consentAccept: 'I accept the terms of use and the privacy notice.',
  consentReadTerms: 'Read the terms of use',
  consentReadPrivacy: 'Read the privacy notice',
  consentOpensNewTab: '(opens in a new tab)',
  consentOptional: 'Optional. You can change your mind at any time.',
  consentOpenData: 'My trips may be used, without my name, in the city’s open data.',
  consentModelTraining: 'The modes I confirm may help muvo tell walking, cycling and buses apart better.',
  consentMissing: 'Please accept the terms of use and the privacy notice to create your account.',
  consentChangedTitle: 'Our terms have changed',
  consentChangedText:
    'Please read the new terms of use and privacy notice. You can still see your trips and points, but you need to accept them to record trips or get vouchers.',
  consentAcceptNew: 'I accept the new terms',
  error_CONSENT_VERSION_OUTDATED: 'The terms have just changed. Please reload the page and accept the new version.',
  error_CONSENT_REQUIRED:
    'Our terms or privacy notice have changed. Please accept the new version at the top of the page to continue.',
};

export type PrivacyMessages = typeof en;

const fr: PrivacyMessages = {
  consentLegend: 'Votre consentement',
  consentAccept: 'J’accepte les conditions d’utilisation et la politique de confidentialité.',
  consentReadTerms: 'Lire les conditions d’utilisation',
  consentReadPrivacy: 'Lire la politique de confidentialité',
  consentOpensNewTab: '(s’ouvre dans un nouvel onglet)',
  consentOptional: 'Facultatif. Vous pouvez changer d’avis à tout moment.',
  consentOpenData: 'Mes trajets peuvent servir, sans mon nom, aux données ouvertes de la ville.',
  consentModelTraining: 'Les modes que je confirme peuvent aider muvo à mieux distinguer la marche, le vélo et le bus.',
  consentMissing:
    'Veuillez accepter les conditions d’utilisation et la politique de confidentialité pour créer votre compte.',
  consentChangedTitle: 'Nos conditions ont changé',
  consentChangedText:
    'Veuillez lire les nouvelles conditions d’utilisation et la nouvelle politique de confidentialité. Vous voyez toujours vos trajets et vos points, mais vous devez les accepter pour enregistrer des trajets ou obtenir des bons.',
  consentAcceptNew: 'J’accepte les nouvelles conditions',
  error_CONSENT_VERSION_OUTDATED:
    'Les conditions viennent de changer. Rechargez la page et acceptez la nouvelle version, s’il vous plaît.',
  error_CONSENT_REQUIRED:
    'Nos conditions ou notre politique de confidentialité ont changé. Acceptez la nouvelle version en haut de la page pour continuer.',
};

const it: PrivacyMessages = {
  consentLegend: 'Il tuo consenso',
  consentAccept: 'Accetto le condizioni d’uso e l’informativa sulla privacy.',
  consentReadTerms: 'Leggi le condizioni d’uso',
  consentReadPrivacy: 'Leggi l’informativa sulla privacy',
  consentOpensNewTab: '(si apre in una nuova scheda)',
  consentOptional: 'Facoltativo. Puoi cambiare idea in qualsiasi momento.',
  consentOpenData: 'I miei spostamenti possono essere usati, senza il mio nome, negli open data della città.',
  consentModelTraining:
    'I mezzi che confermo possono aiutare muvo a distinguere meglio camminata, bicicletta e autobus.',
  consentMissing: 'Accetta le condizioni d’uso e l’informativa sulla privacy per creare il tuo account.',
  consentChangedTitle: 'Le nostre condizioni sono cambiate',
  consentChangedText:
    'Leggi le nuove condizioni d’uso e la nuova informativa sulla privacy. Puoi sempre vedere i tuoi spostamenti e i tuoi punti, ma devi accettarle per registrare spostamenti o ottenere buoni.',
  consentAcceptNew: 'Accetto le nuove condizioni',
  error_CONSENT_VERSION_OUTDATED: 'Le condizioni sono appena cambiate. Ricarica la pagina e accetta la nuova versione.',
  error_CONSENT_REQUIRED:
    'Le nostre condizioni o l’informativa sulla privacy sono cambiate. Accetta la nuova versione in cima alla pagina per continuare.',
};

const es: PrivacyMessages = {
  consentLegend: 'Tu consentimiento',
  consentAccept: 'Acepto las condiciones de uso y el aviso de privacidad.',
  consentReadTerms: 'Leer las condiciones de uso',
  consentReadPrivacy: 'Leer el aviso de privacidad',
  consentOpensNewTab: '(se abre en una pestaña nueva)',
  consentOptional: 'Opcional. Puedes cambiar de opinión en cualquier momento.',
  consentOpenData: 'Mis trayectos pueden usarse, sin mi nombre, en los datos abiertos de la ciudad.',
  consentModelTraining:
    'Los medios que confirmo pueden ayudar a muvo a distinguir mejor entre caminar, ir en bici y en autobús.',
  consentMissing: 'Acepta las condiciones de uso y el aviso de privacidad para crear tu cuenta.',
  consentChangedTitle: 'Nuestras condiciones han cambiado',
  consentChangedText:
    'Lee las nuevas condiciones de uso y el nuevo aviso de privacidad. Sigues viendo tus trayectos y tus puntos, pero tienes que aceptarlos para registrar trayectos u obtener vales.',
  consentAcceptNew: 'Acepto las nuevas condiciones',
  error_CONSENT_VERSION_OUTDATED:
    'Las condiciones acaban de cambiar. Vuelve a cargar la página y acepta la nueva versión.',
  error_CONSENT_REQUIRED:
    'Nuestras condiciones o el aviso de privacidad han cambiado. Acepta la nueva versión arriba de la página para continuar.',
};

const nl: PrivacyMessages = {
  consentLegend: 'Jouw toestemming',
  consentAccept: 'Ik ga akkoord met de gebruiksvoorwaarden en de privacyverklaring.',
  consentReadTerms: 'Lees de gebruiksvoorwaarden',
  consentReadPrivacy: 'Lees de privacyverklaring',
  consentOpensNewTab: '(opent in een nieuw tabblad)',
  consentOptional: 'Niet verplicht. Je kunt altijd van gedachten veranderen.',
  consentOpenData: 'Mijn ritten mogen zonder mijn naam worden gebruikt in de open data van de stad.',
  consentModelTraining:
    'De vervoerswijzen die ik bevestig mogen muvo helpen lopen, fietsen en de bus beter uit elkaar te houden.',
  consentMissing: 'Ga akkoord met de gebruiksvoorwaarden en de privacyverklaring om je account aan te maken.',
  consentChangedTitle: 'Onze voorwaarden zijn gewijzigd',
  consentChangedText:
    'Lees de nieuwe gebruiksvoorwaarden en privacyverklaring. Je ziet je ritten en punten nog steeds, maar om ritten vast te leggen of bonnen te krijgen moet je ermee akkoord gaan.',
  consentAcceptNew: 'Ik ga akkoord met de nieuwe voorwaarden',
  error_CONSENT_VERSION_OUTDATED:
    'De voorwaarden zijn net gewijzigd. Laad de pagina opnieuw en ga akkoord met de nieuwe versie.',
  error_CONSENT_REQUIRED:
    'Onze voorwaarden of privacyverklaring zijn gewijzigd. Ga bovenaan de pagina akkoord met de nieuwe versie om verder te gaan.',
};

export const privacy = { en, fr, it, es, nl };
