# سلام وِجٹ — اردو (آئی ڈیز بالکل انگریزی حوالہ فائل جیسی ہیں)۔

## Launcher
# $unread (number): messages that arrived while the panel was closed.
launcher-label =
    { $unread ->
        [0] ہم سے بات کریں
        [one] ہم سے بات کریں، { $unread } غیر پڑھا پیغام
       *[other] ہم سے بات کریں، { $unread } غیر پڑھے پیغامات
    }

## Panel header
panel-title-default = سپورٹ
panel-subtitle-default = ہم عام طور پر چند منٹ میں جواب دیتے ہیں۔
close-label = چیٹ بند کریں

## Message log
log-label = گفتگو
log-empty = ہم سے کچھ بھی پوچھیں، ہم آپ کی مدد کے لیے حاضر ہیں۔
author-you = آپ
author-bot = بوٹ
author-agent = نمائندہ
author-system = اطلاع
message-sending = بھیجا جا رہا ہے…
message-sent = بھیج دیا گیا
# The support side has read the visitor's message.
message-seen = دیکھ لیا گیا
message-failed = نہیں بھیجا جا سکا۔
message-failed-too-long = نہیں بھیجا جا سکا: پیغام بہت طویل ہے۔
message-failed-rate-limited = نہیں بھیجا جا سکا: آپ نے ایک ساتھ بہت زیادہ پیغامات بھیجے ہیں۔ براہ کرم تھوڑا انتظار کریں۔
message-retry = دوبارہ کوشش کریں
upload-failed = نہیں بھیجا جا سکا: فائل اپ لوڈ نہیں ہو سکی۔
upload-too-large = نہیں بھیجا جا سکا: فائل بہت بڑی ہے۔
upload-type = نہیں بھیجا جا سکا: اس قسم کی فائل قبول نہیں کی جاتی۔
upload-mismatch = نہیں بھیجا جا سکا: فائل کا مواد اس کے نام سے مطابقت نہیں رکھتا۔
upload-progress = { $name } اپ لوڈ ہو رہی ہے
upload-cancel = منسوخ کریں

## Composer
composer-label = پیغام
composer-placeholder = پیغام لکھیں…
composer-hint = بھیجنے کے لیے Enter اور نئی سطر کے لیے Shift+Enter دبائیں۔
send-label = بھیجیں
attach-label = فائل منسلک کریں
attach-type = { $name } نہیں بھیجی جا سکتی: اس قسم کی فائل قبول نہیں کی جاتی۔
# $name (string): the file's name. $mb (string): the size limit in megabytes, already formatted.
attach-too-large = { $name } نہیں بھیجی جا سکتی: فائل زیادہ سے زیادہ { $mb } میگابائٹ کی ہو سکتی ہے۔
attach-empty = { $name } نہیں بھیجی جا سکتی: فائل خالی ہے۔
# The button that takes a file off the "leave a message" form.
attach-remove = { $name } ہٹائیں
# $max (number): the longest message allowed, in characters.
composer-too-long = یہ پیغام بہت طویل ہے: زیادہ سے زیادہ { $max } حروف کی اجازت ہے۔ اسے مختصر کر کے دوبارہ بھیجیں۔

## Connection
connection-connecting = منسلک ہو رہا ہے…
connection-reconnecting = دوبارہ منسلک ہو رہا ہے… کنکشن بحال ہوتے ہی آپ کے پیغامات بھیج دیے جائیں گے۔
connection-offline = آپ آف لائن ہیں۔ آن لائن واپس آتے ہی آپ کے پیغامات بھیج دیے جائیں گے۔

## Conversation
# $name (string): the display name of the support agent or bot who is typing.
typing-named = { $name } ٹائپ کر رہے ہیں…
typing-anonymous = سپورٹ ٹیم ٹائپ کر رہی ہے…
status-resolved = اس گفتگو کو حل شدہ قرار دے دیا گیا ہے۔ آپ کسی بھی وقت ہمیں دوبارہ لکھ سکتے ہیں۔

## Who answers (under the panel's title)
answering-bot = ہمارا اسسٹنٹ فوراً جواب دیتا ہے۔
answering-waiting = جلد ہی کوئی نمائندہ گفتگو میں شامل ہو گا۔
# $position (number): the conversation's place in the queue; 1 is next.
answering-queue =
    { $position ->
        [1] جلد ہی کوئی نمائندہ گفتگو میں شامل ہو گا۔ اگلی باری آپ کی ہے۔
        [one] جلد ہی کوئی نمائندہ گفتگو میں شامل ہو گا۔ قطار میں آپ کا نمبر { $position } ہے۔
       *[other] جلد ہی کوئی نمائندہ گفتگو میں شامل ہو گا۔ قطار میں آپ کا نمبر { $position } ہے۔
    }
# Read by screen readers before the agent's name and team in the header.
answering-agent-label = ابھی جواب دے رہے ہیں:
talk-to-person = نمائندے سے بات کریں
# The group of buttons with answers the visitor may pick.
quick-replies-label = تجویز کردہ جوابات

## Availability (the panel's subtitle)
reply-time-few = ہم عام طور پر چند منٹ میں جواب دیتے ہیں۔
# $minutes (number): the usual minutes to a first reply.
reply-time =
    { $minutes ->
        [one] ہم عام طور پر { $minutes } منٹ میں جواب دیتے ہیں۔
       *[other] ہم عام طور پر { $minutes } منٹ میں جواب دیتے ہیں۔
    }
away-now = ہم اس وقت دستیاب نہیں ہیں۔
# $time (string): a time of day, like "9:00"; $in (string): how long until then, like "in 2 hours".
away-back-today = ہم اس وقت دستیاب نہیں ہیں۔ ہم { $time } سے دوبارہ دستیاب ہوں گے ({ $in })۔
# $time (string): a time of day.
away-back-tomorrow = ہم اس وقت دستیاب نہیں ہیں۔ ہم کل { $time } سے دوبارہ دستیاب ہوں گے۔
# $day (string): a day of the week, like "Monday"; $time (string): a time of day.
away-back-weekday = ہم اس وقت دستیاب نہیں ہیں۔ ہم { $day } کو { $time } سے دوبارہ دستیاب ہوں گے۔
# $date (string): a date, like "December 28, 2026".
away-back-later = ہم اس وقت دستیاب نہیں ہیں۔ ہم { $date } سے دوبارہ دستیاب ہوں گے۔
# While away and waiting for a person: how the answer will reach the visitor.
answering-waiting-away = ہماری واپسی پر کوئی نمائندہ یہیں جواب دے گا۔ آپ لکھنا جاری رکھ سکتے ہیں۔

## Proactive greeting (beside the launcher)
# The button that hides the greeting.
greeting-dismiss = خوش آمدید پیغام بند کریں

## Pre-chat form (before the first message, when the site asks for it)
prechat-title = شروع کرنے سے پہلے
prechat-intro = اپنے بارے میں تھوڑا سا بتائیں تاکہ صحیح شخص آپ کی مدد کر سکے۔
prechat-name = نام
prechat-email = ای میل
prechat-submit = چیٹ شروع کریں
# Under a required field left empty.
prechat-required = یہ خانہ لازمی ہے۔
# Under an e-mail field that is not an address.
prechat-email-invalid = براہ کرم name@example.com جیسا ای میل پتہ درج کریں۔
# Under a select field whose choice is not one of its options.
prechat-option-invalid = براہ کرم دیے گئے اختیارات میں سے کوئی ایک منتخب کریں۔
# The first option of a select field, meaning "nothing chosen yet".
prechat-choose = منتخب کریں…
# After "(optional)" style marker next to a field's label when it is not required.
prechat-optional = (اختیاری)

## Leave a message (a ticket, answered by e-mail)

# A button, offered while nobody can answer in the chat.
ticket-offer = پیغام چھوڑیں
ticket-title = ہمارے لیے پیغام چھوڑیں
ticket-intro = ہم ای میل کے ذریعے جواب دیں گے، اور آپ کو آپ کے درخواست نمبر کے ساتھ ایک کاپی بھیجیں گے۔
ticket-subject = موضوع
ticket-message = پیغام
ticket-submit = بھیجیں
ticket-cancel = منسوخ کریں
# $reference (string): the request number, like "#1042". $email (string): where the answer goes.
ticket-sent = شکریہ! آپ کی درخواست { $reference } موصول ہو گئی ہے۔ ہم { $email } پر جواب دیں گے۔
ticket-sending = آپ کا پیغام بھیجا جا رہا ہے…
ticket-too-long = یہ پیغام بہت طویل ہے۔
# A file of the form could not be uploaded, so the message waits.
ticket-files-failed = ایک فائل اپ لوڈ نہیں ہو سکی۔ اسے ہٹائیں یا دوبارہ منسلک کریں۔
ticket-failed = آپ کا پیغام نہیں بھیجا جا سکا۔ براہ کرم دوبارہ کوشش کریں۔

## Other channels (links to the team elsewhere, set by the site owner)

# Names the group of links, for screen readers.
channels-label = ہم سے رابطے کے دیگر طریقے
# The default texts of the links (the owner may give their own). Brand names stay as they are.
channel-whatsapp = WhatsApp
channel-telegram = Telegram
channel-email = ای میل
channel-phone = ہمیں کال کریں
channel-link = ہماری ویب سائٹ

## The panel's menu

# The button that opens the menu, for screen readers (it shows three dots).
menu-label = مزید اختیارات
menu-transcript-text = گفتگو ڈاؤن لوڈ کریں (ٹیکسٹ)
menu-transcript-html = گفتگو ڈاؤن لوڈ کریں (ویب پیج)
menu-email = گفتگو مجھے ای میل کریں
menu-end = چیٹ ختم کریں

## Transcripts (the conversation as a file, or by e-mail)

# The file's heading, and its name before the extension.
transcript-title = ہماری گفتگو
# Who wrote a message, in the file.
transcript-you = آپ
transcript-team = سپورٹ ٹیم
transcript-email-title = گفتگو مجھے ای میل کریں
transcript-email-intro = ہم اس گفتگو کی ایک کاپی اس پتے پر بھیجیں گے۔
transcript-email-submit = بھیجیں
# $email (string): where it goes.
transcript-email-sent = یہ گفتگو { $email } پر بھیجی جا رہی ہے۔
transcript-failed = یہ گفتگو ابھی ای میل نہیں کی جا سکتی۔

## Ending a chat, and rating it

# Asked when the team marks the chat solved.
end-ask = کیا ہم کسی اور چیز میں آپ کی مدد کر سکتے ہیں؟
end-yes = جی ہاں
end-no = نہیں، بس اتنا ہی
end-confirm = یہ چیٹ ختم کریں؟
end-confirm-yes = چیٹ ختم کریں
rate-title = یہ چیٹ کیسی رہی؟
# $score (number): one choice of the five-star scale.
rate-stars = { $score ->
    [one] { $score } ستارہ
   *[other] { $score } ستارے
}
rate-up = اچھا
rate-down = برا
rate-face-1 = برا
rate-face-2 = ٹھیک ہے
rate-face-3 = بہت اچھا
# Asked after a low rating, above the reasons to tick.
rate-reasons = کیا غلط ہوا؟
rate-reason-slow = بہت زیادہ وقت لگا
rate-reason-unsolved = میرا مسئلہ حل نہیں ہوا
rate-reason-unclear = جوابات واضح نہیں تھے
rate-reason-unfriendly = رویہ دوستانہ نہیں تھا
rate-comment = کچھ اور شامل کرنا چاہیں گے؟ (اختیاری)
rate-send = بھیجیں
# Shown when a comment is sent without a rating.
rate-pick = پہلے ریٹنگ منتخب کریں۔
rate-thanks = آپ کی رائے کا شکریہ!

## "Your conversations": the visitor's earlier chats and requests

# In the panel's menu, and the list's heading.
threads-title = آپ کی گفتگوئیں
threads-back = چیٹ پر واپس جائیں
threads-new = نئی گفتگو
threads-empty = ابھی تک کوئی گفتگو نہیں ہے۔
# $status: open, pending (the team waits for the visitor) or solved.
threads-status = { $status ->
    [pending] آپ کے جواب کا انتظار ہے
    [solved] حل شدہ
   *[open] جاری ہے
}
# $count (number): messages from the team not read yet.
threads-unread = { $count ->
    [one] { $count } غیر پڑھا
   *[other] { $count } غیر پڑھے
}
