# E-mails the reference server sends (the widget never loads this file).
# Every locale has exactly these ids. Variables: $reference ("#1042"),
# $name (the visitor's name), $email (their address), $subject (the
# request's subject), $text (the message), $agent (who answered).

# To the visitor, at once, when they leave a message.
mail-ack-subject = हमें आपका मैसेज मिल गया है { $reference }
mail-ack-body =
    नमस्ते { $name },

    हमसे संपर्क करने के लिए धन्यवाद। आपका रिक्वेस्ट नंबर { $reference } है। हम जल्द से जल्द इसी ईमेल पते पर जवाब देंगे।

    आपका मैसेज:

    { $text }
# To the visitor, with each answer of the team.
mail-reply-subject = Re: { $subject } { $reference }
mail-reply-body =
    { $agent } ने आपकी रिक्वेस्ट { $reference } का जवाब दिया है:

    { $text }

    जवाब देने के लिए, हमारी साइट पर चैट फिर से खोलें।
# To the team's address (sent in English, the console's language).
mail-team-subject = { $name } की नई रिक्वेस्ट { $reference }: { $subject }
mail-team-body =
    { $name } <{ $email }> ने एक मैसेज छोड़ा है ({ $reference }):

    { $text }

    एजेंट कंसोल में इसका जवाब दें।
# To the visitor who asked "e-mail me this conversation"; the body is the
# subject, then each message under who wrote it (you, or the team when
# the writer has no name) and when, in UTC.
mail-transcript-subject = हमारे साथ आपकी बातचीत
mail-transcript-you = आप
mail-transcript-team = सहायता टीम
