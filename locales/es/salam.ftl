# Salam widget — Spanish (neutral/international). Same ids as the English reference locale.

## Launcher
# $unread (number): messages that arrived while the panel was closed.
launcher-label =
    { $unread ->
        [0] Chatea con nosotros
        [one] Chatea con nosotros, { $unread } mensaje sin leer
       *[other] Chatea con nosotros, { $unread } mensajes sin leer
    }

## Panel header
panel-title-default = Soporte
panel-subtitle-default = Solemos responder en pocos minutos.
close-label = Cerrar chat

## Message log
log-label = Conversación
log-empty = Pregúntanos lo que quieras, estamos aquí para ayudarte.
author-you = Tú
author-bot = Bot
author-agent = Agente
author-system = Aviso
message-sending = Enviando…
message-sent = Enviado
# The support side has read the visitor's message.
message-seen = Visto
message-failed = No enviado.
message-failed-too-long = No enviado: el mensaje es demasiado largo.
message-failed-rate-limited = No enviado: demasiados mensajes seguidos. Espera un momento.
message-retry = Reintentar
upload-failed = No enviado: no se pudo subir el archivo.
upload-too-large = No enviado: el archivo es demasiado grande.
upload-type = No enviado: no se aceptan archivos de este tipo.
upload-mismatch = No enviado: el contenido del archivo no coincide con su nombre.
upload-progress = Subiendo { $name }
upload-cancel = Cancelar

## Composer
composer-label = Mensaje
composer-placeholder = Escribe un mensaje…
composer-hint = Intro para enviar, Mayús+Intro para un salto de línea.
send-label = Enviar
attach-label = Adjuntar un archivo
attach-type = No se puede enviar { $name }: no se aceptan archivos de este tipo.
# $name (string): the file's name. $mb (string): the size limit in megabytes, already formatted.
attach-too-large = No se puede enviar { $name }: los archivos pueden ocupar { $mb } MB como máximo.
attach-empty = No se puede enviar { $name }: el archivo está vacío.
# The button that takes a file off the "leave a message" form.
attach-remove = Quitar { $name }
# $max (number): the longest message allowed, in characters.
composer-too-long = Este mensaje es demasiado largo: máximo { $max } caracteres. Acórtalo y vuelve a enviarlo.

## Connection
connection-connecting = Conectando…
connection-reconnecting = Reconectando… Tus mensajes se enviarán cuando se restablezca la conexión.
connection-offline = No tienes conexión. Tus mensajes se enviarán cuando vuelvas a estar en línea.

## Conversation
# $name (string): the display name of the support agent or bot who is typing.
typing-named = { $name } está escribiendo…
typing-anonymous = El equipo de soporte está escribiendo…
status-resolved = Esta conversación se marcó como resuelta. Escríbenos de nuevo cuando quieras.

## Who answers (under the panel's title)
answering-bot = Nuestro asistente responde al instante.
answering-waiting = Un agente se unirá en breve.
# $position (number): the conversation's place in the queue; 1 is next.
answering-queue =
    { $position ->
        [1] Un agente se unirá en breve. Tu turno es el siguiente.
        [one] Un agente se unirá en breve. Estás en la posición { $position } de la cola.
       *[other] Un agente se unirá en breve. Estás en la posición { $position } de la cola.
    }
# Read by screen readers before the agent's name and team in the header.
answering-agent-label = Te atiende:
talk-to-person = Hablar con un agente
# The group of buttons with answers the visitor may pick.
quick-replies-label = Respuestas sugeridas

## Availability (the panel's subtitle)
reply-time-few = Solemos responder en pocos minutos.
# $minutes (number): the usual minutes to a first reply.
reply-time =
    { $minutes ->
        [one] Solemos responder en { $minutes } minuto.
       *[other] Solemos responder en { $minutes } minutos.
    }
away-now = Ahora mismo no estamos disponibles.
# $time (string): a time of day, like "9:00"; $in (string): how long until then, like "in 2 hours".
away-back-today = Ahora no estamos disponibles. Volvemos a las { $time } ({ $in }).
# $time (string): a time of day.
away-back-tomorrow = Ahora no estamos disponibles. Volvemos mañana a las { $time }.
# $day (string): a day of the week, like "Monday"; $time (string): a time of day.
away-back-weekday = Ahora no estamos disponibles. Volvemos el { $day } a las { $time }.
# $date (string): a date, like "December 28, 2026".
away-back-later = Ahora no estamos disponibles. Volvemos el { $date }.
# While away and waiting for a person: how the answer will reach the visitor.
answering-waiting-away = Un agente te responderá aquí cuando volvamos. Puedes seguir escribiendo.

## Proactive greeting (beside the launcher)
# The button that hides the greeting.
greeting-dismiss = Cerrar el saludo

## Pre-chat form (before the first message, when the site asks for it)
prechat-title = Antes de empezar
prechat-intro = Cuéntanos un poco sobre ti para que pueda ayudarte la persona adecuada.
prechat-name = Nombre
prechat-email = Correo electrónico
prechat-submit = Iniciar chat
# Under a required field left empty.
prechat-required = Este campo es obligatorio.
# Under an e-mail field that is not an address.
prechat-email-invalid = Escribe una dirección de correo electrónico como name@example.com.
# Under a select field whose choice is not one of its options.
prechat-option-invalid = Elige una de las opciones.
# The first option of a select field, meaning "nothing chosen yet".
prechat-choose = Elige…
# After "(optional)" style marker next to a field's label when it is not required.
prechat-optional = (opcional)

## Leave a message (a ticket, answered by e-mail)

# A button, offered while nobody can answer in the chat.
ticket-offer = Dejar un mensaje
ticket-title = Déjanos un mensaje
ticket-intro = Te responderemos por correo electrónico y te enviaremos una copia con tu número de solicitud.
ticket-subject = Asunto
ticket-message = Mensaje
ticket-submit = Enviar
ticket-cancel = Cancelar
# $reference (string): the request number, like "#1042". $email (string): where the answer goes.
ticket-sent = ¡Gracias! Hemos recibido tu solicitud { $reference }. Te responderemos en { $email }.
ticket-sending = Enviando tu mensaje…
ticket-too-long = Este mensaje es demasiado largo.
# A file of the form could not be uploaded, so the message waits.
ticket-files-failed = No se pudo subir un archivo. Quítalo o vuelve a adjuntarlo.
ticket-failed = No se pudo enviar tu mensaje. Inténtalo de nuevo.

## Other channels (links to the team elsewhere, set by the site owner)

# Names the group of links, for screen readers.
channels-label = Otras formas de contactarnos
# The default texts of the links (the owner may give their own). Brand names stay as they are.
channel-whatsapp = WhatsApp
channel-telegram = Telegram
channel-email = Correo electrónico
channel-phone = Llámanos
channel-link = Nuestro sitio web

## The panel's menu

# The button that opens the menu, for screen readers (it shows three dots).
menu-label = Más opciones
menu-transcript-text = Descargar la conversación (texto)
menu-transcript-html = Descargar la conversación (página web)
menu-email = Enviarme la conversación por correo
menu-end = Finalizar chat

## Transcripts (the conversation as a file, or by e-mail)

# The file's heading, and its name before the extension.
transcript-title = Nuestra conversación
# Who wrote a message, in the file.
transcript-you = Tú
transcript-team = Equipo de soporte
transcript-email-title = Enviarme la conversación por correo
transcript-email-intro = Enviaremos una copia de esta conversación a esta dirección.
transcript-email-submit = Enviar
# $email (string): where it goes.
transcript-email-sent = Estamos enviando esta conversación a { $email }.
transcript-failed = Ahora no se puede enviar esta conversación por correo electrónico.

## Ending a chat, and rating it

# Asked when the team marks the chat solved.
end-ask = ¿Podemos ayudarte con algo más?
end-yes = Sí
end-no = No, eso es todo
end-confirm = ¿Finalizar este chat?
end-confirm-yes = Finalizar chat
rate-title = ¿Qué tal fue este chat?
# $score (number): one choice of the five-star scale.
rate-stars = { $score ->
    [one] { $score } estrella
   *[other] { $score } estrellas
}
rate-up = Bien
rate-down = Mal
rate-face-1 = Mal
rate-face-2 = Regular
rate-face-3 = Genial
# Asked after a low rating, above the reasons to tick.
rate-reasons = ¿Qué salió mal?
rate-reason-slow = Tardó demasiado
rate-reason-unsolved = Mi problema no está resuelto
rate-reason-unclear = Las respuestas no fueron claras
rate-reason-unfriendly = El trato no fue amable
rate-comment = ¿Quieres añadir algo? (opcional)
rate-send = Enviar
# Shown when a comment is sent without a rating.
rate-pick = Primero elige una valoración.
rate-thanks = ¡Gracias por tu opinión!

## "Your conversations": the visitor's earlier chats and requests

# In the panel's menu, and the list's heading.
threads-title = Tus conversaciones
threads-back = Volver al chat
threads-new = Nueva conversación
threads-empty = Aún no hay conversaciones.
# $status: open, pending (the team waits for the visitor) or solved.
threads-status = { $status ->
    [pending] Esperando tu respuesta
    [solved] Resuelta
   *[open] Abierta
}
# $count (number): messages from the team not read yet.
threads-unread = { $count ->
    [one] { $count } sin leer
   *[other] { $count } sin leer
}
