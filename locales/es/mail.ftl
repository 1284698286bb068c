# E-mails the reference server sends (the widget never loads this file).
# Every locale has exactly these ids. Variables: $reference ("#1042"),
# $name (the visitor's name), $email (their address), $subject (the
# request's subject), $text (the message), $agent (who answered).

# To the visitor, at once, when they leave a message.
mail-ack-subject = Hemos recibido tu mensaje { $reference }
mail-ack-body =
    Hola, { $name }:

    Gracias por escribirnos. Tu número de solicitud es { $reference }. Te responderemos a esta dirección lo antes posible.

    Tu mensaje:

    { $text }
# To the visitor, with each answer of the team.
mail-reply-subject = Re: { $subject } { $reference }
mail-reply-body =
    { $agent } ha respondido a tu solicitud { $reference }:

    { $text }

    Para contestar, vuelve a abrir el chat en nuestro sitio web.
# To the team's address (sent in English, the console's language).
mail-team-subject = Nueva solicitud { $reference } de { $name }: { $subject }
mail-team-body =
    { $name } <{ $email }> ha dejado un mensaje ({ $reference }):

    { $text }

    Respóndelo desde la consola de agentes.
# To the visitor who asked "e-mail me this conversation"; the body is the
# subject, then each message under who wrote it (you, or the team when
# the writer has no name) and when, in UTC.
mail-transcript-subject = Tu conversación con nosotros
mail-transcript-you = Tú
mail-transcript-team = Equipo de soporte
