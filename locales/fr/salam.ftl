# Salam widget — French. Same ids as the English reference locale.

## Launcher
# $unread (number): messages that arrived while the panel was closed.
launcher-label =
    { $unread ->
        [0] Discutez avec nous
        [one] Discutez avec nous, { $unread } message non lu
       *[other] Discutez avec nous, { $unread } messages non lus
    }

## Panel header
panel-title-default = Assistance
panel-subtitle-default = Nous répondons généralement en quelques minutes.
close-label = Fermer la discussion

## Message log
log-label = Conversation
log-empty = Posez-nous toutes vos questions, nous sommes là pour vous aider.
author-you = Vous
author-bot = Bot
author-agent = Conseiller
author-system = Information
message-sending = Envoi en cours…
message-sent = Envoyé
# The support side has read the visitor's message.
message-seen = Vu
message-failed = Non envoyé.
message-failed-too-long = Non envoyé : le message est trop long.
message-failed-rate-limited = Non envoyé : trop de messages à la fois. Patientez un instant.
message-retry = Réessayer
upload-failed = Non envoyé : le fichier n’a pas pu être importé.
upload-too-large = Non envoyé : le fichier est trop volumineux.
upload-type = Non envoyé : ce type de fichier n’est pas accepté.
upload-mismatch = Non envoyé : le contenu du fichier ne correspond pas à son nom.
upload-progress = Importation de { $name } en cours
upload-cancel = Annuler

## Composer
composer-label = Message
composer-placeholder = Écrivez un message…
composer-hint = Entrée pour envoyer, Maj+Entrée pour aller à la ligne.
send-label = Envoyer
attach-label = Joindre un fichier
attach-type = Impossible d’envoyer { $name } : ce type de fichier n’est pas accepté.
# $name (string): the file's name. $mb (string): the size limit in megabytes, already formatted.
attach-too-large = Impossible d’envoyer { $name } : les fichiers ne doivent pas dépasser { $mb } Mo.
attach-empty = Impossible d’envoyer { $name } : le fichier est vide.
# The button that takes a file off the "leave a message" form.
attach-remove = Retirer { $name }
# $max (number): the longest message allowed, in characters.
composer-too-long = Ce message est trop long : { $max } caractères maximum. Raccourcissez-le et renvoyez-le.

## Connection
connection-connecting = Connexion en cours…
connection-reconnecting = Reconnexion… Vos messages seront envoyés dès que la connexion sera rétablie.
connection-offline = Vous êtes hors ligne. Vos messages seront envoyés dès que vous serez de nouveau en ligne.

## Conversation
# $name (string): the display name of the support agent or bot who is typing.
typing-named = { $name } écrit…
typing-anonymous = Un conseiller écrit…
status-resolved = Cette conversation a été marquée comme résolue. Écrivez-nous à nouveau quand vous le souhaitez.

## Who answers (under the panel's title)
answering-bot = Notre assistant répond immédiatement.
answering-waiting = Un conseiller va bientôt vous rejoindre.
# $position (number): the conversation's place in the queue; 1 is next.
answering-queue =
    { $position ->
        [1] Un conseiller va bientôt vous rejoindre. Vous êtes en tête de file.
        [one] Un conseiller va bientôt vous rejoindre. Vous êtes en position { $position } dans la file d'attente.
       *[other] Un conseiller va bientôt vous rejoindre. Vous êtes en position { $position } dans la file d'attente.
    }
# Read by screen readers before the agent's name and team in the header.
answering-agent-label = Vous échangez avec :
talk-to-person = Parler à un conseiller
# The group of buttons with answers the visitor may pick.
quick-replies-label = Réponses suggérées

## Availability (the panel's subtitle)
reply-time-few = Nous répondons généralement en quelques minutes.
# $minutes (number): the usual minutes to a first reply.
reply-time =
    { $minutes ->
        [one] Nous répondons généralement en { $minutes } minute.
       *[other] Nous répondons généralement en { $minutes } minutes.
    }
away-now = Nous sommes absents pour le moment.
# $time (string): a time of day, like "9:00"; $in (string): how long until then, like "in 2 hours".
away-back-today = Nous sommes absents. De retour à { $time } ({ $in }).
# $time (string): a time of day.
away-back-tomorrow = Nous sommes absents. De retour demain à { $time }.
# $day (string): a day of the week, like "Monday"; $time (string): a time of day.
away-back-weekday = Nous sommes absents. De retour { $day } à { $time }.
# $date (string): a date, like "December 28, 2026".
away-back-later = Nous sommes absents. De retour le { $date }.
# While away and waiting for a person: how the answer will reach the visitor.
answering-waiting-away = Un conseiller vous répondra ici dès notre retour. Vous pouvez continuer à écrire.

## Proactive greeting (beside the launcher)
# The button that hides the greeting.
greeting-dismiss = Fermer le message d’accueil

## Pre-chat form (before the first message, when the site asks for it)
prechat-title = Avant de commencer
prechat-intro = Parlez-nous un peu de vous, afin que la bonne personne puisse vous aider.
prechat-name = Nom
prechat-email = E-mail
prechat-submit = Démarrer la discussion
# Under a required field left empty.
prechat-required = Ce champ est obligatoire.
# Under an e-mail field that is not an address.
prechat-email-invalid = Saisissez une adresse e-mail, par exemple name@example.com.
# Under a select field whose choice is not one of its options.
prechat-option-invalid = Choisissez une des options proposées.
# The first option of a select field, meaning "nothing chosen yet".
prechat-choose = Choisissez…
# After "(optional)" style marker next to a field's label when it is not required.
prechat-optional = (facultatif)

## Leave a message (a ticket, answered by e-mail)

# A button, offered while nobody can answer in the chat.
ticket-offer = Laisser un message
ticket-title = Laissez-nous un message
ticket-intro = Nous vous répondrons par e-mail et vous enverrons une copie avec votre numéro de demande.
ticket-subject = Objet
ticket-message = Message
ticket-submit = Envoyer
ticket-cancel = Annuler
# $reference (string): the request number, like "#1042". $email (string): where the answer goes.
ticket-sent = Merci ! Votre demande { $reference } a bien été reçue. Nous vous répondrons à l’adresse { $email }.
ticket-sending = Envoi de votre message…
ticket-too-long = Ce message est trop long.
# A file of the form could not be uploaded, so the message waits.
ticket-files-failed = Un fichier n’a pas pu être importé. Retirez-le ou joignez-le à nouveau.
ticket-failed = Votre message n’a pas pu être envoyé. Veuillez réessayer.

## Other channels (links to the team elsewhere, set by the site owner)

# Names the group of links, for screen readers.
channels-label = Autres moyens de nous contacter
# The default texts of the links (the owner may give their own). Brand names stay as they are.
channel-whatsapp = WhatsApp
channel-telegram = Telegram
channel-email = E-mail
channel-phone = Appelez-nous
channel-link = Notre site web

## The panel's menu

# The button that opens the menu, for screen readers (it shows three dots).
menu-label = Plus d’options
menu-transcript-text = Télécharger la conversation (texte)
menu-transcript-html = Télécharger la conversation (page web)
menu-email = M’envoyer la conversation par e-mail
menu-end = Terminer la discussion

## Transcripts (the conversation as a file, or by e-mail)

# The file's heading, and its name before the extension.
transcript-title = Notre conversation
# Who wrote a message, in the file.
transcript-you = Vous
transcript-team = Équipe d’assistance
transcript-email-title = M’envoyer la conversation par e-mail
transcript-email-intro = Nous enverrons une copie de cette conversation à cette adresse.
transcript-email-submit = Envoyer
# $email (string): where it goes.
transcript-email-sent = Cette conversation est en cours d’envoi à { $email }.
transcript-failed = Impossible d’envoyer cette conversation par e-mail pour le moment.

## Ending a chat, and rating it

# Asked when the team marks the chat solved.
end-ask = Pouvons-nous vous aider pour autre chose ?
end-yes = Oui
end-no = Non, c’est tout
end-confirm = Terminer cette discussion ?
end-confirm-yes = Terminer la discussion
rate-title = Comment s’est passée cette discussion ?
# $score (number): one choice of the five-star scale.
rate-stars = { $score ->
    [one] { $score } étoile
   *[other] { $score } étoiles
}
rate-up = Bien
rate-down = Mauvais
rate-face-1 = Mauvais
rate-face-2 = Correct
rate-face-3 = Excellent
# Asked after a low rating, above the reasons to tick.
rate-reasons = Qu’est-ce qui n’a pas été ?
rate-reason-slow = C’était trop long
rate-reason-unsolved = Mon problème n’est pas résolu
rate-reason-unclear = Les réponses n’étaient pas claires
rate-reason-unfriendly = L’accueil n’était pas aimable
rate-comment = Souhaitez-vous ajouter quelque chose ? (facultatif)
rate-send = Envoyer
# Shown when a comment is sent without a rating.
rate-pick = Choisissez d’abord une note.
rate-thanks = Merci pour votre avis !

## "Your conversations": the visitor's earlier chats and requests

# In the panel's menu, and the list's heading.
threads-title = Vos conversations
threads-back = Retour à la discussion
threads-new = Nouvelle conversation
threads-empty = Aucune conversation pour le moment.
# $status: open, pending (the team waits for the visitor) or solved.
threads-status = { $status ->
    [pending] En attente de votre réponse
    [solved] Résolue
   *[open] En cours
}
# $count (number): messages from the team not read yet.
threads-unread = { $count ->
    [one] { $count } non lu
   *[other] { $count } non lus
}
