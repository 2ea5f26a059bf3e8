/**
 * Strings of a trip's mode corrections (the "Wrong mode? Tell us" of each leg, and the operators'
 * answer), in every language; merged into each language's resources in `i18n.ts`. English is the
 * reference: every other language must have exactly its keys. Amounts of points come in already
 * worded (`{{points}}` is the `points` plural of the main files), so no plural keys here.
 */
const en = {
  disputeOpen: 'Wrong mode? Tell us',
  disputeLegend: 'How did you really travel on this part?',
  disputeNote: 'Anything to add? (optional)',
  disputeNoteHint: 'For example: "I cycled on the path next to the tram line."',
  disputeSend: 'Send my correction',
  disputeSent: 'Thank you. Someone from the programme will check it; the answer will appear here.',
  disputeChecking: 'We are checking… You told us this part was: {{mode}}.',
  disputeAccepted: 'Accepted: this part now counts as {{mode}}.',
  disputeAcceptedMore: 'Accepted: this part now counts as {{mode}}. You got {{points}} more.',
  disputeAcceptedFewer: 'Accepted: this part now counts as {{mode}}. The trip earns {{points}} less.',
  disputeAcceptedSame: 'Accepted: this part now counts as {{mode}}. Your points did not change.',
  disputeRejected: 'Not accepted: {{reason}}',
  disputeRejectedNoReason: 'Not accepted. This part still counts as it was.',
  error_DISPUTE_EXISTS: 'You already sent a correction for this part of the trip.',
  error_DISPUTE_WINDOW_CLOSED: 'It is too late to correct this trip.',
  error_TRIP_NOT_DISPUTABLE: 'This trip cannot be corrected now.',
  error_SAME_MODE: 'This part already counts as that mode. Choose another one.',
  error_INVALID_LEG: 'This part of the trip has changed. Please reload the page.',
};

type DisputeMessages = Record<keyof typeof en, string>;

const fr: DisputeMessages = {
  disputeOpen: 'Mauvais mode ? Dites-le-nous',
  disputeLegend: 'Comment avez-vous vraiment voyagé sur cette partie ?',
  disputeNote: 'Quelque chose à ajouter ? (facultatif)',
  disputeNoteHint: 'Par exemple : « J’ai roulé à vélo sur la piste le long du tram. »',
  disputeSend: 'Envoyer ma correction',
  disputeSent: 'Merci. Une personne du programme va vérifier ; la réponse s’affichera ici.',
  disputeChecking: 'Nous vérifions… Vous nous avez dit que cette partie était : {{mode}}.',
  disputeAccepted: 'Acceptée : cette partie compte maintenant comme {{mode}}.',
  disputeAcceptedMore: 'Acceptée : cette partie compte maintenant comme {{mode}}. Vous avez reçu {{points}} de plus.',
  disputeAcceptedFewer:
    'Acceptée : cette partie compte maintenant comme {{mode}}. Le trajet rapporte {{points}} de moins.',
  disputeAcceptedSame: 'Acceptée : cette partie compte maintenant comme {{mode}}. Vos points n’ont pas changé.',
  disputeRejected: 'Non acceptée : {{reason}}',
  disputeRejectedNoReason: 'Non acceptée. Cette partie compte comme avant.',
  error_DISPUTE_EXISTS: 'Vous avez déjà envoyé une correction pour cette partie du trajet.',
  error_DISPUTE_WINDOW_CLOSED: 'Il est trop tard pour corriger ce trajet.',
  error_TRIP_NOT_DISPUTABLE: 'Ce trajet ne peut pas être corrigé pour le moment.',
  error_SAME_MODE: 'Cette partie compte déjà avec ce mode. Choisissez-en un autre.',
  error_INVALID_LEG: 'Cette partie du trajet a changé. Veuillez recharger la page.',
};

const it: DisputeMessages = {
  disputeOpen: 'Mezzo sbagliato? Diccelo',
  disputeLegend: 'Come hai viaggiato davvero in questo tratto?',
  disputeNote: 'Vuoi aggiungere qualcosa? (facoltativo)',
  disputeNoteHint: 'Per esempio: «Ho pedalato sulla pista accanto al tram.»',
  disputeSend: 'Invia la mia correzione',
  disputeSent: 'Grazie. Una persona del programma controllerà; la risposta apparirà qui.',
  disputeChecking: 'Stiamo controllando… Ci hai detto che questo tratto era: {{mode}}.',
  disputeAccepted: 'Accettata: questo tratto ora conta come {{mode}}.',
  disputeAcceptedMore: 'Accettata: questo tratto ora conta come {{mode}}. Hai ricevuto {{points}} in più.',
  disputeAcceptedFewer: 'Accettata: questo tratto ora conta come {{mode}}. Il viaggio vale {{points}} in meno.',
  disputeAcceptedSame: 'Accettata: questo tratto ora conta come {{mode}}. I tuoi punti non sono cambiati.',
  disputeRejected: 'Non accettata: {{reason}}',
  disputeRejectedNoReason: 'Non accettata. Questo tratto conta come prima.',
  error_DISPUTE_EXISTS: 'Hai già inviato una correzione per questo tratto del viaggio.',
  error_DISPUTE_WINDOW_CLOSED: 'È troppo tardi per correggere questo viaggio.',
  error_TRIP_NOT_DISPUTABLE: 'Questo viaggio non si può correggere adesso.',
  error_SAME_MODE: 'Questo tratto conta già con questo mezzo. Scegline un altro.',
  error_INVALID_LEG: 'Questo tratto del viaggio è cambiato. Ricarica la pagina.',
};

const es: DisputeMessages = {
  disputeOpen: '¿Modo equivocado? Dínoslo',
  disputeLegend: '¿Cómo viajaste realmente en este tramo?',
  disputeNote: '¿Algo que añadir? (opcional)',
  disputeNoteHint: 'Por ejemplo: «Fui en bici por el carril junto al tranvía.»',
  disputeSend: 'Enviar mi corrección',
  disputeSent: 'Gracias. Una persona del programa lo revisará; la respuesta aparecerá aquí.',
  disputeChecking: 'Lo estamos revisando… Nos dijiste que este tramo fue: {{mode}}.',
  disputeAccepted: 'Aceptada: este tramo cuenta ahora como {{mode}}.',
  disputeAcceptedMore: 'Aceptada: este tramo cuenta ahora como {{mode}}. Has recibido {{points}} más.',
  disputeAcceptedFewer: 'Aceptada: este tramo cuenta ahora como {{mode}}. El viaje vale {{points}} menos.',
  disputeAcceptedSame: 'Aceptada: este tramo cuenta ahora como {{mode}}. Tus puntos no han cambiado.',
  disputeRejected: 'No aceptada: {{reason}}',
  disputeRejectedNoReason: 'No aceptada. Este tramo cuenta como antes.',
  error_DISPUTE_EXISTS: 'Ya enviaste una corrección para este tramo del viaje.',
  error_DISPUTE_WINDOW_CLOSED: 'Ya es tarde para corregir este viaje.',
  error_TRIP_NOT_DISPUTABLE: 'Este viaje no se puede corregir ahora.',
  error_SAME_MODE: 'Este tramo ya cuenta con ese modo. Elige otro.',
  error_INVALID_LEG: 'Este tramo del viaje ha cambiado. Vuelve a cargar la página.',
};

const nl: DisputeMessages = {
  disputeOpen: 'Verkeerd vervoermiddel? Laat het ons weten',
  disputeLegend: 'Hoe reisde je echt op dit deel?',
  disputeNote: 'Iets toe te voegen? (niet verplicht)',
  disputeNoteHint: 'Bijvoorbeeld: "Ik fietste op het pad naast de tramlijn."',
  disputeSend: 'Mijn correctie versturen',
  disputeSent: 'Dank je. Iemand van het programma kijkt ernaar; het antwoord verschijnt hier.',
  disputeChecking: 'We kijken het na… Je zei dat dit deel was: {{mode}}.',
  disputeAccepted: 'Geaccepteerd: dit deel telt nu als {{mode}}.',
  disputeAcceptedMore: 'Geaccepteerd: dit deel telt nu als {{mode}}. Je kreeg {{points}} extra.',
  disputeAcceptedFewer: 'Geaccepteerd: dit deel telt nu als {{mode}}. De rit levert {{points}} minder op.',
  disputeAcceptedSame: 'Geaccepteerd: dit deel telt nu als {{mode}}. Je punten zijn niet veranderd.',
  disputeRejected: 'Niet geaccepteerd: {{reason}}',
  disputeRejectedNoReason: 'Niet geaccepteerd. Dit deel telt zoals eerst.',
  error_DISPUTE_EXISTS: 'Je hebt al een correctie gestuurd voor dit deel van de rit.',
  error_DISPUTE_WINDOW_CLOSED: 'Het is te laat om deze rit te corrigeren.',
  error_TRIP_NOT_DISPUTABLE: 'Deze rit kan nu niet worden gecorrigeerd.',
  error_SAME_MODE: 'Dit deel telt al met dat vervoermiddel. Kies een ander.',
  error_INVALID_LEG: 'Dit deel van de rit is veranderd. Laad de pagina opnieuw.',
};

export const disputes = { en, fr, it, es, nl };
