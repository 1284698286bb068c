# Salam widget — German (formal "Sie"). Same ids as the English reference locale.

## Launcher
# $unread (number): messages that arrived while the panel was closed.
launcher-label =
    { $unread ->
        [0] Chatten Sie mit uns
        [one] Chatten Sie mit uns, { $unread } ungelesene Nachricht
       *[other] Chatten Sie mit uns, { $unread } ungelesene Nachrichten
    }

## Panel header
panel-title-default = Support
panel-subtitle-default = Wir antworten in der Regel innerhalb weniger Minuten.
close-label = Chat schließen

## Message log
log-label = Unterhaltung
log-empty = Fragen Sie uns einfach, wir helfen Ihnen gern.
author-you = Sie
author-bot = Bot
author-agent = Support-Team
author-system = Hinweis
message-sending = Wird gesendet…
message-sent = Gesendet
# The support side has read the visitor's message.
message-seen = Gesehen
message-failed = Nicht gesendet.
message-failed-too-long = Nicht gesendet: Die Nachricht ist zu lang.
message-failed-rate-limited = Nicht gesendet: zu viele Nachrichten auf einmal. Bitte warten Sie einen Moment.
message-retry = Erneut versuchen
upload-failed = Nicht gesendet: Die Datei konnte nicht hochgeladen werden.
upload-too-large = Nicht gesendet: Die Datei ist zu groß.
upload-type = Nicht gesendet: Dieser Dateityp wird nicht akzeptiert.
upload-mismatch = Nicht gesendet: Der Inhalt der Datei passt nicht zu ihrem Namen.
upload-progress = { $name } wird hochgeladen
upload-cancel = Abbrechen

## Composer
composer-label = Nachricht
composer-placeholder = Nachricht schreiben…
composer-hint = Enter zum Senden, Umschalt+Enter für eine neue Zeile.
send-label = Senden
attach-label = Datei anhängen
attach-type = { $name } kann nicht gesendet werden: Dieser Dateityp wird nicht akzeptiert.
# $name (string): the file's name. $mb (string): the size limit in megabytes, already formatted.
attach-too-large = { $name } kann nicht gesendet werden: Dateien dürfen höchstens { $mb } MB groß sein.
attach-empty = { $name } kann nicht gesendet werden: Die Datei ist leer.
# The button that takes a file off the "leave a message" form.
attach-remove = { $name } entfernen
# $max (number): the longest message allowed, in characters.
composer-too-long = Diese Nachricht ist zu lang: maximal { $max } Zeichen. Bitte kürzen Sie sie und senden Sie sie erneut.

## Connection
connection-connecting = Verbindung wird hergestellt…
connection-reconnecting = Verbindung wird wiederhergestellt… Ihre Nachrichten werden gesendet, sobald die Verbindung wieder steht.
connection-offline = Sie sind offline. Ihre Nachrichten werden gesendet, sobald Sie wieder online sind.

## Conversation
# $name (string): the display name of the support agent or bot who is typing.
typing-named = { $name } schreibt…
typing-anonymous = Das Support-Team schreibt…
status-resolved = Diese Unterhaltung wurde als gelöst markiert. Schreiben Sie uns jederzeit gern wieder.

## Who answers (under the panel's title)
answering-bot = Unser Assistent antwortet sofort.
answering-waiting = Gleich ist jemand aus dem Support-Team für Sie da.
# $position (number): the conversation's place in the queue; 1 is next.
answering-queue =
    { $position ->
        [1] Gleich ist jemand aus dem Support-Team für Sie da. Sie sind als Nächstes an der Reihe.
        [one] Gleich ist jemand aus dem Support-Team für Sie da. Sie sind auf Platz { $position } der Warteschlange.
       *[other] Gleich ist jemand aus dem Support-Team für Sie da. Sie sind auf Platz { $position } der Warteschlange.
    }
# Read by screen readers before the agent's name and team in the header.
answering-agent-label = Es antwortet:
talk-to-person = Mit einem Menschen sprechen
# The group of buttons with answers the visitor may pick.
quick-replies-label = Antwortvorschläge

## Availability (the panel's subtitle)
reply-time-few = Wir antworten in der Regel innerhalb weniger Minuten.
# $minutes (number): the usual minutes to a first reply.
reply-time =
    { $minutes ->
        [one] Wir antworten in der Regel innerhalb von { $minutes } Minute.
       *[other] Wir antworten in der Regel innerhalb von { $minutes } Minuten.
    }
away-now = Wir sind gerade nicht erreichbar.
# $time (string): a time of day, like "9:00"; $in (string): how long until then, like "in 2 hours".
away-back-today = Wir sind gerade nicht erreichbar. Wieder erreichbar um { $time } Uhr ({ $in }).
# $time (string): a time of day.
away-back-tomorrow = Wir sind gerade nicht erreichbar. Wieder erreichbar morgen um { $time } Uhr.
# $day (string): a day of the week, like "Monday"; $time (string): a time of day.
away-back-weekday = Wir sind gerade nicht erreichbar. Wieder erreichbar am { $day } um { $time } Uhr.
# $date (string): a date, like "December 28, 2026".
away-back-later = Wir sind gerade nicht erreichbar. Wieder erreichbar am { $date }.
# While away and waiting for a person: how the answer will reach the visitor.
answering-waiting-away = Sobald wir wieder erreichbar sind, antwortet Ihnen hier jemand aus dem Support-Team. Sie können gern weiterschreiben.

## Proactive greeting (beside the launcher)
# The button that hides the greeting.
greeting-dismiss = Begrüßung schließen

## Pre-chat form (before the first message, when the site asks for it)
prechat-title = Bevor wir beginnen
prechat-intro = Erzählen Sie uns kurz etwas über sich, damit Ihnen die richtige Person helfen kann.
prechat-name = Name
prechat-email = E-Mail
prechat-submit = Chat starten
# Under a required field left empty.
prechat-required = Dies ist ein Pflichtfeld.
# Under an e-mail field that is not an address.
prechat-email-invalid = Bitte geben Sie eine E-Mail-Adresse wie name@example.com ein.
# Under a select field whose choice is not one of its options.
prechat-option-invalid = Bitte wählen Sie eine der Optionen aus.
# The first option of a select field, meaning "nothing chosen yet".
prechat-choose = Bitte wählen…
# After "(optional)" style marker next to a field's label when it is not required.
prechat-optional = (optional)

## Leave a message (a ticket, answered by e-mail)

# A button, offered while nobody can answer in the chat.
ticket-offer = Nachricht hinterlassen
ticket-title = Hinterlassen Sie uns eine Nachricht
ticket-intro = Wir antworten Ihnen per E-Mail und senden Ihnen eine Kopie mit Ihrer Anfragenummer.
ticket-subject = Betreff
ticket-message = Nachricht
ticket-submit = Senden
ticket-cancel = Abbrechen
# $reference (string): the request number, like "#1042". $email (string): where the answer goes.
ticket-sent = Vielen Dank! Ihre Anfrage { $reference } ist bei uns eingegangen. Wir antworten Ihnen an { $email }.
ticket-sending = Ihre Nachricht wird gesendet…
ticket-too-long = Diese Nachricht ist zu lang.
# A file of the form could not be uploaded, so the message waits.
ticket-files-failed = Eine Datei konnte nicht hochgeladen werden. Entfernen Sie sie oder hängen Sie sie erneut an.
ticket-failed = Ihre Nachricht konnte nicht gesendet werden. Bitte versuchen Sie es erneut.

## Other channels (links to the team elsewhere, set by the site owner)

# Names the group of links, for screen readers.
channels-label = Weitere Kontaktmöglichkeiten
# The default texts of the links (the owner may give their own). Brand names stay as they are.
channel-whatsapp = WhatsApp
channel-telegram = Telegram
channel-email = E-Mail
channel-phone = Rufen Sie uns an
channel-link = Unsere Website

## The panel's menu

# The button that opens the menu, for screen readers (it shows three dots).
menu-label = Weitere Optionen
menu-transcript-text = Unterhaltung herunterladen (Text)
menu-transcript-html = Unterhaltung herunterladen (Webseite)
menu-email = Unterhaltung per E-Mail erhalten
menu-end = Chat beenden

## Transcripts (the conversation as a file, or by e-mail)

# The file's heading, and its name before the extension.
transcript-title = Unsere Unterhaltung
# Who wrote a message, in the file.
transcript-you = Sie
transcript-team = Support-Team
transcript-email-title = Unterhaltung per E-Mail erhalten
transcript-email-intro = Wir senden eine Kopie dieser Unterhaltung an diese Adresse.
transcript-email-submit = Senden
# $email (string): where it goes.
transcript-email-sent = Diese Unterhaltung wird an { $email } gesendet.
transcript-failed = Diese Unterhaltung kann gerade nicht per E-Mail gesendet werden.

## Ending a chat, and rating it

# Asked when the team marks the chat solved.
end-ask = Können wir Ihnen sonst noch helfen?
end-yes = Ja
end-no = Nein, das war alles
end-confirm = Diesen Chat beenden?
end-confirm-yes = Chat beenden
rate-title = Wie war dieser Chat?
# $score (number): one choice of the five-star scale.
rate-stars = { $score ->
    [one] { $score } Stern
   *[other] { $score } Sterne
}
rate-up = Gut
rate-down = Schlecht
rate-face-1 = Schlecht
rate-face-2 = Okay
rate-face-3 = Super
# Asked after a low rating, above the reasons to tick.
rate-reasons = Was ist schiefgelaufen?
rate-reason-slow = Es hat zu lange gedauert
rate-reason-unsolved = Mein Problem ist nicht gelöst
rate-reason-unclear = Die Antworten waren unklar
rate-reason-unfriendly = Der Ton war unfreundlich
rate-comment = Möchten Sie noch etwas hinzufügen? (optional)
rate-send = Senden
# Shown when a comment is sent without a rating.
rate-pick = Bitte wählen Sie zuerst eine Bewertung.
rate-thanks = Vielen Dank für Ihr Feedback!

## "Your conversations": the visitor's earlier chats and requests

# In the panel's menu, and the list's heading.
threads-title = Ihre Unterhaltungen
threads-back = Zurück zum Chat
threads-new = Neue Unterhaltung
threads-empty = Noch keine Unterhaltungen.
# $status: open, pending (the team waits for the visitor) or solved.
threads-status = { $status ->
    [pending] Wartet auf Ihre Antwort
    [solved] Gelöst
   *[open] Offen
}
# $count (number): messages from the team not read yet.
threads-unread = { $count ->
    [one] { $count } ungelesen
   *[other] { $count } ungelesen
}
