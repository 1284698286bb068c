# E-mails the reference server sends (the widget never loads this file).
# Every locale has exactly these ids. Variables: $reference ("#1042"),
# $name (the visitor's name), $email (their address), $subject (the
# request's subject), $text (the message), $agent (who answered).

# To the visitor, at once, when they leave a message.
mail-ack-subject = تلقّينا رسالتك { $reference }
mail-ack-body =
    مرحبًا { $name }،

    شكرًا لتواصلك معنا. رقم طلبك هو { $reference }. سنردّ عليك على هذا العنوان في أقرب وقت ممكن.

    رسالتك:

    { $text }
# To the visitor, with each answer of the team.
mail-reply-subject = Re: { $subject } { $reference }
mail-reply-body =
    ردّ { $agent } على طلبك { $reference }:

    { $text }

    للردّ، افتح المحادثة على موقعنا مجددًا.
# To the team's address (sent in English, the console's language).
mail-team-subject = طلب جديد { $reference } من { $name }: { $subject }
mail-team-body =
    ترك { $name } <{ $email }> رسالة ({ $reference }):

    { $text }

    يُرجى الردّ عليها من لوحة تحكم موظفي الدعم.
# To the visitor who asked "e-mail me this conversation"; the body is the
# subject, then each message under who wrote it (you, or the team when
# the writer has no name) and when, in UTC.
mail-transcript-subject = محادثتك معنا
mail-transcript-you = أنت
mail-transcript-team = فريق الدعم
