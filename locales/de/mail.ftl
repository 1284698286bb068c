# E-mails the reference server sends (the widget never loads this file).
# Every locale has exactly these ids. Variables: $reference ("#1042"),
# $name (the visitor's name), $email (their address), $subject (the
# request's subject), $text (the message), $agent (who answered).

# To the visitor, at once, when they leave a message.
mail-ack-subject = Ihre Anfrage { $reference } ist bei uns eingegangen
mail-ack-body =
    Guten Tag { $name },

    vielen Dank für Ihre Nachricht. Ihre Anfragenummer lautet { $reference }. Wir antworten Ihnen so bald wie möglich an diese Adresse.

    Ihre Nachricht:

    { $text }
# To the visitor, with each answer of the team.
mail-reply-subject = Re: { $subject } { $reference }
mail-reply-body =
    { $agent } hat auf Ihre Anfrage { $reference } geantwortet:

    { $text }

    Wenn Sie antworten möchten, öffnen Sie einfach wieder den Chat auf unserer Website.
# To the team's address (sent in English, the console's language).
mail-team-subject = Neue Anfrage { $reference } von { $name }: { $subject }
mail-team-body =
    { $name } <{ $email }> hat eine Nachricht hinterlassen ({ $reference }):

    { $text }

    Bitte beantworten Sie sie in der Support-Konsole.
# To the visitor who asked "e-mail me this conversation"; the body is the
# subject, then each message under who wrote it (you, or the team when
# the writer has no name) and when, in UTC.
mail-transcript-subject = Ihre Unterhaltung mit uns
mail-transcript-you = Sie
mail-transcript-team = Support-Team
