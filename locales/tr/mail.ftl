# E-mails the reference server sends (the widget never loads this file).
# Every locale has exactly these ids. Variables: $reference ("#1042"),
# $name (the visitor's name), $email (their address), $subject (the
# request's subject), $text (the message), $agent (who answered).

# To the visitor, at once, when they leave a message.
mail-ack-subject = Mesajınızı aldık: { $reference }
mail-ack-body =
    Merhaba { $name },

    Bize yazdığınız için teşekkür ederiz. Talep numaranız: { $reference }. Yanıtımızı en kısa sürede bu adrese göndereceğiz.

    Mesajınız:

    { $text }
# To the visitor, with each answer of the team.
mail-reply-subject = Re: { $subject } { $reference }
mail-reply-body =
    { $reference } numaralı talebiniz { $agent } tarafından yanıtlandı:

    { $text }

    Yanıt vermek için sitemizdeki sohbeti yeniden açın.
# To the team's address (sent in English, the console's language).
mail-team-subject = Yeni talep { $reference } ({ $name }): { $subject }
mail-team-body =
    { $name } <{ $email }> bir mesaj bıraktı ({ $reference }):

    { $text }

    Temsilci konsolundan yanıtlayın.
# To the visitor who asked "e-mail me this conversation"; the body is the
# subject, then each message under who wrote it (you, or the team when
# the writer has no name) and when, in UTC.
mail-transcript-subject = Bizimle sohbetiniz
mail-transcript-you = Siz
mail-transcript-team = Destek ekibi
