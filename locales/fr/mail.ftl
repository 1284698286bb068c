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
