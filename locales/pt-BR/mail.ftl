# E-mails the reference server sends (the widget never loads this file).
# Every locale has exactly these ids. Variables: $reference ("#1042"),
# $name (the visitor's name), $email (their address), $subject (the
# request's subject), $text (the message), $agent (who answered).

# To the visitor, at once, when they leave a message.
mail-ack-subject = Recebemos sua mensagem { $reference }
mail-ack-body =
    Olá, { $name },

    Obrigado por entrar em contato. O número da sua solicitação é { $reference }. Vamos responder para este endereço o mais rápido possível.

    Sua mensagem:

    { $text }
# To the visitor, with each answer of the team.
mail-reply-subject = Re: { $subject } { $reference }
mail-reply-body =
    { $agent } respondeu à sua solicitação { $reference }:

    { $text }

    Para responder, abra novamente o chat no nosso site.
# To the team's address (sent in English, the console's language).
mail-team-subject = Nova solicitação { $reference } de { $name }: { $subject }
mail-team-body =
    { $name } <{ $email }> deixou uma mensagem ({ $reference }):

    { $text }

    Responda pelo console de atendimento.
# To the visitor who asked "e-mail me this conversation"; the body is the
# subject, then each message under who wrote it (you, or the team when
# the writer has no name) and when, in UTC.
mail-transcript-subject = Sua conversa com a gente
mail-transcript-you = Você
mail-transcript-team = Equipe de suporte
