# E-mails the reference server sends (the widget never loads this file).
# Every locale has exactly these ids. Variables: $reference ("#1042"),
# $name (the visitor's name), $email (their address), $subject (the
# request's subject), $text (the message), $agent (who answered).

# To the visitor, at once, when they leave a message.
mail-ack-subject = پیام شما با شماره { $reference } دریافت شد
mail-ack-body =
    سلام { $name } عزیز،

    از اینکه برای ما نوشتید سپاسگزاریم. شماره درخواست شما { $reference } است. در اولین فرصت به همین نشانی پاسخ می‌دهیم.

    پیام شما:

    { $text }
# To the visitor, with each answer of the team.
mail-reply-subject = Re: { $subject } { $reference }
mail-reply-body =
    { $agent } به درخواست { $reference } شما پاسخ داد:

    { $text }

    برای پاسخ دادن، دوباره گفتگو را در وب‌سایت ما باز کنید.
# To the team's address (sent in English, the console's language).
mail-team-subject = درخواست جدید { $reference } از { $name }: { $subject }
mail-team-body =
    { $name } <{ $email }> پیامی گذاشته است ({ $reference }):

    { $text }

    در کنسول پشتیبان‌ها به آن پاسخ دهید.
# To the visitor who asked "e-mail me this conversation"; the body is the
# subject, then each message under who wrote it (you, or the team when
# the writer has no name) and when, in UTC.
mail-transcript-subject = گفتگوی شما با ما
mail-transcript-you = شما
mail-transcript-team = تیم پشتیبانی
