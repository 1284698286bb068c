# E-mails the reference server sends (the widget never loads this file).
# Every locale has exactly these ids. Variables: $reference ("#1042"),
# $name (the visitor's name), $email (their address), $subject (the
# request's subject), $text (the message), $agent (who answered).

# To the visitor, at once, when they leave a message.
mail-ack-subject = הפנייה שלך { $reference } התקבלה
mail-ack-body =
    שלום { $name },

    תודה שפנית אלינו. מספר הפנייה שלך הוא { $reference }. נשיב לכתובת הזו בהקדם האפשרי.

    ההודעה שלך:

    { $text }
# To the visitor, with each answer of the team.
mail-reply-subject = Re: { $subject } { $reference }
mail-reply-body =
    התקבלה תשובה לפנייה שלך { $reference } מאת { $agent }:

    { $text }

    כדי להשיב, אפשר לפתוח שוב את הצ'אט באתר שלנו.
# To the team's address (sent in English, the console's language).
mail-team-subject = פנייה חדשה { $reference } מאת { $name }: { $subject }
mail-team-body =
    { $name } <{ $email }> השאיר/ה הודעה ({ $reference }):

    { $text }

    אפשר להשיב לה במסוף הנציגים.
# To the visitor who asked "e-mail me this conversation"; the body is the
# subject, then each message under who wrote it (you, or the team when
# the writer has no name) and when, in UTC.
mail-transcript-subject = השיחה שלך איתנו
mail-transcript-you = אני
mail-transcript-team = צוות התמיכה
