# E-mails the reference server sends (the widget never loads this file).
# Every locale has exactly these ids. Variables: $reference ("#1042"),
# $name (the visitor's name), $email (their address), $subject (the
# request's subject), $text (the message), $agent (who answered).

# To the visitor, at once, when they leave a message.
mail-ack-subject = We got your message { $reference }
mail-ack-body =
    Hello { $name },

    Thank you for writing to us. Your request number is { $reference }. We will answer at this address as soon as we can.

    Your message:

    { $text }
# To the visitor, with each answer of the team.
mail-reply-subject = Re: { $subject } { $reference }
mail-reply-body =
    { $agent } answered your request { $reference }:

    { $text }

    To write back, open the chat on our site again.
# To the team's address (sent in English, the console's language).
mail-team-subject = New request { $reference } from { $name }: { $subject }
mail-team-body =
    { $name } <{ $email }> left a message ({ $reference }):

    { $text }

    Answer it in the agent console.
# To the visitor who asked "e-mail me this conversation"; the body is the
# subject, then each message under who wrote it (you, or the team when
# the writer has no name) and when, in UTC.
mail-transcript-subject = Your conversation with us
mail-transcript-you = You
mail-transcript-team = Support team
