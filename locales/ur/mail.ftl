# E-mails the reference server sends (the widget never loads this file).
# Every locale has exactly these ids. Variables: $reference ("#1042"),
# $name (the visitor's name), $email (their address), $subject (the
# request's subject), $text (the message), $agent (who answered).

# To the visitor, at once, when they leave a message.
mail-ack-subject = ہمیں آپ کا پیغام موصول ہو گیا ہے { $reference }
mail-ack-body =
    محترم { $name }،

    ہم سے رابطہ کرنے کا شکریہ۔ آپ کا درخواست نمبر { $reference } ہے۔ ہم جلد از جلد اسی پتے پر جواب دیں گے۔

    آپ کا پیغام:

    { $text }
# To the visitor, with each answer of the team.
mail-reply-subject = Re: { $subject } { $reference }
mail-reply-body =
    { $agent } نے آپ کی درخواست { $reference } کا جواب دیا ہے:

    { $text }

    جواب دینے کے لیے، ہماری ویب سائٹ پر چیٹ دوبارہ کھولیں۔
# To the team's address (sent in English, the console's language).
mail-team-subject = { $name } کی جانب سے نئی درخواست { $reference }: { $subject }
mail-team-body =
    { $name } <{ $email }> نے ایک پیغام چھوڑا ہے ({ $reference }):

    { $text }

    نمائندوں کے کنسول میں اس کا جواب دیں۔
# To the visitor who asked "e-mail me this conversation"; the body is the
# subject, then each message under who wrote it (you, or the team when
# the writer has no name) and when, in UTC.
mail-transcript-subject = ہمارے ساتھ آپ کی گفتگو
mail-transcript-you = آپ
mail-transcript-team = سپورٹ ٹیم
