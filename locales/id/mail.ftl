# E-mails the reference server sends (the widget never loads this file).
# Every locale has exactly these ids. Variables: $reference ("#1042"),
# $name (the visitor's name), $email (their address), $subject (the
# request's subject), $text (the message), $agent (who answered).

# To the visitor, at once, when they leave a message.
mail-ack-subject = Kami telah menerima pesan Anda { $reference }
mail-ack-body =
    Halo { $name },

    Terima kasih telah menghubungi kami. Nomor permintaan Anda adalah { $reference }. Kami akan membalas ke alamat email ini secepatnya.

    Pesan Anda:

    { $text }
# To the visitor, with each answer of the team.
mail-reply-subject = Re: { $subject } { $reference }
mail-reply-body =
    { $agent } telah membalas permintaan Anda { $reference }:

    { $text }

    Untuk membalas, silakan buka kembali chat di situs kami.
# To the team's address (sent in English, the console's language).
mail-team-subject = Permintaan baru { $reference } dari { $name }: { $subject }
mail-team-body =
    { $name } <{ $email }> meninggalkan pesan ({ $reference }):

    { $text }

    Balas melalui konsol agen.
# To the visitor who asked "e-mail me this conversation"; the body is the
# subject, then each message under who wrote it (you, or the team when
# the writer has no name) and when, in UTC.
mail-transcript-subject = Percakapan Anda dengan kami
mail-transcript-you = Anda
mail-transcript-team = Tim bantuan
