# E-mails the reference server sends (the widget never loads this file).
# Every locale has exactly these ids. Variables: $reference ("#1042"),
# $name (the visitor's name), $email (their address), $subject (the
# request's subject), $text (the message), $agent (who answered).

# To the visitor, at once, when they leave a message.
mail-ack-subject = Ваше обращение { $reference } получено
mail-ack-body =
    Здравствуйте, { $name }!

    Спасибо, что написали нам. Номер вашего обращения: { $reference }. Мы ответим на этот адрес как можно скорее.

    Ваше сообщение:

    { $text }
# To the visitor, with each answer of the team.
mail-reply-subject = Re: { $subject } { $reference }
mail-reply-body =
    Оператор { $agent } ответил на ваше обращение { $reference }:

    { $text }

    Чтобы ответить, снова откройте чат на нашем сайте.
# To the team's address (sent in English, the console's language).
mail-team-subject = Новое обращение { $reference } ({ $name }): { $subject }
mail-team-body =
    Посетитель { $name } <{ $email }> оставил сообщение ({ $reference }):

    { $text }

    Ответьте на него в консоли операторов.
# To the visitor who asked "e-mail me this conversation"; the body is the
# subject, then each message under who wrote it (you, or the team when
# the writer has no name) and when, in UTC.
mail-transcript-subject = Ваша переписка с нами
mail-transcript-you = Вы
mail-transcript-team = Служба поддержки
