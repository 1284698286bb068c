# Salam widget — Hindi, hi (same message ids as the English reference locale).

## Launcher
# $unread (number): messages that arrived while the panel was closed.
launcher-label =
    { $unread ->
        [0] हमसे चैट करें
        [one] हमसे चैट करें, { $unread } बिना पढ़ा मैसेज
       *[other] हमसे चैट करें, { $unread } बिना पढ़े मैसेज
    }

## Panel header
panel-title-default = सहायता
panel-subtitle-default = हम आम तौर पर कुछ ही मिनटों में जवाब देते हैं।
close-label = चैट बंद करें

## Message log
log-label = बातचीत
log-empty = कुछ भी पूछें, हम आपकी मदद के लिए यहाँ हैं।
author-you = आप
author-bot = बॉट
author-agent = एजेंट
author-system = सूचना
message-sending = भेजा जा रहा है…
message-sent = भेजा गया
# The support side has read the visitor's message.
message-seen = देखा गया
message-failed = नहीं भेजा गया।
message-failed-too-long = नहीं भेजा गया: मैसेज बहुत लंबा है।
message-failed-rate-limited = नहीं भेजा गया: एक साथ बहुत सारे मैसेज भेजे गए। थोड़ा रुककर फिर से कोशिश करें।
message-retry = फिर से कोशिश करें
upload-failed = नहीं भेजा गया: फ़ाइल अपलोड नहीं हो सकी।
upload-too-large = नहीं भेजा गया: फ़ाइल बहुत बड़ी है।
upload-type = नहीं भेजा गया: इस तरह की फ़ाइल स्वीकार नहीं की जाती।
upload-mismatch = नहीं भेजा गया: फ़ाइल की सामग्री उसके नाम से मेल नहीं खाती।
upload-progress = { $name } अपलोड हो रही है
upload-cancel = रद्द करें

## Composer
composer-label = मैसेज
composer-placeholder = मैसेज लिखें…
composer-hint = भेजने के लिए Enter, नई लाइन के लिए Shift+Enter दबाएँ।
send-label = भेजें
attach-label = फ़ाइल अटैच करें
attach-type = { $name } नहीं भेजी जा सकती: इस तरह की फ़ाइल स्वीकार नहीं की जाती।
# $name (string): the file's name. $mb (string): the size limit in megabytes, already formatted.
attach-too-large = { $name } नहीं भेजी जा सकती: फ़ाइल ज़्यादा से ज़्यादा { $mb } MB की हो सकती है।
attach-empty = { $name } नहीं भेजी जा सकती: फ़ाइल खाली है।
# The button that takes a file off the "leave a message" form.
attach-remove = { $name } हटाएँ
# $max (number): the longest message allowed, in characters.
composer-too-long = यह मैसेज बहुत लंबा है: ज़्यादा से ज़्यादा { $max } अक्षर लिखे जा सकते हैं। इसे छोटा करके फिर से भेजें।

## Connection
connection-connecting = कनेक्ट हो रहा है…
connection-reconnecting = फिर से कनेक्ट हो रहा है… कनेक्शन वापस आते ही आपके मैसेज भेज दिए जाएँगे।
connection-offline = आप ऑफ़लाइन हैं। ऑनलाइन वापस आते ही आपके मैसेज भेज दिए जाएँगे।

## Conversation
# $name (string): the display name of the support agent or bot who is typing.
typing-named = { $name } टाइप कर रहे हैं…
typing-anonymous = सहायता टीम टाइप कर रही है…
status-resolved = इस बातचीत को हल हुआ मार्क किया गया है। जब चाहें, हमें फिर से मैसेज करें।

## Who answers (under the panel's title)
answering-bot = हमारा असिस्टेंट तुरंत जवाब देता है।
answering-waiting = जल्द ही कोई एजेंट बातचीत में जुड़ेगा।
# $position (number): the conversation's place in the queue; 1 is next.
answering-queue =
    { $position ->
        [1] जल्द ही कोई एजेंट बातचीत में जुड़ेगा। अगली बारी आपकी है।
        [one] जल्द ही कोई एजेंट बातचीत में जुड़ेगा। कतार में आपका नंबर { $position } है।
       *[other] जल्द ही कोई एजेंट बातचीत में जुड़ेगा। कतार में आपका नंबर { $position } है।
    }
# Read by screen readers before the agent's name and team in the header.
answering-agent-label = अभी जवाब दे रहे हैं:
talk-to-person = एजेंट से बात करें
# The group of buttons with answers the visitor may pick.
quick-replies-label = सुझाए गए जवाब

## Availability (the panel's subtitle)
reply-time-few = हम आम तौर पर कुछ ही मिनटों में जवाब देते हैं।
# $minutes (number): the usual minutes to a first reply.
reply-time =
    { $minutes ->
        [one] हम आम तौर पर { $minutes } मिनट में जवाब देते हैं।
       *[other] हम आम तौर पर { $minutes } मिनट में जवाब देते हैं।
    }
away-now = अभी हम उपलब्ध नहीं हैं।
# $time (string): a time of day, like "9:00"; $in (string): how long until then, like "in 2 hours".
away-back-today = अभी हम उपलब्ध नहीं हैं। हम { $time } से फिर उपलब्ध होंगे ({ $in })।
# $time (string): a time of day.
away-back-tomorrow = अभी हम उपलब्ध नहीं हैं। हम कल { $time } से फिर उपलब्ध होंगे।
# $day (string): a day of the week, like "Monday"; $time (string): a time of day.
away-back-weekday = अभी हम उपलब्ध नहीं हैं। हम { $day } को { $time } से फिर उपलब्ध होंगे।
# $date (string): a date, like "December 28, 2026".
away-back-later = अभी हम उपलब्ध नहीं हैं। हम { $date } से फिर उपलब्ध होंगे।
# While away and waiting for a person: how the answer will reach the visitor.
answering-waiting-away = हमारे वापस आने पर कोई एजेंट यहीं जवाब देगा। आप मैसेज लिखना जारी रख सकते हैं।

## Proactive greeting (beside the launcher)
# The button that hides the greeting.
greeting-dismiss = अभिवादन बंद करें

## Pre-chat form (before the first message, when the site asks for it)
prechat-title = शुरू करने से पहले
prechat-intro = अपने बारे में थोड़ा बताएँ, ताकि सही व्यक्ति आपकी मदद कर सके।
prechat-name = नाम
prechat-email = ईमेल
prechat-submit = चैट शुरू करें
# Under a required field left empty.
prechat-required = यह फ़ील्ड ज़रूरी है।
# Under an e-mail field that is not an address.
prechat-email-invalid = name@example.com जैसा ईमेल पता डालें।
# Under a select field whose choice is not one of its options.
prechat-option-invalid = दिए गए विकल्पों में से कोई एक चुनें।
# The first option of a select field, meaning "nothing chosen yet".
prechat-choose = चुनें…
# After "(optional)" style marker next to a field's label when it is not required.
prechat-optional = (वैकल्पिक)

## Leave a message (a ticket, answered by e-mail)

# A button, offered while nobody can answer in the chat.
ticket-offer = मैसेज छोड़ें
ticket-title = हमारे लिए मैसेज छोड़ें
ticket-intro = हम ईमेल से जवाब देंगे, और आपको आपके रिक्वेस्ट नंबर के साथ एक कॉपी भेजेंगे।
ticket-subject = विषय
ticket-message = मैसेज
ticket-submit = भेजें
ticket-cancel = रद्द करें
# $reference (string): the request number, like "#1042". $email (string): where the answer goes.
ticket-sent = धन्यवाद! आपकी रिक्वेस्ट { $reference } हमें मिल गई है। हम { $email } पर जवाब देंगे।
ticket-sending = आपका मैसेज भेजा जा रहा है…
ticket-too-long = यह मैसेज बहुत लंबा है।
# A file of the form could not be uploaded, so the message waits.
ticket-files-failed = एक फ़ाइल अपलोड नहीं हो सकी। उसे हटाएँ या फिर से अटैच करें।
ticket-failed = आपका मैसेज नहीं भेजा जा सका। कृपया फिर से कोशिश करें।

## Other channels (links to the team elsewhere, set by the site owner)

# Names the group of links, for screen readers.
channels-label = हमसे संपर्क करने के अन्य तरीके
# The default texts of the links (the owner may give their own). Brand names stay as they are.
channel-whatsapp = WhatsApp
channel-telegram = Telegram
channel-email = ईमेल
channel-phone = हमें कॉल करें
channel-link = हमारी वेबसाइट

## The panel's menu

# The button that opens the menu, for screen readers (it shows three dots).
menu-label = और विकल्प
menu-transcript-text = बातचीत डाउनलोड करें (टेक्स्ट)
menu-transcript-html = बातचीत डाउनलोड करें (वेब पेज)
menu-email = बातचीत मुझे ईमेल करें
menu-end = चैट ख़त्म करें

## Transcripts (the conversation as a file, or by e-mail)

# The file's heading, and its name before the extension.
transcript-title = हमारी बातचीत
# Who wrote a message, in the file.
transcript-you = आप
transcript-team = सहायता टीम
transcript-email-title = बातचीत मुझे ईमेल करें
transcript-email-intro = हम इस बातचीत की एक कॉपी इस पते पर भेजेंगे।
transcript-email-submit = भेजें
# $email (string): where it goes.
transcript-email-sent = यह बातचीत { $email } पर भेजी जा रही है।
transcript-failed = अभी यह बातचीत ईमेल नहीं की जा सकती।

## Ending a chat, and rating it

# Asked when the team marks the chat solved.
end-ask = क्या हम किसी और चीज़ में आपकी मदद कर सकते हैं?
end-yes = हाँ
end-no = नहीं, बस इतना ही
end-confirm = यह चैट ख़त्म करें?
end-confirm-yes = चैट ख़त्म करें
rate-title = यह चैट कैसी रही?
# $score (number): one choice of the five-star scale.
rate-stars = { $score ->
    [one] { $score } स्टार
   *[other] { $score } स्टार
}
rate-up = अच्छा
rate-down = ख़राब
rate-face-1 = ख़राब
rate-face-2 = ठीक-ठाक
rate-face-3 = बहुत बढ़िया
# Asked after a low rating, above the reasons to tick.
rate-reasons = क्या ग़लत हुआ?
rate-reason-slow = बहुत ज़्यादा समय लगा
rate-reason-unsolved = मेरी समस्या हल नहीं हुई
rate-reason-unclear = जवाब साफ़ नहीं थे
rate-reason-unfriendly = व्यवहार अच्छा नहीं था
rate-comment = कुछ और जोड़ना चाहेंगे? (वैकल्पिक)
rate-send = भेजें
# Shown when a comment is sent without a rating.
rate-pick = पहले रेटिंग चुनें।
rate-thanks = आपके फ़ीडबैक के लिए धन्यवाद!

## "Your conversations": the visitor's earlier chats and requests

# In the panel's menu, and the list's heading.
threads-title = आपकी बातचीत
threads-back = चैट पर वापस जाएँ
threads-new = नई बातचीत
threads-empty = अभी तक कोई बातचीत नहीं है।
# $status: open, pending (the team waits for the visitor) or solved.
threads-status = { $status ->
    [pending] आपके जवाब का इंतज़ार है
    [solved] हल हो गई
   *[open] जारी है
}
# $count (number): messages from the team not read yet.
threads-unread = { $count ->
    [one] { $count } बिना पढ़ा
   *[other] { $count } बिना पढ़े
}
