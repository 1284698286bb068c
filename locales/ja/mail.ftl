# E-mails the reference server sends (the widget never loads this file).
# Every locale has exactly these ids. Variables: $reference ("#1042"),
# $name (the visitor's name), $email (their address), $subject (the
# request's subject), $text (the message), $agent (who answered).

# To the visitor, at once, when they leave a message.
mail-ack-subject = お問い合わせを受け付けました（{ $reference }）
mail-ack-body =
    { $name }様

    お問い合わせいただき、ありがとうございます。お問い合わせ番号は{ $reference }です。できるだけ早く、このメールアドレス宛てにお返事いたします。

    お問い合わせ内容：

    { $text }
# To the visitor, with each answer of the team.
mail-reply-subject = Re: { $subject } { $reference }
mail-reply-body =
    お問い合わせ（{ $reference }）につきまして、担当の{ $agent }より回答いたします。

    { $text }

    ご返信の際は、当サイトのチャットをもう一度開いてください。
# To the team's address (sent in English, the console's language).
mail-team-subject = 新規お問い合わせ{ $reference }（{ $name }様）：{ $subject }
mail-team-body =
    { $name } <{ $email }>様からメッセージが届きました（{ $reference }）：

    { $text }

    オペレーターコンソールで返信してください。
# To the visitor who asked "e-mail me this conversation"; the body is the
# subject, then each message under who wrote it (you, or the team when
# the writer has no name) and when, in UTC.
mail-transcript-subject = チャットの会話履歴
mail-transcript-you = お客様
mail-transcript-team = サポートチーム
