# E-mails the reference server sends (the widget never loads this file).
# Every locale has exactly these ids. Variables: $reference ("#1042"),
# $name (the visitor's name), $email (their address), $subject (the
# request's subject), $text (the message), $agent (who answered).

# To the visitor, at once, when they leave a message.
mail-ack-subject = Nous avons bien reçu votre message { $reference }
mail-ack-body =
    Bonjour { $name },

    Merci de nous avoir écrit. Votre numéro de demande est le { $reference }. Nous vous répondrons à cette adresse dans les meilleurs délais.

    Votre message :

    { $text }
# To the visitor, with each answer of the team.
mail-reply-subject = Re: { $subject } { $reference }
mail-reply-body =
    { $agent } a répondu à votre demande { $reference } :

    { $text }

    Pour nous répondre, rouvrez la discussion sur notre site.
# To the team's address (sent in English, the console's language).
mail-team-subject = Nouvelle demande { $reference } de { $name } : { $subject }
mail-team-body =
    { $name } <{ $email }> a laissé un message ({ $reference }) :

    { $text }

    Répondez-y depuis la console des conseillers.
# To the visitor who asked "e-mail me this conversation"; the body is the
# subject, then each message under who wrote it (you, or the team when
# the writer has no name) and when, in UTC.
mail-transcript-subject = Votre conversation avec nous
mail-transcript-you = Vous
mail-transcript-team = Équipe d’assistance
