<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_CA" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>Your environments file %1 is not valid and was ignored; the log names the problem.</source>
        <translation>Votre fichier d’environnements %1 n’est pas valide et a été ignoré; le journal indique le problème.</translation>
    </message>
    <message>
        <source>Unknown environment “%1”; using the sandbox.</source>
        <translation>Environnement «&#xa0;%1&#xa0;» inconnu; le bac à sable est utilisé.</translation>
    </message>
</context>
<context>
    <name>BusyIndicator</name>
    <message>
        <source>Working…</source>
        <translation>Traitement en cours…</translation>
    </message>
    <message>
        <source>Busy indicator</source>
        <translation>Indicateur d&apos;activité</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>Check this environment</source>
        <translation>Vérifier cet environnement</translation>
    </message>
    <message>
        <source>Also &amp;enroll one generated test person and replay it</source>
        <translation>Faire aussi &amp;adhérer une personne de test générée et rejouer la requête</translation>
    </message>
    <message>
        <source>Include an enrollment</source>
        <translation>Inclure une adhésion</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Vérifications</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Time (ms)</source>
        <translation>Durée (ms)</translation>
    </message>
    <message>
        <source>Correlation id</source>
        <translation>Id de corrélation</translation>
    </message>
    <message>
        <source>Failures and drifts of the selected check</source>
        <translation>Échecs et écarts de la vérification choisie</translation>
    </message>
    <message>
        <source>Select a check to see what differed from the contract.</source>
        <translation>Choisissez une vérification pour voir ce qui diffère du contrat.</translation>
    </message>
    <message>
        <source>Check summary</source>
        <translation>Bilan des vérifications</translation>
    </message>
    <message>
        <source>&amp;Run the checks</source>
        <translation>&amp;Lancer les vérifications</translation>
    </message>
    <message>
        <source>Run the checks</source>
        <translation>Lancer les vérifications</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Open an environment first.</source>
        <translation>Ouvrez d’abord un environnement.</translation>
    </message>
    <message>
        <source>Sign in as a partner to check %1 against the contract.</source>
        <translation>Connectez-vous comme partenaire pour vérifier %1 par rapport au contrat.</translation>
    </message>
    <message>
        <source>Checks %1 against the contract: every answer is held to its status, headers and schema.</source>
        <translation>Vérifie %1 par rapport au contrat : chaque réponse est confrontée à son statut, à ses en-têtes et à son schéma.</translation>
    </message>
    <message>
        <source>Never in Production</source>
        <translation>Jamais en production</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>En cours…</translation>
    </message>
    <message>
        <source>%1 passed, %2 failed, %3 skipped, %4 not reached</source>
        <translation>%1 réussies, %2 échouées, %3 sautées, %4 non jointes</translation>
    </message>
    <message>
        <source>Service health</source>
        <translation>État du service</translation>
    </message>
    <message>
        <source>Partner token and its claims</source>
        <translation>Jeton partenaire et ses revendications</translation>
    </message>
    <message>
        <source>Profile of the test collector</source>
        <translation>Profil du membre de test</translation>
    </message>
    <message>
        <source>Summary of the test collector</source>
        <translation>Sommaire du membre de test</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <source>No token: 401 with the error envelope</source>
        <translation>Sans jeton : 401 avec l’enveloppe d’erreur</translation>
    </message>
    <message>
        <source>Malformed body: 400 naming the field</source>
        <translation>Corps mal formé : 400 nommant le champ</translation>
    </message>
    <message>
        <source>Unknown collector: 404</source>
        <translation>Membre inconnu : 404</translation>
    </message>
    <message>
        <source>Enrollment of a generated test person</source>
        <translation>Adhésion d’une personne de test générée</translation>
    </message>
    <message>
        <source>Same request and key: replayed</source>
        <translation>Même requête et même clé : réponse rejouée</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échoué</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Sauté</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>Non joint</translation>
    </message>
</context>
<context>
    <name>ConfirmWord</name>
    <message>
        <source>Type %1 to continue; you typed something else.</source>
        <translation>Tapez %1 pour continuer; vous avez tapé autre chose.</translation>
    </message>
    <message>
        <source>Confirmation word</source>
        <translation>Mot de confirmation</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Type %1 to continue.</source>
        <translation>Tapez %1 pour continuer.</translation>
    </message>
    <message>
        <source>Type %1 in capital letters to continue.</source>
        <translation>Tapez %1 en majuscules pour continuer.</translation>
    </message>
</context>
<context>
    <name>ConsoleContext</name>
    <message>
        <source>Write to Production</source>
        <translation>Écriture en Production</translation>
    </message>
    <message>
        <source>You are about to %1 in PRODUCTION, on live member data.

Go ahead?</source>
        <translation>Vous êtes sur le point de %1 en PRODUCTION, sur des données réelles d&apos;adhérents.

Continuer?</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>Une erreur est survenue</translation>
    </message>
    <message>
        <source>The console hit an unexpected error. Your work is still open; you can keep going.
The details below hold no secrets or full personal data; copy them into a bug report.</source>
        <translation>La console a rencontré une erreur inattendue. Votre travail est toujours ouvert; vous pouvez continuer.
Les détails ci-dessous ne contiennent aucun secret ni donnée personnelle complète; copiez-les dans un rapport de bogue.</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>Détails de l&apos;erreur</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Enregistré dans %1</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
</context>
<context>
    <name>DateEntry</name>
    <message>
        <source>YYYY-MM-DD or 25/04/1990</source>
        <translation>AAAA-MM-JJ ou 25/04/1990</translation>
    </message>
    <message>
        <source>Pick…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Pick the date from a calendar</source>
        <translation>Choisir la date dans un calendrier</translation>
    </message>
    <message>
        <source>Pick the date of birth from a calendar</source>
        <translation>Choisir la date de naissance dans un calendrier</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <source>An unsent form was kept</source>
        <translation>Un formulaire non envoyé a été gardé</translation>
    </message>
    <message>
        <source>The console closed before these details were enrolled. Restore them into the form?</source>
        <translation>La console s’est fermée avant l’inscription de ces renseignements. Les remettre dans le formulaire?</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Jeter</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Rétablir</translation>
    </message>
</context>
<context>
    <name>EnrollForm</name>
    <message>
        <source>Personal details</source>
        <translation>Renseignements personnels</translation>
    </message>
    <message>
        <source>Mr.</source>
        <translation>M.</translation>
    </message>
    <message>
        <source>Mrs.</source>
        <translation>Mme</translation>
    </message>
    <message>
        <source>Ms.</source>
        <translation>Mme (Ms.)</translation>
    </message>
    <message>
        <source>Miss</source>
        <translation>Mlle</translation>
    </message>
    <message>
        <source>Dr.</source>
        <translation>Dr</translation>
    </message>
    <message>
        <source>Mx.</source>
        <translation>Mx</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre de civilité</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Second prénom</translation>
    </message>
    <message>
        <source>&amp;Last name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>Suffix</source>
        <translation>Suffixe</translation>
    </message>
    <message>
        <source>e.g. Jr, Sr, III</source>
        <translation>p. ex. Jr, Sr, III</translation>
    </message>
    <message>
        <source>Date of &amp;birth</source>
        <translation>&amp;Date de naissance</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Femme</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Homme</translation>
    </message>
    <message>
        <source>Another gender</source>
        <translation>Autre genre</translation>
    </message>
    <message>
        <source>Prefers not to say</source>
        <translation>Préfère ne pas répondre</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Genre</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Coordonnées</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>nom@exemple.com</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Cellulaire</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Domicile</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Travail</translation>
    </message>
    <message>
        <source>Phone %1 type</source>
        <translation>Type du téléphone %1</translation>
    </message>
    <message>
        <source>Fi&amp;rst name</source>
        <translation>&amp;Prénom</translation>
    </message>
    <message>
        <source>E&amp;mail</source>
        <translation>&amp;Courriel</translation>
    </message>
    <message>
        <source>e.g. 416-555-0123</source>
        <translation>p. ex. 416-555-0123</translation>
    </message>
    <message>
        <source>Phone %1</source>
        <translation>Téléphone %1</translation>
    </message>
    <message>
        <source>Phone %1 number</source>
        <translation>Numéro du téléphone %1</translation>
    </message>
    <message>
        <source>Add another phone</source>
        <translation>Ajouter un autre téléphone</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Address line 1</source>
        <translation>Adresse, ligne 1</translation>
    </message>
    <message>
        <source>Number and street</source>
        <translation>Numéro et rue</translation>
    </message>
    <message>
        <source>Address line 2</source>
        <translation>Adresse, ligne 2</translation>
    </message>
    <message>
        <source>Apartment, suite, unit</source>
        <translation>Appartement, bureau, unité</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>A1A 1A1</source>
        <translation>A1A 1A1</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation>Langue de préférence</translation>
    </message>
    <message>
        <source>Enrollment channel</source>
        <translation>Canal d&apos;inscription</translation>
    </message>
    <message>
        <source>Marketing consent (optional)</source>
        <translation>Consentement marketing (facultatif)</translation>
    </message>
    <message>
        <source>Read each question to the customer and tick a box only if they say yes. These consents are separate from the AIR MILES program terms: joining does not depend on them.</source>
        <translation>Lisez chaque question au client et cochez une case seulement s&apos;il répond oui. Ces consentements sont distincts des conditions du programme AIR MILES&#xa0;: l&apos;adhésion n&apos;en dépend pas.</translation>
    </message>
    <message>
        <source>Call centre</source>
        <translation>Centre d&apos;appels</translation>
    </message>
    <message>
        <source>In store</source>
        <translation>En magasin</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <source>Email offers</source>
        <translation>Offres par courriel</translation>
    </message>
    <message>
        <source>Partner offers</source>
        <translation>Offres des partenaires</translation>
    </message>
    <message>
        <source>Text messages</source>
        <translation>Messages texte</translation>
    </message>
    <message>
        <source>Asked by: %1</source>
        <translation>Demandé par&#xa0;: %1</translation>
    </message>
    <message>
        <source>Wording version %1, shown in %2.</source>
        <translation>Version du libellé %1, affiché en %2.</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Obligatoire</translation>
    </message>
</context>
<context>
    <name>EnrollPage</name>
    <message>
        <source>The console is locked. Unlock it to see the enrollment.</source>
        <translation>La console est verrouillée. Déverrouillez-la pour voir l&apos;inscription.</translation>
    </message>
    <message>
        <source>Enroll a member</source>
        <translation>Inscrire un adhérent</translation>
    </message>
    <message>
        <source>Use case</source>
        <translation>Cas d&apos;utilisation</translation>
    </message>
    <message>
        <source>Which fields this use case collects (agreed with AIR MILES)</source>
        <translation>Les champs recueillis pour ce cas d&apos;utilisation (convenus avec AIR MILES)</translation>
    </message>
    <message>
        <source>&amp;Use case:</source>
        <translation>Cas d&apos;&amp;utilisation&#xa0;:</translation>
    </message>
    <message>
        <source>Clear form</source>
        <translation>Vider le formulaire</translation>
    </message>
    <message>
        <source>same last name and date of birth</source>
        <translation>même nom et même date de naissance</translation>
    </message>
    <message>
        <source>&amp;Enroll</source>
        <translation>&amp;Inscrire</translation>
    </message>
    <message>
        <source>Enroll</source>
        <translation>Inscrire</translation>
    </message>
    <message>
        <source>Enroll this person (Ctrl+Enter)</source>
        <translation>Inscrire cette personne (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Waiting for the service to say whether this member was created.</source>
        <translation>En attente du service pour savoir si ce membre a été créé.</translation>
    </message>
    <message>
        <source>To enroll, fix: %1</source>
        <translation>Pour inscrire, corrigez&#xa0;: %1</translation>
    </message>
    <message>
        <source>Choose an environment and sign in to enroll.</source>
        <translation>Choisissez un environnement et connectez-vous pour inscrire.</translation>
    </message>
    <message>
        <source>Ready to enroll.</source>
        <translation>Prêt pour l&apos;inscription.</translation>
    </message>
    <message>
        <source>Searching %1 by email, phone, and last name with postal code or date of birth.</source>
        <translation>Recherche dans %1 par courriel, téléphone et nom avec code postal ou date de naissance.</translation>
    </message>
    <message>
        <source>Save and send &amp;later</source>
        <translation>Enregistrer et envoyer plu&amp;s tard</translation>
    </message>
    <message>
        <source>Saved in the outbox</source>
        <translation>Enregistrée dans la boîte d’envoi</translation>
    </message>
    <message>
        <source>The console keeps this enrollment and sends it when the service answers again.</source>
        <translation>La console garde cette inscription et l’envoie dès que le service répond de nouveau.</translation>
    </message>
    <message>
        <source>No environment</source>
        <translation>Aucun environnement</translation>
    </message>
    <message>
        <source>PRODUCTION: %1</source>
        <translation>PRODUCTION&#xa0;: %1</translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation>Environnement&#xa0;: %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>enroll a new member into “%1”</source>
        <translation>inscrire un nouvel adhérent dans «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Non envoyé</translation>
    </message>
    <message>
        <source>Nothing was sent to %1. The form is as you left it.</source>
        <translation>Rien n&apos;a été envoyé à %1. Le formulaire est tel que vous l&apos;avez laissé.</translation>
    </message>
    <message>
        <source>You cancelled while the request was on its way, so we don&apos;t know yet whether this member was created.</source>
        <translation>Vous avez annulé pendant l&apos;envoi de la demande&#xa0;: on ne sait pas encore si cet adhérent a été créé.</translation>
    </message>
    <message>
        <source>The connection was lost before %1 answered.</source>
        <translation>La connexion a été perdue avant que %1 réponde.</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>Non inscrit</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Non autorisé</translation>
    </message>
    <message>
        <source>Sending to %1. You can cancel; the form keeps what you typed.</source>
        <translation>Envoi à %1. Vous pouvez annuler; le formulaire conserve ce que vous avez saisi.</translation>
    </message>
    <message>
        <source>Enrolling…</source>
        <translation>Inscription en cours…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>We don&apos;t know yet whether this member was created</source>
        <translation>On ne sait pas encore si cet adhérent a été créé</translation>
    </message>
    <message>
        <source>Press “Check again”: it asks with the same enrollment key, so the member can never be created twice.</source>
        <translation>Appuyez sur «&#xa0;Vérifier de nouveau&#xa0;»&#xa0;: la demande reprend la même clé d&apos;inscription, l&apos;adhérent ne peut donc jamais être créé deux fois.</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>&amp;Vérifier de nouveau</translation>
    </message>
    <message>
        <source>Fix the fields marked in red and enroll again.</source>
        <translation>Corrigez les champs marqués en rouge et inscrivez de nouveau.</translation>
    </message>
    <message>
        <source>The service refused some details</source>
        <translation>Le service a refusé certains renseignements</translation>
    </message>
    <message>
        <source>An active member already uses %1. Nothing new was created.</source>
        <translation>Un adhérent actif utilise déjà %1. Aucun nouvel adhérent n&apos;a été créé.</translation>
    </message>
    <message>
        <source>&amp;Find that member</source>
        <translation>&amp;Trouver cet adhérent</translation>
    </message>
    <message>
        <source>Look the member up by email on the Search page.</source>
        <translation>Rechercher l&apos;adhérent par courriel dans la page Recherche.</translation>
    </message>
    <message>
        <source>Already a member</source>
        <translation>Déjà adhérent</translation>
    </message>
    <message>
        <source>Search failed</source>
        <translation>Échec de la recherche</translation>
    </message>
    <message>
        <source>same email</source>
        <translation>même courriel</translation>
    </message>
    <message>
        <source>This is the member who uses that email:</source>
        <translation>Voici l&apos;adhérent qui utilise ce courriel&#xa0;:</translation>
    </message>
    <message>
        <source>No active member was found with that email.</source>
        <translation>Aucun adhérent actif n&apos;a été trouvé avec ce courriel.</translation>
    </message>
    <message>
        <source>Nothing was sent. Each field below says what it needs.</source>
        <translation>Rien n’a été envoyé. Chaque champ ci-dessous indique ce qu’il lui faut.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>The form keeps what you typed.</source>
        <translation>Le formulaire conserve ce que vous avez saisi.</translation>
    </message>
    <message>
        <source>Reference: %1</source>
        <translation>Référence&#xa0;: %1</translation>
    </message>
    <message>
        <source>The consent evidence could not be saved to the audit file (%1). Note the answers on paper.</source>
        <translation>La preuve de consentement n&apos;a pas pu être enregistrée dans le fichier d&apos;audit (%1). Notez les réponses sur papier.</translation>
    </message>
    <message>
        <source>Checking for existing members…</source>
        <translation>Recherche d&apos;adhérents existants…</translation>
    </message>
    <message>
        <source>Could not check for existing members</source>
        <translation>Impossible de vérifier les adhérents existants</translation>
    </message>
    <message>
        <source>Enroll &amp;anyway</source>
        <translation>Inscrire &amp;quand même</translation>
    </message>
    <message>
        <source>This person may already be a member</source>
        <translation>Cette personne est peut-être déjà adhérente</translation>
    </message>
    <message>
        <source>Ask the customer whether one of these is them. Open the member instead of enrolling twice.</source>
        <translation>Demandez au client s&apos;il s&apos;agit de l&apos;une de ces personnes. Ouvrez la fiche de l&apos;adhérent plutôt que de l&apos;inscrire deux fois.</translation>
    </message>
    <message>
        <source>Back to the form</source>
        <translation>Retour au formulaire</translation>
    </message>
    <message>
        <source>same email %1</source>
        <translation>même courriel %1</translation>
    </message>
    <message>
        <source>same phone %1</source>
        <translation>même téléphone %1</translation>
    </message>
    <message>
        <source>same last name and postal code</source>
        <translation>même nom et même code postal</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message numerus="yes">
        <source>Fix %n field before enrolling</source>
        <translation>
            <numerusform>Corrigez %n champ avant d’inscrire</numerusform>
            <numerusform>Corrigez %n champs avant d’inscrire</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fix %n fields before enrolling</source>
        <translation>
            <numerusform>Corrigez %n champ avant d’inscrire</numerusform>
            <numerusform>Corrigez %n champs avant d’inscrire</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EnrollValidation</name>
    <message>
        <source>%1 is a postal code of %2, not %3: please check both.</source>
        <translation>Le code postal %1 correspond à la province ou au territoire «&#xa0;%2&#xa0;», et non «&#xa0;%3&#xa0;». Vérifiez les deux.</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Obligatoire.</translation>
    </message>
    <message>
        <source>Required when other personal details are given.</source>
        <translation>Obligatoire lorsque d&apos;autres renseignements personnels sont fournis.</translation>
    </message>
    <message>
        <source>At most %1 characters.</source>
        <translation>%1 caractères au maximum.</translation>
    </message>
    <message>
        <source>Use letters, spaces, apostrophes (&apos;), hyphens (-) and dots only.</source>
        <translation>Utilisez seulement des lettres, des espaces, des apostrophes (&apos;), des traits d&apos;union (-) et des points.</translation>
    </message>
    <message>
        <source>Not a valid email address, e.g. name@example.com.</source>
        <translation>Adresse courriel non valide, p. ex. nom@exemple.com.</translation>
    </message>
    <message>
        <source>Area code and exchange start with 2–9, e.g. 416-555-0123.</source>
        <translation>L&apos;indicatif régional et le central commencent par un chiffre de 2 à 9, p. ex. 416-555-0123.</translation>
    </message>
    <message>
        <source>Use the form YYYY-MM-DD, e.g. 1990-04-25.</source>
        <translation>Utilisez le format AAAA-MM-JJ, p. ex. 1990-04-25.</translation>
    </message>
    <message>
        <source>Type a date such as 1990-04-25, 25/04/1990 or 25 April 1990.</source>
        <translation>Tapez une date comme 1990-04-25, 25/04/1990 ou 25 avril 1990.</translation>
    </message>
    <message>
        <source>Read as %1 (day first). Check it with the customer.</source>
        <translation>Lu comme le %1 (le jour d’abord). Vérifiez avec le client.</translation>
    </message>
    <message>
        <source>A date of birth cannot be in the future.</source>
        <translation>Une date de naissance ne peut pas être dans le futur.</translation>
    </message>
    <message>
        <source>Use the form A1A 1A1 (no D, F, I, O, Q or U; never W or Z first).</source>
        <translation>Utilisez le format A1A 1A1 (sans D, F, I, O, Q ni U; jamais W ni Z en premier).</translation>
    </message>
    <message>
        <source>Choose one of: %1.</source>
        <translation>Choisissez parmi : %1.</translation>
    </message>
    <message>
        <source>%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>Refused by the service.</source>
        <translation>Refusé par le service.</translation>
    </message>
    <message>
        <source>An email address needs an @, e.g. name@example.com.</source>
        <translation>Une adresse courriel doit contenir un @, p. ex. nom@exemple.com.</translation>
    </message>
    <message>
        <source>A phone number has 10 digits, e.g. 416-555-0123.</source>
        <translation>Un numéro de téléphone compte 10 chiffres, p. ex. 416-555-0123.</translation>
    </message>
    <message>
        <source>There is no such date.</source>
        <translation>Cette date n&apos;existe pas.</translation>
    </message>
    <message>
        <source>Members must be at least %1 years old.</source>
        <translation>Les adhérents doivent avoir au moins %1 ans.</translation>
    </message>
</context>
<context>
    <name>EnvironmentButton</name>
    <message>
        <source>E&amp;nvironment</source>
        <translation>E&amp;nvironnement</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>The Collector Service environment the console talks to</source>
        <translation>L’environnement du service Collector auquel la console s’adresse</translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation>Environnement&#xa0;: %1</translation>
    </message>
    <message>
        <source>Environment: —</source>
        <translation>Environnement&#xa0;: —</translation>
    </message>
</context>
<context>
    <name>EnvironmentEditor</name>
    <message>
        <source>Environments</source>
        <translation>Environnements</translation>
    </message>
    <message>
        <source>Your environments</source>
        <translation>Vos environnements</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;Libellé</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Certification</source>
        <translation>Certification</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Production</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personnalisé</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Type</translation>
    </message>
    <message>
        <source>&amp;API base</source>
        <translation>Base de l’&amp;API</translation>
    </message>
    <message>
        <source>A&amp;uth base</source>
        <translation>Base d’a&amp;uthentification</translation>
    </message>
    <message>
        <source>Au&amp;dience</source>
        <translation>Au&amp;dience</translation>
    </message>
    <message>
        <source>&amp;Partner client id</source>
        <translation>Id client &amp;partenaire</translation>
    </message>
    <message>
        <source>&amp;Member client id</source>
        <translation>Id client &amp;membre</translation>
    </message>
    <message>
        <source>&amp;Email connection</source>
        <translation>Connexion par &amp;courriel</translation>
    </message>
    <message>
        <source>P&amp;IN connection</source>
        <translation>Connexion par N&amp;IP</translation>
    </message>
    <message>
        <source>&amp;Test collector</source>
        <translation>Membre de te&amp;st</translation>
    </message>
    <message>
        <source>Offers searc&amp;h</source>
        <translation>Offre la rec&amp;herche</translation>
    </message>
    <message>
        <source>Offers search</source>
        <translation>Offre la recherche</translation>
    </message>
    <message>
        <source>Partner secret (for the test, not saved)</source>
        <translation>Secret partenaire (pour le test, non enregistré)</translation>
    </message>
    <message>
        <source>Environment editor message</source>
        <translation>Message de l’éditeur d’environnements</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Fichier : %1</translation>
    </message>
    <message>
        <source>Ne&amp;w</source>
        <translation>Nou&amp;vel</translation>
    </message>
    <message>
        <source>Dupli&amp;cate</source>
        <translation>Dupli&amp;quer</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>Test c&amp;onnection</source>
        <translation>Tester la c&amp;onnexion</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Copied as %1 (not saved yet).</source>
        <translation>Copié sous %1 (pas encore enregistré).</translation>
    </message>
    <message>
        <source>Removed.</source>
        <translation>Retiré.</translation>
    </message>
    <message>
        <source>Production environment</source>
        <translation>Environnement de production</translation>
    </message>
    <message>
        <source>This environment holds live member data. Type %1 to save it.</source>
        <translation>Cet environnement contient des données réelles de membres. Tapez %1 pour l’enregistrer.</translation>
    </message>
    <message>
        <source>Not saved: %1 was not typed.</source>
        <translation>Non enregistré : %1 n’a pas été tapé.</translation>
    </message>
    <message>
        <source>Not saved. %1: %2</source>
        <translation>Non enregistré. %1 : %2</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Enregistré dans %1.</translation>
    </message>
    <message>
        <source>The environments file could not be written: %1</source>
        <translation>Le fichier des environnements n’a pas pu être écrit : %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <source>The service is up and the partner token was issued.</source>
        <translation>Le service répond et le jeton partenaire a été émis.</translation>
    </message>
    <message>
        <source>The service is up (type a partner secret to test a token too).</source>
        <translation>Le service répond (tapez un secret partenaire pour tester aussi un jeton).</translation>
    </message>
</context>
<context>
    <name>Environments</name>
    <message>
        <source>Sandbox</source>
        <translation>Bac à sable</translation>
    </message>
    <message>
        <source>Certification</source>
        <translation>Certification</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Production</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>No member has this collector number.</source>
        <translation>Aucun adhérent n&apos;a ce numéro d&apos;adhérent.</translation>
    </message>
    <message>
        <source>A member sign-in can only read the signed-in member.</source>
        <translation>Une connexion d&apos;adhérent ne permet de consulter que l&apos;adhérent connecté.</translation>
    </message>
    <message>
        <source>These credentials lack the permission for this.</source>
        <translation>Ces identifiants n&apos;ont pas l&apos;autorisation requise pour cette opération.</translation>
    </message>
    <message>
        <source>These credentials are not allowed to do this.</source>
        <translation>Ces identifiants ne permettent pas cette opération.</translation>
    </message>
    <message>
        <source>An active member already uses this email address.</source>
        <translation>Un adhérent actif utilise déjà cette adresse courriel.</translation>
    </message>
    <message>
        <source>This enrollment is still being processed. Try again in a moment.</source>
        <translation>Cette inscription est toujours en traitement. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>This enrollment was already sent with different details.</source>
        <translation>Cette inscription a déjà été envoyée avec des renseignements différents.</translation>
    </message>
    <message>
        <source>No environment of that name is set up.</source>
        <translation>Aucun environnement de ce nom n’est configuré.</translation>
    </message>
    <message>
        <source>The embedded sandbox could not start. The log has the details.</source>
        <translation>Le bac à sable intégré n’a pas pu démarrer. Le journal donne les détails.</translation>
    </message>
    <message>
        <source>No partner secret for this environment: remember one in the console or set COLLECTOR_CLIENT_SECRET.</source>
        <translation>Aucun secret de partenaire pour cet environnement : mémorisez-en un dans la console ou définissez COLLECTOR_CLIENT_SECRET.</translation>
    </message>
    <message>
        <source>This is not a valid collector number.</source>
        <translation>Ce numéro d&apos;adhérent n&apos;est pas valide.</translation>
    </message>
    <message>
        <source>The service refused some of the details.</source>
        <translation>Le service a refusé certains renseignements.</translation>
    </message>
    <message>
        <source>This environment looks up members by collector number only.</source>
        <translation>Cet environnement ne recherche les adhérents que par numéro d&apos;adhérent.</translation>
    </message>
    <message>
        <source>We don&apos;t know yet whether this was saved. Check again before sending anew.</source>
        <translation>On ne sait pas encore si l&apos;opération a été enregistrée. Vérifiez de nouveau avant de renvoyer.</translation>
    </message>
    <message>
        <source>Wrong client id or secret.</source>
        <translation>Identifiant client ou secret erroné.</translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation>Connexion annulée.</translation>
    </message>
    <message>
        <source>This member&apos;s sign-in is blocked after too many failed attempts in a row. It stays blocked until the block is lifted.</source>
        <translation>La connexion de ce membre est bloquée après trop de tentatives échouées d’affilée. Elle le reste jusqu’à ce que le blocage soit levé.</translation>
    </message>
    <message>
        <source>The browser did not come back in time. Try again.</source>
        <translation>Le navigateur n&apos;a pas répondu à temps. Réessayez.</translation>
    </message>
    <message>
        <source>No web browser could be opened for the sign-in.</source>
        <translation>Aucun navigateur Web n&apos;a pu être ouvert pour la connexion.</translation>
    </message>
    <message>
        <source>The browser&apos;s answer did not belong to this sign-in and was refused.</source>
        <translation>La réponse du navigateur ne correspondait pas à cette connexion et a été refusée.</translation>
    </message>
    <message>
        <source>This environment does not offer that way of signing in.</source>
        <translation>Cet environnement n&apos;offre pas ce mode de connexion.</translation>
    </message>
    <message>
        <source>The sign-in is no longer valid. Sign in again.</source>
        <translation>La connexion n&apos;est plus valide. Reconnectez-vous.</translation>
    </message>
    <message>
        <source>The service did not answer in time. Try again.</source>
        <translation>Le service n&apos;a pas répondu à temps. Réessayez.</translation>
    </message>
    <message>
        <source>The service cannot be reached. Check the connection and try again.</source>
        <translation>Impossible de joindre le service. Vérifiez la connexion et réessayez.</translation>
    </message>
    <message>
        <source>The service sent an answer the console cannot read.</source>
        <translation>Le service a envoyé une réponse que la console ne peut pas lire.</translation>
    </message>
    <message>
        <source>Something went wrong. The log has the details.</source>
        <translation>Un problème est survenu. Le journal donne les détails.</translation>
    </message>
    <message>
        <source>Try again in a moment.</source>
        <translation>Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Try again in 1 second.</source>
        <translation>Réessayez dans 1 seconde.</translation>
    </message>
    <message>
        <source>The service had an internal error. Try again.</source>
        <translation>Le service a eu une erreur interne. Réessayez.</translation>
    </message>
    <message>
        <source>Sign-in failed.</source>
        <translation>Échec de la connexion.</translation>
    </message>
    <message>
        <source>Try again in %1 seconds.</source>
        <translation>Réessayez dans %1 secondes.</translation>
    </message>
    <message>
        <source>The service refused the request (%1).</source>
        <translation>Le service a refusé la demande (%1).</translation>
    </message>
    <message>
        <source>Too many requests.</source>
        <translation>Trop de demandes.</translation>
    </message>
    <message>
        <source>The service is unavailable right now.</source>
        <translation>Le service est indisponible pour le moment.</translation>
    </message>
    <message>
        <source>The sign-in service refused the sign-in (%1).</source>
        <translation>Le service d&apos;authentification a refusé la connexion (%1).</translation>
    </message>
    <message>
        <source>The sign-in service gave an unexpected answer (%1).</source>
        <translation>Le service d&apos;authentification a donné une réponse inattendue (%1).</translation>
    </message>
</context>
<context>
    <name>ExchangeModel</name>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation>Durée (ms)</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Tentative</translation>
    </message>
    <message>
        <source>Correlation id</source>
        <translation>Corrélation</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <source>&amp;Continue working</source>
        <translation>&amp;Continuer à travailler</translation>
    </message>
    <message>
        <source>Continue working: do not lock</source>
        <translation>Continuer à travailler&#xa0;: ne pas verrouiller</translation>
    </message>
    <message>
        <source>No input for a while: the console locks in 1 second and hides member data.</source>
        <translation>Aucune activité depuis un moment&#xa0;: la console se verrouille dans 1 seconde et masque les données des membres.</translation>
    </message>
    <message>
        <source>No input for a while: the console locks in %1 seconds and hides member data.</source>
        <translation>Aucune activité depuis un moment&#xa0;: la console se verrouille dans %1 secondes et masque les données des membres.</translation>
    </message>
</context>
<context>
    <name>ImportColumns</name>
    <message>
        <source>Email marketing consent</source>
        <translation>Consentement aux courriels de marketing</translation>
    </message>
    <message>
        <source>Partner offers consent</source>
        <translation>Consentement aux offres du partenaire</translation>
    </message>
    <message>
        <source>Text message (SMS) consent</source>
        <translation>Consentement aux messages texte (SMS)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import enrollments</source>
        <translation>Importer des adhésions</translation>
    </message>
    <message>
        <source>Enroll the people listed in a CSV file (UTF-8, comma or semicolon separated). Columns are named by the contract&apos;s field paths or by the form&apos;s labels, in English or French. Every row gets the form&apos;s checks; a bad row is reported and not sent. Importing the same file again resumes: nobody is enrolled twice.</source>
        <translation>Inscrivez les personnes d’un fichier CSV (UTF-8, séparé par des virgules ou des points-virgules). Les colonnes portent les chemins des champs du contrat ou les libellés du formulaire, en français ou en anglais. Chaque ligne passe les vérifications du formulaire; une ligne invalide est signalée et n’est pas envoyée. Importer de nouveau le même fichier reprend là où l’importation s’est arrêtée : personne n’est inscrit deux fois.</translation>
    </message>
    <message>
        <source>File to import</source>
        <translation>Fichier à importer</translation>
    </message>
    <message>
        <source>people.csv</source>
        <translation>personnes.csv</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>Choisir le fichier à importer</translation>
    </message>
    <message>
        <source>Save a &amp;template…</source>
        <translation>Enregistrer un &amp;modèle…</translation>
    </message>
    <message>
        <source>Save an empty, documented template</source>
        <translation>Enregistrer un modèle vide et documenté</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <source>Use case</source>
        <translation>Cas d’utilisation</translation>
    </message>
    <message>
        <source>&amp;Use case:</source>
        <translation>Cas d’&amp;utilisation :</translation>
    </message>
    <message>
        <source>&amp;Look for existing members first (a row that matches one is not sent)</source>
        <translation>&amp;Chercher d’abord les membres existants (une ligne qui correspond à un membre n’est pas envoyée)</translation>
    </message>
    <message>
        <source>Look for existing members first</source>
        <translation>Chercher d’abord les membres existants</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Progression de l’importation</translation>
    </message>
    <message>
        <source>%v of %m rows</source>
        <translation>%v lignes sur %m</translation>
    </message>
    <message>
        <source>Rows by outcome</source>
        <translation>Lignes par résultat</translation>
    </message>
    <message>
        <source>Import outcome</source>
        <translation>Résultat de l’importation</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>Start the import</source>
        <translation>Lancer l’importation</translation>
    </message>
    <message>
        <source>&amp;Stop import</source>
        <translation>&amp;Arrêter l’importation</translation>
    </message>
    <message>
        <source>Stop the import</source>
        <translation>Arrêter l’importation</translation>
    </message>
    <message>
        <source>Start no more rows; those being sent finish first</source>
        <translation>Ne plus lancer de lignes; celles en cours d’envoi se terminent d’abord</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>No environment is open.</source>
        <translation>Aucun environnement n’est ouvert.</translation>
    </message>
    <message>
        <source>Into PRODUCTION: %1 (live member data)</source>
        <translation>Vers la PRODUCTION : %1 (données réelles des membres)</translation>
    </message>
    <message>
        <source>Into: %1</source>
        <translation>Vers : %1</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Save a template</source>
        <translation>Enregistrer un modèle</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>The template could not be saved: %1</source>
        <translation>Le modèle n’a pas pu être enregistré : %1</translation>
    </message>
    <message>
        <source>Template saved. Fill in one person per row, save, then import it.</source>
        <translation>Modèle enregistré. Inscrivez une personne par ligne, enregistrez, puis importez-le.</translation>
    </message>
    <message>
        <source>import the enrollments of %1</source>
        <translation>importer les adhésions de %1</translation>
    </message>
    <message>
        <source>Stopping: the rows being sent finish first…</source>
        <translation>Arrêt en cours : les lignes en cours d’envoi se terminent d’abord…</translation>
    </message>
    <message>
        <source>Sign in to an environment first.</source>
        <translation>Connectez-vous d’abord à un environnement.</translation>
    </message>
    <message>
        <source>%1 offers no member search: clear “Look for existing members first”.</source>
        <translation>%1 n’offre pas la recherche de membres : décochez «&#xa0;Chercher d’abord les membres existants&#xa0;».</translation>
    </message>
    <message>
        <source>The outbox cannot be opened, so nothing can be sent. Check that the console&apos;s data folder can be written to.</source>
        <translation>La boîte d’envoi ne peut pas être ouverte : rien ne peut être envoyé. Vérifiez que le dossier de données de la console est accessible en écriture.</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importation de %1…</translation>
    </message>
    <message>
        <source>The import&apos;s state file beside %1 cannot be written. Check the folder can be written to.</source>
        <translation>Le fichier d’état de l’importation, à côté de %1, ne peut pas être écrit. Vérifiez que le dossier est accessible en écriture.</translation>
    </message>
    <message>
        <source>%1 rows a second</source>
        <translation>%1 lignes par seconde</translation>
    </message>
    <message>
        <source>About %1 left · %2</source>
        <translation>Environ %1 restant · %2</translation>
    </message>
    <message>
        <source>Enrolled: %1 · Already members: %2 · Rejected: %3 · Pending: %4</source>
        <translation>Inscrits : %1 · Déjà membres : %2 · Refusés : %3 · En attente : %4</translation>
    </message>
    <message>
        <source>Results: %1</source>
        <translation>Résultats : %1</translation>
    </message>
    <message>
        <source>Stopped. The rows not sent are pending: import the same file again to finish.</source>
        <translation>Arrêtée. Les lignes non envoyées sont en attente : importez de nouveau le même fichier pour terminer.</translation>
    </message>
    <message>
        <source>Some rows are pending (the service could not be reached or did not answer for good). Import the same file again to settle them.</source>
        <translation>Des lignes sont en attente (le service était injoignable ou n’a pas donné de réponse définitive). Importez de nouveau le même fichier pour les régler.</translation>
    </message>
    <message>
        <source>Done: every row is settled.</source>
        <translation>Terminé : toutes les lignes sont réglées.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) sent earlier changed or left the file before their outcome was known: put them back as they were and import again.</source>
        <translation>
            <numerusform>%n ligne envoyée plus tôt a changé ou a quitté le fichier avant que son résultat soit connu : remettez-la telle quelle et importez de nouveau.</numerusform>
            <numerusform>%n lignes envoyées plus tôt ont changé ou ont quitté le fichier avant que leur résultat soit connu : remettez-les telles quelles et importez de nouveau.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportMessages</name>
    <message>
        <source>Use yes or no, or leave it empty.</source>
        <translation>Inscrivez oui ou non, ou laissez vide.</translation>
    </message>
    <message>
        <source>Same details as row %1: sent once only.</source>
        <translation>Mêmes renseignements qu’à la ligne %1 : envoyé une seule fois.</translation>
    </message>
    <message>
        <source>An active member already uses this email address.</source>
        <translation>Un membre actif utilise déjà cette adresse courriel.</translation>
    </message>
    <message>
        <source>May already be a member (%1): not sent. Check before enrolling this person.</source>
        <translation>Peut-être déjà membre (%1) : non envoyé. Vérifiez avant d’inscrire cette personne.</translation>
    </message>
    <message>
        <source>Refused by the service.</source>
        <translation>Refusé par le service.</translation>
    </message>
    <message>
        <source>The service holds other details under this row&apos;s key: not enrolled.</source>
        <translation>Le service détient d’autres renseignements sous la clé de cette ligne : non inscrit.</translation>
    </message>
    <message>
        <source>The service could not be reached. Run the import again.</source>
        <translation>Le service est injoignable. Relancez l’importation.</translation>
    </message>
    <message>
        <source>Sent, but the outcome is not known yet. Run the import again to settle it.</source>
        <translation>Envoyé, mais le résultat n’est pas encore connu. Relancez l’importation pour le confirmer.</translation>
    </message>
    <message>
        <source>Not sent: the import stopped first. Run it again.</source>
        <translation>Non envoyé : l’importation s’est arrêtée avant. Relancez-la.</translation>
    </message>
    <message>
        <source>The sign-in has ended. Sign in and run the import again.</source>
        <translation>La connexion a pris fin. Connectez-vous et relancez l’importation.</translation>
    </message>
    <message>
        <source>This sign-in may not enroll members.</source>
        <translation>Cette connexion ne permet pas d’inscrire des membres.</translation>
    </message>
    <message>
        <source>Could not check for existing members: not sent. Run the import again.</source>
        <translation>Impossible de vérifier les membres existants : non envoyé. Relancez l’importation.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2.</source>
        <translation>Impossible d’ouvrir %1 : %2.</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text from row %2 on. Save it as “CSV UTF-8” and try again.</source>
        <translation>%1 n’est pas du texte UTF-8 à partir de la ligne %2. Enregistrez-le en «&#xa0;CSV UTF-8&#xa0;» et réessayez.</translation>
    </message>
    <message>
        <source>%1 has no header row.</source>
        <translation>%1 n’a pas de ligne d’en-tête.</translation>
    </message>
    <message>
        <source>%1: row %2 cannot be read as CSV.</source>
        <translation>%1 : la ligne %2 ne peut pas être lue en CSV.</translation>
    </message>
    <message>
        <source>Column %1 (“%2”) is not an enrollment field.</source>
        <translation>La colonne %1 («&#xa0;%2&#xa0;») n’est pas un champ d’adhésion.</translation>
    </message>
    <message>
        <source>Columns %1 and %2 both hold %3.</source>
        <translation>Les colonnes %1 et %2 contiennent toutes deux %3.</translation>
    </message>
    <message>
        <source>Column %1 (“%2”) is not collected by the use case “%3”.</source>
        <translation>La colonne %1 («&#xa0;%2&#xa0;») n’est pas recueillie par le cas d’utilisation «&#xa0;%3&#xa0;».</translation>
    </message>
    <message>
        <source>The file has no contactDetails.email column (the email is always required).</source>
        <translation>Le fichier n’a pas de colonne contactDetails.email (le courriel est toujours obligatoire).</translation>
    </message>
    <message>
        <source>same email</source>
        <translation>même courriel</translation>
    </message>
    <message>
        <source>same phone</source>
        <translation>même téléphone</translation>
    </message>
    <message>
        <source>same last name and postal code</source>
        <translation>même nom et même code postal</translation>
    </message>
    <message>
        <source>same last name and date of birth</source>
        <translation>même nom et même date de naissance</translation>
    </message>
</context>
<context>
    <name>InspectorTools</name>
    <message>
        <source>Filter: path, status, correlation id…</source>
        <translation>Filtre : chemin, statut, id de corrélation…</translation>
    </message>
    <message>
        <source>Filter the requests by text</source>
        <translation>Filtrer les requêtes par texte</translation>
    </message>
    <message>
        <source>Filter by method</source>
        <translation>Filtrer par méthode</translation>
    </message>
    <message>
        <source>Any method</source>
        <translation>Toute méthode</translation>
    </message>
    <message>
        <source>Filter by status class</source>
        <translation>Filtrer par classe de statut</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tout statut</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Sans réponse</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Export requests</source>
        <translation>Exporter les requêtes</translation>
    </message>
    <message>
        <source>Selected request as HAR…</source>
        <translation>Requête choisie en HAR…</translation>
    </message>
    <message>
        <source>Requests shown as HAR…</source>
        <translation>Requêtes affichées en HAR…</translation>
    </message>
    <message>
        <source>Selected request as JSON…</source>
        <translation>Requête choisie en JSON…</translation>
    </message>
    <message>
        <source>Requests shown as JSON…</source>
        <translation>Requêtes affichées en JSON…</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Renvoyer</translation>
    </message>
    <message>
        <source>Send the selected GET again</source>
        <translation>Renvoyer le GET choisi</translation>
    </message>
    <message>
        <source>Send the selected GET again, with a fresh correlation id</source>
        <translation>Renvoyer le GET choisi, avec un nouvel id de corrélation</translation>
    </message>
    <message>
        <source>Copy with data</source>
        <translation>Copier avec les données</translation>
    </message>
    <message>
        <source>Copy as cURL with the member&apos;s data</source>
        <translation>Copier en cURL avec les données du membre</translation>
    </message>
    <message>
        <source>Only outside Production, for the verified member; each copy is written to the audit file</source>
        <translation>Hors production seulement, pour le membre vérifié; chaque copie est inscrite au journal d’audit</translation>
    </message>
    <message>
        <source>HAR files (*.har)</source>
        <translation>Fichiers HAR (*.har)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <source>The file could not be written.</source>
        <translation>Le fichier n’a pas pu être écrit.</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Exporté dans %1.</translation>
    </message>
    <message>
        <source>The audit file cannot be written, so nothing was copied.</source>
        <translation>Le journal d’audit ne peut pas être écrit : rien n’a été copié.</translation>
    </message>
    <message>
        <source>Copied as cURL with the member&apos;s data.</source>
        <translation>Copié en cURL avec les données du membre.</translation>
    </message>
    <message>
        <source>Sent again: no answer.</source>
        <translation>Renvoyé : aucune réponse.</translation>
    </message>
    <message>
        <source>Sent again: %1.</source>
        <translation>Renvoyé : %1.</translation>
    </message>
</context>
<context>
    <name>LoadingStack</name>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Locked</source>
        <translation>Verrouillée</translation>
    </message>
    <message>
        <source>Partner secret</source>
        <translation>Secret du partenaire</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Déverrouiller</translation>
    </message>
    <message>
        <source>Unlock problem</source>
        <translation>Problème de déverrouillage</translation>
    </message>
    <message>
        <source>Sign in as someone &amp;else…</source>
        <translation>Se connecter sous une &amp;autre identité…</translation>
    </message>
    <message>
        <source>The console locked after a while without input. Member data is hidden. Enter the secret of %1 to unlock.</source>
        <translation>Console verrouillée faute d&apos;activité; les données des adhérents sont masquées. Entrez le secret de %1 pour déverrouiller.</translation>
    </message>
    <message>
        <source>The console locked after a while without input. Member data is hidden. The member signs in again in the browser to unlock.</source>
        <translation>Console verrouillée faute d&apos;activité; les données des adhérents sont masquées. L&apos;adhérent se reconnecte dans le navigateur pour déverrouiller.</translation>
    </message>
    <message>
        <source>Sign in in the &amp;browser</source>
        <translation>Se connecter dans le &amp;navigateur</translation>
    </message>
    <message>
        <source>Enter the secret.</source>
        <translation>Entrez le secret.</translation>
    </message>
    <message>
        <source>Wrong secret.</source>
        <translation>Secret erroné.</translation>
    </message>
</context>
<context>
    <name>LookupMessages</name>
    <message>
        <source>These credentials cannot search for members.</source>
        <translation>Ces identifiants ne permettent pas de rechercher des adhérents.</translation>
    </message>
    <message>
        <source>These credentials cannot read profiles.</source>
        <translation>Ces identifiants ne permettent pas de consulter les profils.</translation>
    </message>
    <message>
        <source>These credentials cannot read summaries.</source>
        <translation>Ces identifiants ne permettent pas de consulter les sommaires.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Collector Console</source>
        <translation>Console des adhérents</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Leave the enrollment</source>
        <translation>Quitter l’inscription</translation>
    </message>
    <message>
        <source>The enrollment form holds details that were not sent. Leave the form? They stay there until you clear them or quit.</source>
        <translation>Le formulaire d’inscription contient des renseignements qui n’ont pas été envoyés. Quitter le formulaire? Ils y restent jusqu’à ce que vous le vidiez ou fermiez la console.</translation>
    </message>
    <message>
        <source>PRODUCTION</source>
        <translation>PRODUCTION</translation>
    </message>
    <message>
        <source>Collector Console — %1</source>
        <translation>Console des adhérents — %1</translation>
    </message>
    <message>
        <source>Quit Collector Console</source>
        <translation>Quitter la console des adhérents</translation>
    </message>
    <message>
        <source>The enrollment form holds details that were not sent. Quit and lose them?</source>
        <translation>Le formulaire d&apos;inscription contient des renseignements qui n&apos;ont pas été envoyés. Quitter et les perdre?</translation>
    </message>
</context>
<context>
    <name>MaskedField</name>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Afficher %1</translation>
    </message>
</context>
<context>
    <name>MemberPage</name>
    <message>
        <source>✓ Caller verified</source>
        <translation>✓ Appelant vérifié</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Tout afficher</translation>
    </message>
    <message>
        <source>Show every masked field</source>
        <translation>Afficher tous les champs masqués</translation>
    </message>
    <message>
        <source>Loading the profile…</source>
        <translation>Chargement du profil…</translation>
    </message>
    <message>
        <source>Loading the summary…</source>
        <translation>Chargement du sommaire…</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Sommaire</translation>
    </message>
    <message>
        <source>Signed in as a member: showing the signed-in member.</source>
        <translation>Connecté comme adhérent&#xa0;: affichage de l&apos;adhérent connecté.</translation>
    </message>
    <message>
        <source>Sign in to look up members.</source>
        <translation>Connectez-vous pour rechercher des adhérents.</translation>
    </message>
    <message>
        <source>Loading cancelled.</source>
        <translation>Chargement annulé.</translation>
    </message>
    <message>
        <source>No member selected</source>
        <translation>Aucun adhérent sélectionné</translation>
    </message>
    <message>
        <source>Open a member from the search page.</source>
        <translation>Ouvrez la fiche d&apos;un adhérent à partir de la page de recherche.</translation>
    </message>
    <message>
        <source>The audit file cannot be written, so the field stays masked.</source>
        <translation>Impossible d&apos;écrire dans le fichier d&apos;audit&#xa0;: le champ reste masqué.</translation>
    </message>
    <message>
        <source>Asking the service for the member…</source>
        <translation>Recherche de l’adhérent auprès du service…</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Verrouillée</translation>
    </message>
    <message>
        <source>The summary is shown once the caller is verified.</source>
        <translation>Le sommaire s’affiche une fois l’appelant vérifié.</translation>
    </message>
    <message>
        <source>This member is inactive: the account cannot collect or redeem Miles.</source>
        <translation>Cet adhérent est inactif&#xa0;: le compte ne peut ni accumuler ni échanger de milles.</translation>
    </message>
    <message>
        <source>This member&apos;s account is closed: it cannot collect or redeem Miles.</source>
        <translation>Le compte de cet adhérent est fermé&#xa0;: il ne peut ni accumuler ni échanger de milles.</translation>
    </message>
    <message>
        <source>⚠ Verified by override</source>
        <translation>⚠ Vérifié par dérogation</translation>
    </message>
    <message>
        <source>No answer check: an override with a reason, in the audit file.</source>
        <translation>Aucune réponse vérifiée&#xa0;: une dérogation motivée, inscrite au journal d’audit.</translation>
    </message>
    <message>
        <source>Verify the caller first.</source>
        <translation>Vérifiez d&apos;abord l&apos;identité de l&apos;appelant.</translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation>Adhérent %1</translation>
    </message>
    <message>
        <source>The signed-in member</source>
        <translation>L&apos;adhérent connecté</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <source>Waiting: the console sends it when the service answers.</source>
        <translation>En attente&#xa0;: la console l’envoie dès que le service répond.</translation>
    </message>
    <message>
        <source>No keyring works on this computer: enrollments waiting to be sent are kept in memory only and are lost if the console closes.</source>
        <translation>Aucun trousseau ne fonctionne sur cet ordinateur&#xa0;: les inscriptions en attente d’envoi sont gardées en mémoire seulement et seront perdues si la console se ferme.</translation>
    </message>
    <message>
        <source>1 enrollment waiting</source>
        <translation>1 inscription en attente</translation>
    </message>
    <message>
        <source>Needs attention: an active member already uses this email. Look the member up on the Search page.</source>
        <translation>À vérifier&#xa0;: un adhérent actif utilise déjà ce courriel. Cherchez-le dans la page Recherche.</translation>
    </message>
    <message>
        <source>Needs attention: the details were kept in memory only and are lost. Check on the Search page whether this person is a member.</source>
        <translation>À vérifier&#xa0;: les renseignements étaient gardés en mémoire seulement et sont perdus. Vérifiez dans la page Recherche si cette personne est adhérente.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>Waiting: sign in to this environment to send it.</source>
        <translation>En attente&#xa0;: connectez-vous à cet environnement pour l’envoyer.</translation>
    </message>
    <message>
        <source>Sent, answer not received yet: the console asks again with the same key.</source>
        <translation>Envoyée, réponse pas encore reçue&#xa0;: la console redemande avec la même clé.</translation>
    </message>
    <message>
        <source>%1 enrollments waiting</source>
        <translation>%1 inscriptions en attente</translation>
    </message>
    <message>
        <source>Enrollments waiting to be sent</source>
        <translation>Inscriptions en attente d’envoi</translation>
    </message>
    <message>
        <source>Enrollments in the outbox</source>
        <translation>Inscriptions dans la boîte d’envoi</translation>
    </message>
    <message>
        <source>&amp;Send now</source>
        <translation>&amp;Envoyer maintenant</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation>Envoyer maintenant</translation>
    </message>
    <message>
        <source>Enrollments waiting</source>
        <translation>Inscriptions en attente</translation>
    </message>
    <message>
        <source>Show the enrollments waiting to be sent</source>
        <translation>Afficher les inscriptions en attente d’envoi</translation>
    </message>
    <message>
        <source>Enrolled: %1</source>
        <translation>Inscrite&#xa0;: %1</translation>
    </message>
    <message>
        <source>Needs attention: the service refused some details (%1). Enroll this person again from the form with the details corrected.</source>
        <translation>À vérifier&#xa0;: le service a refusé certains renseignements (%1). Inscrivez de nouveau cette personne à partir du formulaire, renseignements corrigés.</translation>
    </message>
    <message>
        <source>Waiting: the service asked to wait; the console tries again at %1.</source>
        <translation>En attente&#xa0;: le service a demandé d’attendre; la console réessaie à %1.</translation>
    </message>
    <message>
        <source>Nothing is waiting.</source>
        <translation>Rien n’est en attente.</translation>
    </message>
    <message>
        <source>Added %1 · %2 · %3</source>
        <translation>Ajoutée à %1 · %2 · %3</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Verify by override</source>
        <translation>Vérifier par dérogation</translation>
    </message>
    <message>
        <source>An override is recorded in the audit file with your name and the reason, and shows as “Verified by override”. Why is the caller verified?</source>
        <translation>Une dérogation est inscrite au journal d’audit avec votre nom et le motif, et s’affiche comme «&#xa0;Vérifié par dérogation&#xa0;». Pourquoi l’appelant est-il vérifié&#xa0;?</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>Autre motif</translation>
    </message>
    <message>
        <source>Type the reason</source>
        <translation>Saisissez le motif</translation>
    </message>
    <message>
        <source>Do not type the caller&apos;s personal details here.</source>
        <translation>N’inscrivez pas ici les renseignements personnels de l’appelant.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>A supervisor approved it</source>
        <translation>Un superviseur l’a approuvée</translation>
    </message>
    <message>
        <source>An identity document was checked</source>
        <translation>Une pièce d’identité a été vérifiée</translation>
    </message>
    <message>
        <source>The caller was authenticated another way</source>
        <translation>L’appelant a été authentifié autrement</translation>
    </message>
    <message>
        <source>Other reason:</source>
        <translation>Autre motif&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ProductionBand</name>
    <message>
        <source>PRODUCTION: live member data</source>
        <translation>PRODUCTION&#xa0;: données réelles d&apos;adhérents</translation>
    </message>
    <message>
        <source>Production warning</source>
        <translation>Avertissement de Production</translation>
    </message>
</context>
<context>
    <name>ProfilePanel</name>
    <message>
        <source>Membership</source>
        <translation>Adhésion</translation>
    </message>
    <message>
        <source>Personal</source>
        <translation>Renseignements personnels</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Coordonnées</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>Collector number</source>
        <translation>Numéro d&apos;adhérent</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Genre</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Téléphones</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Enrolled on</source>
        <translation>Date d&apos;inscription</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Not on file</source>
        <translation>Non inscrit au dossier</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Femme</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Homme</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Undisclosed</source>
        <translation>Non divulgué</translation>
    </message>
    <message>
        <source>Mr.</source>
        <translation>M.</translation>
    </message>
    <message>
        <source>Mrs.</source>
        <translation>Mme</translation>
    </message>
    <message>
        <source>Ms.</source>
        <translation>Mme</translation>
    </message>
    <message>
        <source>Miss</source>
        <translation>Mlle</translation>
    </message>
    <message>
        <source>Dr.</source>
        <translation>Dr</translation>
    </message>
    <message>
        <source>Mx.</source>
        <translation>Mx</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Domicile</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Cellulaire</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Travail</translation>
    </message>
</context>
<context>
    <name>RequestInspector</name>
    <message>
        <source>Requests</source>
        <translation>Requêtes</translation>
    </message>
    <message>
        <source>Requests sent</source>
        <translation>Requêtes envoyées</translation>
    </message>
    <message>
        <source>Request and response details</source>
        <translation>Détails de la requête et de la réponse</translation>
    </message>
    <message>
        <source>Select a request to see its headers and bodies.</source>
        <translation>Sélectionnez une requête pour voir ses en-têtes et ses corps.</translation>
    </message>
    <message>
        <source>Requests shown</source>
        <translation>Requêtes affichées</translation>
    </message>
    <message>
        <source>Copy as cURL</source>
        <translation>Copier en cURL</translation>
    </message>
    <message>
        <source>Copy the selected request as a cURL command (secrets redacted)</source>
        <translation>Copier la requête sélectionnée comme commande cURL (secrets caviardés)</translation>
    </message>
    <message>
        <source>Show personal data</source>
        <translation>Afficher les données personnelles</translation>
    </message>
    <message>
        <source>Show the personal data of the selected request</source>
        <translation>Afficher les données personnelles de la requête choisie</translation>
    </message>
    <message>
        <source>Show bodies in Production…</source>
        <translation>Afficher les corps en Production…</translation>
    </message>
    <message>
        <source>Show headers and bodies in Production</source>
        <translation>Afficher les en-têtes et les corps en Production</translation>
    </message>
    <message>
        <source>Asks you to type PRODUCTION first</source>
        <translation>Vous devrez d’abord taper PRODUCTION</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Clear the requests</source>
        <translation>Effacer les requêtes</translation>
    </message>
    <message>
        <source>Hidden while the console is locked.</source>
        <translation>Masqué pendant que la console est verrouillée.</translation>
    </message>
    <message>
        <source>Show bodies in Production</source>
        <translation>Afficher les corps en Production</translation>
    </message>
    <message>
        <source>Production holds live member data. Personal values stay masked until the caller is verified.
Type %1 to show headers and bodies.</source>
        <translation>La Production contient les données réelles des membres. Les valeurs personnelles restent masquées tant que l’appelant n’est pas vérifié.
Tapez %1 pour afficher les en-têtes et les corps.</translation>
    </message>
    <message>
        <source>The audit file cannot be written, so the data stays masked.</source>
        <translation>Le fichier d’audit ne peut pas être écrit; les données restent donc masquées.</translation>
    </message>
    <message>
        <source>Copied as cURL.</source>
        <translation>Copié en cURL.</translation>
    </message>
    <message>
        <source>Show this request&apos;s personal data (written to the audit file)</source>
        <translation>Afficher les données personnelles de cette requête (inscrit au fichier d’audit)</translation>
    </message>
    <message>
        <source>Only for the member whose caller is verified in this call</source>
        <translation>Seulement pour le membre dont l’appelant est vérifié pendant cet appel</translation>
    </message>
    <message>
        <source>No requests yet.</source>
        <translation>Aucune requête pour l&apos;instant.</translation>
    </message>
    <message>
        <source>1 request</source>
        <translation>1 requête</translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation>%1 requêtes</translation>
    </message>
    <message>
        <source>Status %1</source>
        <translation>Statut %1</translation>
    </message>
    <message>
        <source>No answer: %1</source>
        <translation>Aucune réponse&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 ms · attempt %2</source>
        <translation>%1 ms · tentative %2</translation>
    </message>
    <message>
        <source>Correlation id: %1</source>
        <translation>ID de corrélation&#xa0;: %1</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>Début&#xa0;: %1</translation>
    </message>
    <message>
        <source>Production: headers and bodies are hidden.</source>
        <translation>Production&#xa0;: les en-têtes et les corps sont masqués.</translation>
    </message>
    <message>
        <source>Personal data shown (verified caller; written to the audit file).</source>
        <translation>Données personnelles affichées (appelant vérifié; inscrit au fichier d’audit).</translation>
    </message>
    <message>
        <source>Personal data masked.</source>
        <translation>Données personnelles masquées.</translation>
    </message>
    <message>
        <source>Request headers</source>
        <translation>En-têtes de la requête</translation>
    </message>
    <message>
        <source>Request body</source>
        <translation>Corps de la requête</translation>
    </message>
    <message>
        <source>Response headers</source>
        <translation>En-têtes de la réponse</translation>
    </message>
    <message>
        <source>Response body</source>
        <translation>Corps de la réponse</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactif</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Fermé</translation>
    </message>
    <message>
        <source>Collector number</source>
        <translation>Numéro d&apos;adhérent</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>Search members</source>
        <translation>Rechercher des adhérents</translation>
    </message>
    <message>
        <source>Collector number, email, phone, or Last name[, First name] [postal code]</source>
        <translation>Numéro d&apos;adhérent, courriel, téléphone, ou Nom[, Prénom] [code postal]</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Enroll this &amp;person</source>
        <translation>Inscrire cette &amp;personne</translation>
    </message>
    <message>
        <source>Enroll this person</source>
        <translation>Inscrire cette personne</translation>
    </message>
    <message>
        <source>Open the enrollment form with what you searched for</source>
        <translation>Ouvrir le formulaire d’inscription avec ce que vous avez cherché</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Résultats de la recherche</translation>
    </message>
    <message>
        <source>Names and addresses show once you open a member and the caller is verified.</source>
        <translation>Les noms et les adresses s’affichent une fois le membre ouvert et l’appelant vérifié.</translation>
    </message>
    <message>
        <source>Load more</source>
        <translation>Afficher plus</translation>
    </message>
    <message>
        <source>Load more results</source>
        <translation>Afficher plus de résultats</translation>
    </message>
    <message>
        <source>Recent members</source>
        <translation>Adhérents récents</translation>
    </message>
    <message>
        <source>Search cancelled.</source>
        <translation>Recherche annulée.</translation>
    </message>
    <message>
        <source>The check digit does not match; looked it up anyway.</source>
        <translation>Le chiffre de contrôle ne correspond pas; recherche effectuée quand même.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Connectez-vous d&apos;abord.</translation>
    </message>
    <message>
        <source>This environment looks up members by collector number only.</source>
        <translation>Cet environnement ne recherche les adhérents que par numéro d&apos;adhérent.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Recherche en cours…</translation>
    </message>
    <message>
        <source>email “%1”</source>
        <translation>le courriel « %1 »</translation>
    </message>
    <message>
        <source>phone %1</source>
        <translation>le téléphone %1</translation>
    </message>
    <message>
        <source>last name “%1”</source>
        <translation>le nom « %1 »</translation>
    </message>
    <message>
        <source>first name “%1”</source>
        <translation>le prénom « %1 »</translation>
    </message>
    <message>
        <source>postal code %1</source>
        <translation>le code postal %1</translation>
    </message>
    <message>
        <source> and </source>
        <translation> et </translation>
    </message>
    <message>
        <source>No member has %1.</source>
        <translation>Aucun adhérent n’a %1.</translation>
    </message>
    <message>
        <source>Names match ignoring case and accents.</source>
        <translation>Les noms sont comparés sans tenir compte des majuscules ni des accents.</translation>
    </message>
    <message>
        <source>Examples: %1</source>
        <translation>Exemples : %1</translation>
    </message>
    <message>
        <source>Not a collector number (11 digits starting with 8) or a phone number (10 digits).</source>
        <translation>Ni un numéro d&apos;adhérent (11 chiffres commençant par 8) ni un numéro de téléphone (10 chiffres).</translation>
    </message>
    <message numerus="yes">
        <source>%n member shown; more are available.</source>
        <translation>
            <numerusform>%n adhérent affiché; il y en a d’autres.</numerusform>
            <numerusform>%n adhérents affichés; il y en a d’autres.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n members shown; more are available.</source>
        <translation>
            <numerusform>%n adhérent affiché; il y en a d’autres.</numerusform>
            <numerusform>%n adhérents affichés; il y en a d’autres.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member found.</source>
        <translation>
            <numerusform>%n adhérent trouvé.</numerusform>
            <numerusform>%n adhérents trouvés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n members found.</source>
        <translation>
            <numerusform>%n adhérent trouvé.</numerusform>
            <numerusform>%n adhérents trouvés.</numerusform>
        </translation>
    </message>
    <message>
        <source>This email address is not valid.</source>
        <translation>Cette adresse courriel n&apos;est pas valide.</translation>
    </message>
    <message>
        <source>Type a last name, or Last name, First name, optionally with a postal code.</source>
        <translation>Tapez un nom, ou Nom, Prénom, avec un code postal au besoin.</translation>
    </message>
    <message>
        <source>The first name after the comma is not valid.</source>
        <translation>Le prénom après la virgule n&apos;est pas valide.</translation>
    </message>
    <message>
        <source>The check digit does not match.</source>
        <translation>Le chiffre de contrôle ne correspond pas.</translation>
    </message>
    <message>
        <source>Collector number: the check digit does not match. Enter looks it up anyway.</source>
        <translation>Numéro d&apos;adhérent&#xa0;: le chiffre de contrôle ne correspond pas. Entrée lance quand même la recherche.</translation>
    </message>
    <message>
        <source>Collector number: Enter opens the member.</source>
        <translation>Numéro d&apos;adhérent&#xa0;: Entrée ouvre la fiche de l&apos;adhérent.</translation>
    </message>
    <message>
        <source>Searches by email.</source>
        <translation>Recherche par courriel.</translation>
    </message>
    <message>
        <source>Searches by phone number.</source>
        <translation>Recherche par numéro de téléphone.</translation>
    </message>
    <message>
        <source>Searches by last name, first name and postal code.</source>
        <translation>Recherche par nom, prénom et code postal.</translation>
    </message>
    <message>
        <source>Searches by last name and first name.</source>
        <translation>Recherche par nom et prénom.</translation>
    </message>
    <message>
        <source>Searches by last name and postal code.</source>
        <translation>Recherche par nom et code postal.</translation>
    </message>
    <message>
        <source>Searches by last name.</source>
        <translation>Recherche par nom.</translation>
    </message>
</context>
<context>
    <name>SessionControl</name>
    <message>
        <source>Switch to Production</source>
        <translation>Passer en Production</translation>
    </message>
    <message>
        <source>Production holds live member data. Every write will ask again.
Type %1 to switch.</source>
        <translation>La Production contient des données réelles d&apos;adhérents. Chaque écriture demandera une confirmation.
Tapez %1 pour y passer.</translation>
    </message>
    <message>
        <source>No system keyring: the secret is kept for this session only.</source>
        <translation>Aucun trousseau système&#xa0;: le secret n&apos;est conservé que pour cette session.</translation>
    </message>
    <message>
        <source>Signed out here; the server was not told: %1</source>
        <translation>Déconnecté ici; le serveur n&apos;a pas été avisé&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Seconds to wait for a connection to the Collector Service.</source>
        <translation>Secondes d&apos;attente d&apos;une connexion au service des adhérents.</translation>
    </message>
    <message>
        <source>Connection timeout (seconds)</source>
        <translation>Délai de connexion (secondes)</translation>
    </message>
    <message>
        <source>Seconds to wait for the Collector Service to answer a request.</source>
        <translation>Secondes d&apos;attente de la réponse du service des adhérents à une demande.</translation>
    </message>
    <message>
        <source>Answer timeout (seconds)</source>
        <translation>Délai de réponse (secondes)</translation>
    </message>
    <message>
        <source>Seconds one call to the Collector Service or its sign-in may take in all, retries and waits included.</source>
        <translation>Durée maximale, en secondes, d’un appel au Collector Service ou à sa connexion, nouvelles tentatives et attentes comprises.</translation>
    </message>
    <message>
        <source>Call deadline (seconds)</source>
        <translation>Délai maximal d’un appel (secondes)</translation>
    </message>
    <message>
        <source>Minutes without keyboard or mouse input before the window locks and hides member data; 0 never locks.</source>
        <translation>Minutes sans clavier ni souris avant que la fenêtre se verrouille et masque les données des adhérents; 0 ne verrouille jamais.</translation>
    </message>
    <message>
        <source>Lock after idle (minutes)</source>
        <translation>Verrouiller après inactivité (minutes)</translation>
    </message>
    <message>
        <source>Answers that verify a caller before a member&apos;s data is shown: strict (full name and postal code) or lenient (full name and postal code, or full name and date of birth); the email counts where no address is on file.</source>
        <translation>Réponses qui vérifient l’appelant avant d’afficher les données d’un membre : strict (nom complet et code postal) ou souple (nom complet et code postal, ou nom complet et date de naissance); le courriel compte quand aucune adresse n’est au dossier.</translation>
    </message>
    <message>
        <source>Strict: full name and postal code</source>
        <translation>Stricte&#xa0;: nom complet et code postal</translation>
    </message>
    <message>
        <source>Lenient: full name with postal code or date of birth</source>
        <translation>Souple&#xa0;: nom complet avec code postal ou date de naissance</translation>
    </message>
    <message>
        <source>Caller verification policy</source>
        <translation>Politique de vérification de l’appelant</translation>
    </message>
    <message>
        <source>Minutes a member&apos;s verification stays locked after 3 answers that did not match.</source>
        <translation>Minutes pendant lesquelles la vérification d’un membre reste verrouillée après 3 réponses qui ne correspondent pas.</translation>
    </message>
    <message>
        <source>Verification lock (minutes)</source>
        <translation>Blocage de la vérification (minutes)</translation>
    </message>
    <message>
        <source>Show request and response headers and bodies in the request inspector in Production (otherwise only method, path, status, timing and correlation id).</source>
        <translation>Afficher les en-têtes et les corps des requêtes et des réponses dans l’inspecteur de requêtes en Production (sinon seulement la méthode, le chemin, le statut, la durée et l’ID de corrélation).</translation>
    </message>
    <message>
        <source>Request bodies in Production</source>
        <translation>Corps des requêtes en Production</translation>
    </message>
    <message>
        <source>Language of the console and of the Collector Service&apos;s messages.</source>
        <translation>Langue de la console et des messages du service des adhérents.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Name of the environment selected when the console last closed.</source>
        <translation>Nom de l&apos;environnement sélectionné à la dernière fermeture de la console.</translation>
    </message>
    <message>
        <source>Path of a JSON file with user-defined environments (added to or overriding the bundled ones).</source>
        <translation>Chemin d&apos;un fichier JSON d&apos;environnements définis par l&apos;utilisateur (ajoutés aux environnements fournis ou les remplaçant).</translation>
    </message>
    <message>
        <source>Environments file</source>
        <translation>Fichier des environnements</translation>
    </message>
    <message>
        <source>Enrollment use case (field profile) chosen last; empty for the profile file&apos;s default.</source>
        <translation>Dernier cas d&apos;utilisation d&apos;inscription choisi (profil de champs); vide pour celui par défaut du fichier de profils.</translation>
    </message>
    <message>
        <source>Lowest level of messages written to the log file.</source>
        <translation>Niveau minimal des messages écrits dans le journal.</translation>
    </message>
    <message>
        <source>Details for troubleshooting</source>
        <translation>Détails pour le dépannage</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Avertissements et erreurs</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Erreurs seulement</translation>
    </message>
    <message>
        <source>Log level</source>
        <translation>Niveau du journal</translation>
    </message>
    <message>
        <source>Size and position of the main window when it last closed.</source>
        <translation>Taille et position de la fenêtre principale à sa dernière fermeture.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Saved in %1</source>
        <translation>Enregistrés dans %1</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Browse for %1</source>
        <translation>Parcourir&#xa0;: %1</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Choisir un fichier</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>Fichiers JSON (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>No file at %1.</source>
        <translation>Aucun fichier à %1.</translation>
    </message>
    <message>
        <source>Choose one of: %1.</source>
        <translation>Choisissez parmi&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Use a number from %1 to %2.</source>
        <translation>Indiquez un nombre de %1 à %2.</translation>
    </message>
    <message>
        <source>This value cannot be used.</source>
        <translation>Cette valeur ne peut pas être utilisée.</translation>
    </message>
    <message>
        <source>%1

Type %2 to turn this on.</source>
        <translation>%1

Tapez %2 pour activer cette option.</translation>
    </message>
    <message>
        <source>Type %1 to turn this on.</source>
        <translation>Tapez %1 pour activer cette option.</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Close a popup or cancel what is running; else go back (never leaves the enrollment form)</source>
        <translation>Fermer une liste ou annuler ce qui est en cours; sinon revenir (ne quitte jamais le formulaire d’inscription)</translation>
    </message>
    <message>
        <source>Next or previous field or button</source>
        <translation>Champ ou bouton suivant ou précédent</translation>
    </message>
    <message>
        <source>Search; open the selected member</source>
        <translation>Rechercher; ouvrir l’adhérent sélectionné</translation>
    </message>
    <message>
        <source>From the search box into the results</source>
        <translation>De la zone de recherche aux résultats</translation>
    </message>
    <message>
        <source>Enroll the person in the form</source>
        <translation>Inscrire la personne du formulaire</translation>
    </message>
    <message>
        <source>Load the member&apos;s profile and summary again</source>
        <translation>Recharger le profil et le sommaire de l’adhérent</translation>
    </message>
    <message>
        <source>Alt+letter</source>
        <translation>Alt+lettre</translation>
    </message>
    <message>
        <source>The field or button whose underlined letter it is</source>
        <translation>Le champ ou le bouton dont c’est la lettre soulignée</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>On every page</source>
        <translation>Sur toutes les pages</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>Connection problem</source>
        <translation>Problème de connexion</translation>
    </message>
    <message>
        <source>&amp;Partner (client id and secret)</source>
        <translation>&amp;Partenaire (identifiant et secret)</translation>
    </message>
    <message>
        <source>&amp;Member (in the browser)</source>
        <translation>&amp;Adhérent (navigateur)</translation>
    </message>
    <message>
        <source>Sign in as partner</source>
        <translation>Se connecter comme partenaire</translation>
    </message>
    <message>
        <source>Sign in as member</source>
        <translation>Se connecter comme adhérent</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Environnement&#xa0;:</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Méthode&#xa0;:</translation>
    </message>
    <message>
        <source>Client id</source>
        <translation>Identifiant client</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Secret client</translation>
    </message>
    <message>
        <source>Secret problem</source>
        <translation>Problème de secret</translation>
    </message>
    <message>
        <source>&amp;Remember the secret in the system keyring</source>
        <translation>Mémo&amp;riser le secret dans le trousseau système</translation>
    </message>
    <message>
        <source>Remember the secret in the system keyring</source>
        <translation>Mémoriser le secret dans le trousseau système</translation>
    </message>
    <message>
        <source>Keyring notice</source>
        <translation>Avis sur le trousseau</translation>
    </message>
    <message>
        <source>Client &amp;id:</source>
        <translation>&amp;Identifiant client&#xa0;:</translation>
    </message>
    <message>
        <source>Secre&amp;t:</source>
        <translation>Secre&amp;t&#xa0;:</translation>
    </message>
    <message>
        <source>E&amp;mail and password</source>
        <translation>Co&amp;urriel et mot de passe</translation>
    </message>
    <message>
        <source>Collector number and &amp;PIN</source>
        <translation>Numéro d&apos;adhérent et &amp;NIP</translation>
    </message>
    <message>
        <source>Member signs in with email and password</source>
        <translation>L&apos;adhérent se connecte avec son courriel et son mot de passe</translation>
    </message>
    <message>
        <source>Member signs in with collector number and PIN</source>
        <translation>L&apos;adhérent se connecte avec son numéro d&apos;adhérent et son NIP</translation>
    </message>
    <message>
        <source>Waiting for the browser… Finish signing in there.</source>
        <translation>En attente du navigateur… Terminez la connexion dans celui-ci.</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Annu&amp;ler</translation>
    </message>
    <message>
        <source>Sign-in link</source>
        <translation>Lien de connexion</translation>
    </message>
    <message>
        <source>Cop&amp;y link</source>
        <translation>C&amp;opier le lien</translation>
    </message>
    <message>
        <source>Copy the sign-in link to the clipboard</source>
        <translation>Copier le lien de connexion dans le presse-papiers</translation>
    </message>
    <message>
        <source>Member sign-in problem</source>
        <translation>Problème de connexion de l&apos;adhérent</translation>
    </message>
    <message>
        <source>No system keyring: the secret is kept for this session only.</source>
        <translation>Aucun trousseau système&#xa0;: le secret n&apos;est conservé que pour cette session.</translation>
    </message>
    <message>
        <source>Enter the client id and the secret.</source>
        <translation>Entrez l&apos;identifiant client et le secret.</translation>
    </message>
    <message>
        <source>Wrong client id or secret.</source>
        <translation>Identifiant client ou secret erroné.</translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation>Connexion annulée.</translation>
    </message>
    <message>
        <source>The browser did not come back in time. Try again.</source>
        <translation>Le navigateur n&apos;a pas répondu à temps. Réessayez.</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>Impossible de joindre %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>No browser could be opened. Open this link in a browser on this computer and sign in there; this window waits for it.</source>
        <translation>Aucun navigateur n’a pu être ouvert. Ouvrez ce lien dans un navigateur de cet ordinateur et connectez-vous-y; cette fenêtre attend la connexion.</translation>
    </message>
    <message>
        <source>Link copied. Open it in a browser on this computer and sign in there; this window waits for it.</source>
        <translation>Lien copié. Ouvrez-le dans un navigateur de cet ordinateur et connectez-vous-y; cette fenêtre attend la connexion.</translation>
    </message>
</context>
<context>
    <name>StatusItems</name>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>Signed-in identity</source>
        <translation>Identité connectée</translation>
    </message>
    <message>
        <source>Token lifetime</source>
        <translation>Durée de vie du jeton</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>État de la connexion</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Avis</translation>
    </message>
    <message>
        <source>%1 (starting…)</source>
        <translation>%1 (démarrage…)</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>partner</source>
        <translation>partenaire</translation>
    </message>
    <message>
        <source>member</source>
        <translation>adhérent</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Token: %1 left</source>
        <translation>Jeton&#xa0;: %1 restant</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Injoignable</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Occupé</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>En maintenance</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>Démarrage impossible</translation>
    </message>
</context>
<context>
    <name>SuccessView</name>
    <message>
        <source>Member enrolled</source>
        <translation>Adhérent inscrit</translation>
    </message>
    <message>
        <source>New collector number</source>
        <translation>Nouveau numéro d&apos;adhérent</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>Copi&amp;er</translation>
    </message>
    <message>
        <source>Copy the collector number</source>
        <translation>Copier le numéro d&apos;adhérent</translation>
    </message>
    <message>
        <source>&amp;Open member</source>
        <translation>&amp;Ouvrir la fiche</translation>
    </message>
    <message>
        <source>Open member</source>
        <translation>Ouvrir la fiche de l&apos;adhérent</translation>
    </message>
    <message>
        <source>Enroll &amp;another</source>
        <translation>Inscrire un &amp;autre adhérent</translation>
    </message>
    <message>
        <source>Enroll another</source>
        <translation>Inscrire un autre adhérent</translation>
    </message>
    <message>
        <source>What was sent (masked)</source>
        <translation>Ce qui a été envoyé (masqué)</translation>
    </message>
    <message>
        <source>Status %1, enrolled %2, in %3.</source>
        <translation>Statut %1, inscrit le %2, dans %3.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Cellulaire</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Domicile</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Travail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Call centre</source>
        <translation>Centre d&apos;appels</translation>
    </message>
    <message>
        <source>In store</source>
        <translation>En magasin</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Email offers</source>
        <translation>Offres par courriel</translation>
    </message>
    <message>
        <source>Partner offers</source>
        <translation>Offres des partenaires</translation>
    </message>
    <message>
        <source>Text messages</source>
        <translation>Messages texte</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>wording %1</source>
        <translation>libellé %1</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>Copié.</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>Tier</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Refresh the summary</source>
        <translation>Actualiser le sommaire</translation>
    </message>
    <message>
        <source>Cash Miles</source>
        <translation>AIR MILES Argent</translation>
    </message>
    <message>
        <source>Instant rewards at the till and online.</source>
        <translation>Rabais instantanés à la caisse et en ligne.</translation>
    </message>
    <message>
        <source>Dream Miles</source>
        <translation>AIR MILES Rêves</translation>
    </message>
    <message>
        <source>Travel, merchandise and events.</source>
        <translation>Voyages, marchandises et événements.</translation>
    </message>
    <message>
        <source>Cash and Dream are separate balances: Miles cannot be moved between them.</source>
        <translation>AIR MILES Argent et AIR MILES Rêves sont des soldes distincts&#xa0;: les milles ne peuvent pas être transférés de l&apos;un à l&apos;autre.</translation>
    </message>
    <message>
        <source>Balances as of</source>
        <translation>Soldes en date du</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Bleu</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>Or</translation>
    </message>
    <message>
        <source>Onyx</source>
        <translation>Onyx</translation>
    </message>
    <message>
        <source>No tier</source>
        <translation>Aucun niveau</translation>
    </message>
    <message>
        <source>%1 tier</source>
        <translation>Niveau %1</translation>
    </message>
    <message>
        <source>%1 Miles</source>
        <translation>%1 milles</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>En date du %1</translation>
    </message>
</context>
<context>
    <name>TokenView</name>
    <message>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>Connecté comme</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Émetteur</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Audience</translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation>Portées</translation>
    </message>
    <message>
        <source>Authorized party (azp)</source>
        <translation>Partie autorisée (azp)</translation>
    </message>
    <message>
        <source>Member&apos;s collector number</source>
        <translation>Numéro d’adhérent du membre</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation>Jeton d’actualisation</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>Clé de signature</translation>
    </message>
    <message>
        <source>Token header and claims</source>
        <translation>En-tête et revendications du jeton</translation>
    </message>
    <message>
        <source>Token notice</source>
        <translation>Avis sur le jeton</translation>
    </message>
    <message>
        <source>&amp;Renew now</source>
        <translation>&amp;Renouveler maintenant</translation>
    </message>
    <message>
        <source>Renew the token now</source>
        <translation>Renouveler le jeton maintenant</translation>
    </message>
    <message>
        <source>Sign &amp;out and revoke</source>
        <translation>Se &amp;déconnecter et révoquer</translation>
    </message>
    <message>
        <source>Sign out and revoke the refresh token</source>
        <translation>Se déconnecter et révoquer le jeton d’actualisation</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation>Non connecté.</translation>
    </message>
    <message>
        <source>partner</source>
        <translation>partenaire</translation>
    </message>
    <message>
        <source>member</source>
        <translation>membre</translation>
    </message>
    <message>
        <source>none (not a member token)</source>
        <translation>aucun (pas un jeton de membre)</translation>
    </message>
    <message>
        <source>held (its value is never shown)</source>
        <translation>conservé (sa valeur n’est jamais affichée)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>%1, checking the tenant&apos;s keys…</source>
        <translation>%1, vérification des clés du locataire…</translation>
    </message>
    <message>
        <source>far in the future (beyond the calendar)</source>
        <translation>dans un avenir lointain (au-delà du calendrier)</translation>
    </message>
    <message>
        <source>%1 (expired)</source>
        <translation>%1 (expiré)</translation>
    </message>
    <message>
        <source>%1 (in %2)</source>
        <translation>%1 (dans %2)</translation>
    </message>
    <message>
        <source>%1 (the tenant&apos;s keys could not be read)</source>
        <translation>%1 (les clés du locataire n’ont pas pu être lues)</translation>
    </message>
    <message>
        <source>%1, published in the tenant&apos;s JWKS</source>
        <translation>%1, publiée dans le JWKS du locataire</translation>
    </message>
    <message>
        <source>%1, NOT in the tenant&apos;s JWKS</source>
        <translation>%1, ABSENTE du JWKS du locataire</translation>
    </message>
</context>
<context>
    <name>ToolDialogs</name>
    <message>
        <source>The environments file named in the settings cannot be read.</source>
        <translation>Le fichier des environnements nommé dans les paramètres ne peut pas être lu.</translation>
    </message>
    <message>
        <source>Language changed</source>
        <translation>Langue modifiée</translation>
    </message>
    <message>
        <source>The new language applies when Collector Console starts again. Restart now?</source>
        <translation>La nouvelle langue s’applique au prochain démarrage de la console. Redémarrer maintenant?</translation>
    </message>
    <message>
        <source>Collector Console %1
For AIR MILES partner staff.</source>
        <translation>Collector Console %1
Pour le personnel des partenaires AIR MILES.</translation>
    </message>
    <message>
        <source>About Collector Console</source>
        <translation>À propos de Collector Console</translation>
    </message>
</context>
<context>
    <name>VerificationBox</name>
    <message>
        <source>Verify the caller</source>
        <translation>Vérifier l’appelant</translation>
    </message>
    <message>
        <source>Type what the caller says; each answer is checked when you leave it. Nothing on file is shown until the answers match.</source>
        <translation>Saisissez ce que dit l’appelant; chaque réponse est vérifiée quand vous quittez le champ. Rien du dossier ne s’affiche avant que les réponses correspondent.</translation>
    </message>
    <message>
        <source>Verification locked</source>
        <translation>Vérification verrouillée</translation>
    </message>
    <message>
        <source>&amp;Override…</source>
        <translation>&amp;Dérogation…</translation>
    </message>
    <message>
        <source>Verify by override, with a reason</source>
        <translation>Vérifier par dérogation, avec un motif</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1&#xa0;min %2&#xa0;s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1&#xa0;s</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nom complet</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>full name</source>
        <translation>nom complet</translation>
    </message>
    <message>
        <source>postal code</source>
        <translation>code postal</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>date de naissance</translation>
    </message>
    <message>
        <source>email</source>
        <translation>courriel</translation>
    </message>
    <message>
        <source>Nothing on file can be asked: verify by override, with a reason.</source>
        <translation>Rien au dossier ne peut être demandé&#xa0;: vérifiez par dérogation, avec un motif.</translation>
    </message>
    <message>
        <source> or </source>
        <translation> ou </translation>
    </message>
    <message>
        <source>Ask for: %1</source>
        <translation>Demandez&#xa0;: %1</translation>
    </message>
    <message>
        <source>Loading the member…</source>
        <translation>Chargement du membre…</translation>
    </message>
    <message>
        <source>Caller&apos;s answer: %1</source>
        <translation>Réponse de l’appelant&#xa0;: %1</translation>
    </message>
    <message>
        <source>The audit file cannot be written, so the caller cannot be verified.</source>
        <translation>Le journal d’audit ne peut pas être écrit&#xa0;: l’appelant ne peut donc pas être vérifié.</translation>
    </message>
    <message>
        <source>✓ Matches</source>
        <translation>✓ Correspond</translation>
    </message>
    <message>
        <source>✗ Does not match</source>
        <translation>✗ Ne correspond pas</translation>
    </message>
    <message>
        <source>Verification is locked for this member: %1 answers did not match. Try again in %2.</source>
        <translation>La vérification de ce membre est verrouillée&#xa0;: %1 réponses ne correspondaient pas. Réessayez dans %2.</translation>
    </message>
    <message>
        <source>Answers that did not match: %1 of %2.</source>
        <translation>Réponses qui ne correspondaient pas&#xa0;: %1 sur %2.</translation>
    </message>
    <message>
        <source>An override needs a reason.</source>
        <translation>Une dérogation exige un motif.</translation>
    </message>
</context>
<context>
    <name>WaitNotice</name>
    <message>
        <source>Service busy</source>
        <translation>Service occupé</translation>
    </message>
    <message>
        <source>Service in maintenance</source>
        <translation>Service en maintenance</translation>
    </message>
    <message>
        <source>Still being processed</source>
        <translation>Traitement en cours</translation>
    </message>
    <message>
        <source>Service error</source>
        <translation>Erreur du service</translation>
    </message>
    <message>
        <source>Connection problem</source>
        <translation>Problème de connexion</translation>
    </message>
    <message>
        <source>No answer yet</source>
        <translation>Pas encore de réponse</translation>
    </message>
</context>
<context>
    <name>Waiting</name>
    <message>
        <source>The service is busy; trying again in %1 s.</source>
        <translation>Le service est occupé; nouvel essai dans %1 s.</translation>
    </message>
    <message>
        <source>The service is busy; trying again now.</source>
        <translation>Le service est occupé; nouvel essai en cours.</translation>
    </message>
    <message>
        <source>The service is in maintenance; trying again in %1 s.</source>
        <translation>Le service est en maintenance; nouvel essai dans %1 s.</translation>
    </message>
    <message>
        <source>The service is in maintenance; trying again now.</source>
        <translation>Le service est en maintenance; nouvel essai en cours.</translation>
    </message>
    <message>
        <source>The service is still processing the enrollment; trying again in %1 s.</source>
        <translation>Le service traite encore l’inscription; nouvel essai dans %1 s.</translation>
    </message>
    <message>
        <source>The service is still processing the enrollment; trying again now.</source>
        <translation>Le service traite encore l’inscription; nouvel essai en cours.</translation>
    </message>
    <message>
        <source>The service had an internal error; trying again in %1 s.</source>
        <translation>Le service a eu une erreur interne; nouvel essai dans %1 s.</translation>
    </message>
    <message>
        <source>The service had an internal error; trying again now.</source>
        <translation>Le service a eu une erreur interne; nouvel essai en cours.</translation>
    </message>
    <message>
        <source>The service cannot be reached; trying again in %1 s.</source>
        <translation>Le service est injoignable; nouvel essai dans %1 s.</translation>
    </message>
    <message>
        <source>The service cannot be reached; trying again now.</source>
        <translation>Le service est injoignable; nouvel essai en cours.</translation>
    </message>
    <message>
        <source>The service did not answer in time; trying again in %1 s.</source>
        <translation>Le service n’a pas répondu à temps; nouvel essai dans %1 s.</translation>
    </message>
    <message>
        <source>The service did not answer in time; trying again now.</source>
        <translation>Le service n’a pas répondu à temps; nouvel essai en cours.</translation>
    </message>
</context>
<context>
    <name>WaitingLine</name>
    <message>
        <source>What the console is waiting for</source>
        <translation>Ce que la console attend</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel the request</source>
        <translation>Annuler la demande</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <source>Find a member (Ctrl+F)</source>
        <translation>Trouver un adhérent (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Enroll</source>
        <translation>&amp;Inscrire</translation>
    </message>
    <message>
        <source>Enroll a new member (Ctrl+N)</source>
        <translation>Inscrire un nouvel adhérent (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>Re&amp;tour</translation>
    </message>
    <message>
        <source>Back (Alt+Left)</source>
        <translation>Retour (Alt+Gauche)</translation>
    </message>
    <message>
        <source>Cancel or go back</source>
        <translation>Annuler ou revenir</translation>
    </message>
    <message>
        <source>Ne&amp;xt pane</source>
        <translation>Volet &amp;suivant</translation>
    </message>
    <message>
        <source>Pre&amp;vious pane</source>
        <translation>&amp;Volet précédent</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>Para&amp;mètres…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Raccourcis c&amp;lavier</translation>
    </message>
    <message>
        <source>Sign &amp;in…</source>
        <translation>Se &amp;connecter…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Q&amp;uitter</translation>
    </message>
    <message>
        <source>&amp;About Collector Console</source>
        <translation>À &amp;propos de Collector Console</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>E&amp;dit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Barre principale</translation>
    </message>
    <message>
        <source>Import e&amp;nrollments…</source>
        <translation>Importer des ad&amp;hésions…</translation>
    </message>
    <message>
        <source>Enroll the people listed in a CSV file</source>
        <translation>Inscrire les personnes d’un fichier CSV</translation>
    </message>
    <message>
        <source>&amp;Requests</source>
        <translation>Re&amp;quêtes</translation>
    </message>
    <message>
        <source>Requests sent and their answers, redacted (Ctrl+Shift+R)</source>
        <translation>Requêtes envoyées et leurs réponses, caviardées (Ctrl+Maj+R)</translation>
    </message>
    <message>
        <source>&amp;Check this environment…</source>
        <translation>&amp;Bilan de conformité de cet environnement…</translation>
    </message>
    <message>
        <source>To&amp;ken…</source>
        <translation>&amp;Jeton…</translation>
    </message>
    <message>
        <source>&amp;Environments…</source>
        <translation>&amp;Gérer les environnements…</translation>
    </message>
    <message>
        <source>Enrollments &amp;waiting…</source>
        <translation>Inscriptions e&amp;n attente…</translation>
    </message>
</context>
</TS>
