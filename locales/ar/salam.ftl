# أداة سلام — العربية (المعرّفات مطابقة تمامًا لملف المرجع الإنجليزي).

## Launcher
# $unread (number): messages that arrived while the panel was closed.
launcher-label =
    { $unread ->
        [0] تحدّث معنا
        [zero] تحدّث معنا
        [one] تحدّث معنا، رسالة واحدة غير مقروءة
        [two] تحدّث معنا، رسالتان غير مقروءتين
        [few] تحدّث معنا، { $unread } رسائل غير مقروءة
        [many] تحدّث معنا، { $unread } رسالة غير مقروءة
       *[other] تحدّث معنا، { $unread } رسالة غير مقروءة
    }

## Panel header
panel-title-default = الدعم
panel-subtitle-default = نردّ عادةً خلال بضع دقائق.
close-label = إغلاق المحادثة

## Message log
log-label = المحادثة
log-empty = اسألنا عن أي شيء، نحن هنا لمساعدتك.
author-you = أنت
author-bot = روبوت
author-agent = موظف الدعم
author-system = تنبيه
message-sending = جارٍ الإرسال…
message-sent = تم الإرسال
# The support side has read the visitor's message.
message-seen = تمت المشاهدة
message-failed = تعذّر الإرسال.
message-failed-too-long = تعذّر الإرسال: الرسالة طويلة جدًا.
message-failed-rate-limited = تعذّر الإرسال: أُرسلت رسائل كثيرة في وقت قصير. يُرجى الانتظار لحظة.
message-retry = إعادة المحاولة
upload-failed = تعذّر الإرسال: لم يتم رفع الملف.
upload-too-large = تعذّر الإرسال: حجم الملف كبير جدًا.
upload-type = تعذّر الإرسال: هذا النوع من الملفات غير مقبول.
upload-mismatch = تعذّر الإرسال: محتوى الملف لا يطابق اسمه.
upload-progress = جارٍ رفع { $name }
upload-cancel = إلغاء

## Composer
composer-label = الرسالة
composer-placeholder = اكتب رسالة…
composer-hint = اضغط Enter للإرسال، و Shift+Enter لبدء سطر جديد.
send-label = إرسال
attach-label = إرفاق ملف
attach-type = يتعذّر إرسال { $name }: هذا النوع من الملفات غير مقبول.
# $name (string): the file's name. $mb (string): the size limit in megabytes, already formatted.
attach-too-large = يتعذّر إرسال { $name }: الحد الأقصى لحجم الملف هو { $mb } ميغابايت.
attach-empty = يتعذّر إرسال { $name }: الملف فارغ.
# The button that takes a file off the "leave a message" form.
attach-remove = إزالة { $name }
# $max (number): the longest message allowed, in characters.
composer-too-long = هذه الرسالة طويلة جدًا: الحد الأقصى لعدد الأحرف هو { $max }. يُرجى اختصارها ثم إرسالها مرة أخرى.

## Connection
connection-connecting = جارٍ الاتصال…
connection-reconnecting = جارٍ إعادة الاتصال… سيتم إرسال رسائلك عند عودة الاتصال.
connection-offline = أنت غير متصل بالإنترنت. سيتم إرسال رسائلك عند عودتك إلى الاتصال بالإنترنت.

## Conversation
# $name (string): the display name of the support agent or bot who is typing.
typing-named = { $name } يكتب…
typing-anonymous = موظف الدعم يكتب…
status-resolved = تم تحديد هذه المحادثة على أنها محلولة. يمكنك مراسلتنا مجددًا في أي وقت.

## Who answers (under the panel's title)
answering-bot = يجيب مساعدنا على الفور.
answering-waiting = سينضم إليك أحد موظفي الدعم قريبًا.
# $position (number): the conversation's place in the queue; 1 is next.
answering-queue =
    { $position ->
        [1] سينضم إليك أحد موظفي الدعم قريبًا. أنت التالي في قائمة الانتظار.
        [zero] سينضم إليك أحد موظفي الدعم قريبًا. ترتيبك في قائمة الانتظار: { $position }.
        [one] سينضم إليك أحد موظفي الدعم قريبًا. ترتيبك في قائمة الانتظار: { $position }.
        [two] سينضم إليك أحد موظفي الدعم قريبًا. ترتيبك في قائمة الانتظار: { $position }.
        [few] سينضم إليك أحد موظفي الدعم قريبًا. ترتيبك في قائمة الانتظار: { $position }.
        [many] سينضم إليك أحد موظفي الدعم قريبًا. ترتيبك في قائمة الانتظار: { $position }.
       *[other] سينضم إليك أحد موظفي الدعم قريبًا. ترتيبك في قائمة الانتظار: { $position }.
    }
# Read by screen readers before the agent's name and team in the header.
answering-agent-label = يجيبك الآن:
talk-to-person = تحدّث مع موظف الدعم
# The group of buttons with answers the visitor may pick.
quick-replies-label = ردود مقترحة

## Availability (the panel's subtitle)
reply-time-few = نردّ عادةً خلال بضع دقائق.
# $minutes (number): the usual minutes to a first reply.
reply-time =
    { $minutes ->
        [zero] نردّ عادةً خلال { $minutes } دقيقة.
        [one] نردّ عادةً خلال دقيقة واحدة.
        [two] نردّ عادةً خلال دقيقتين.
        [few] نردّ عادةً خلال { $minutes } دقائق.
        [many] نردّ عادةً خلال { $minutes } دقيقة.
       *[other] نردّ عادةً خلال { $minutes } دقيقة.
    }
away-now = لسنا متاحين حاليًا.
# $time (string): a time of day, like "9:00"; $in (string): how long until then, like "in 2 hours".
away-back-today = لسنا متاحين حاليًا. سنعود في الساعة { $time } ({ $in }).
# $time (string): a time of day.
away-back-tomorrow = لسنا متاحين حاليًا. سنعود غدًا في الساعة { $time }.
# $day (string): a day of the week, like "Monday"; $time (string): a time of day.
away-back-weekday = لسنا متاحين حاليًا. سنعود يوم { $day } في الساعة { $time }.
# $date (string): a date, like "December 28, 2026".
away-back-later = لسنا متاحين حاليًا. سنعود في { $date }.
# While away and waiting for a person: how the answer will reach the visitor.
answering-waiting-away = سيجيبك أحد موظفي الدعم هنا عند عودتنا. يمكنك متابعة الكتابة.

## Proactive greeting (beside the launcher)
# The button that hides the greeting.
greeting-dismiss = إغلاق الترحيب

## Pre-chat form (before the first message, when the site asks for it)
prechat-title = قبل أن نبدأ
prechat-intro = أخبرنا قليلًا عن نفسك، ليتمكّن الشخص المناسب من مساعدتك.
prechat-name = الاسم
prechat-email = البريد الإلكتروني
prechat-submit = بدء المحادثة
# Under a required field left empty.
prechat-required = هذا الحقل مطلوب.
# Under an e-mail field that is not an address.
prechat-email-invalid = يُرجى إدخال عنوان بريد إلكتروني مثل name@example.com.
# Under a select field whose choice is not one of its options.
prechat-option-invalid = يُرجى اختيار أحد الخيارات.
# The first option of a select field, meaning "nothing chosen yet".
prechat-choose = اختر…
# After "(optional)" style marker next to a field's label when it is not required.
prechat-optional = (اختياري)

## Leave a message (a ticket, answered by e-mail)

# A button, offered while nobody can answer in the chat.
ticket-offer = اترك رسالة
ticket-title = اترك لنا رسالة
ticket-intro = سنردّ عليك عبر البريد الإلكتروني، وسنرسل إليك نسخة تتضمّن رقم طلبك.
ticket-subject = الموضوع
ticket-message = الرسالة
ticket-submit = إرسال
ticket-cancel = إلغاء
# $reference (string): the request number, like "#1042". $email (string): where the answer goes.
ticket-sent = شكرًا لك! تم استلام طلبك { $reference }. سنرسل ردّنا إلى { $email }.
ticket-sending = جارٍ إرسال رسالتك…
ticket-too-long = هذه الرسالة طويلة جدًا.
# A file of the form could not be uploaded, so the message waits.
ticket-files-failed = تعذّر رفع أحد الملفات. يُرجى إزالته أو إرفاقه مرة أخرى.
ticket-failed = تعذّر إرسال رسالتك. يُرجى المحاولة مرة أخرى.

## Other channels (links to the team elsewhere, set by the site owner)

# Names the group of links, for screen readers.
channels-label = طرق أخرى للتواصل معنا
# The default texts of the links (the owner may give their own). Brand names stay as they are.
channel-whatsapp = واتساب
channel-telegram = تيليجرام
channel-email = البريد الإلكتروني
channel-phone = اتصل بنا
channel-link = موقعنا الإلكتروني

## The panel's menu

# The button that opens the menu, for screen readers (it shows three dots).
menu-label = خيارات إضافية
menu-transcript-text = تنزيل المحادثة (نص)
menu-transcript-html = تنزيل المحادثة (صفحة ويب)
menu-email = إرسال المحادثة إلى بريدي الإلكتروني
menu-end = إنهاء المحادثة

## Transcripts (the conversation as a file, or by e-mail)

# The file's heading, and its name before the extension.
transcript-title = محادثتنا
# Who wrote a message, in the file.
transcript-you = أنت
transcript-team = فريق الدعم
transcript-email-title = إرسال المحادثة إلى بريدي الإلكتروني
transcript-email-intro = سنرسل نسخة من هذه المحادثة إلى هذا العنوان.
transcript-email-submit = إرسال
# $email (string): where it goes.
transcript-email-sent = جارٍ إرسال هذه المحادثة إلى { $email }.
transcript-failed = يتعذّر إرسال هذه المحادثة عبر البريد الإلكتروني الآن.

## Ending a chat, and rating it

# Asked when the team marks the chat solved.
end-ask = هل هناك أي شيء آخر يمكننا مساعدتك فيه؟
end-yes = نعم
end-no = لا، هذا كل شيء
end-confirm = هل تريد إنهاء هذه المحادثة؟
end-confirm-yes = إنهاء المحادثة
rate-title = كيف كانت هذه المحادثة؟
# $score (number): one choice of the five-star scale.
rate-stars = { $score ->
    [zero] { $score } نجمة
    [one] { $score } نجمة
    [two] { $score } نجمتان
    [few] { $score } نجوم
    [many] { $score } نجمة
   *[other] { $score } نجمة
}
rate-up = جيد
rate-down = سيئ
rate-face-1 = سيئ
rate-face-2 = مقبول
rate-face-3 = ممتاز
# Asked after a low rating, above the reasons to tick.
rate-reasons = ما الذي لم يكن على ما يرام؟
rate-reason-slow = استغرق الأمر وقتًا طويلًا
rate-reason-unsolved = لم تُحَلّ مشكلتي
rate-reason-unclear = لم تكن الإجابات واضحة
rate-reason-unfriendly = لم يكن التعامل ودّيًا
rate-comment = هل تودّ إضافة شيء؟ (اختياري)
rate-send = إرسال
# Shown when a comment is sent without a rating.
rate-pick = يُرجى اختيار تقييم أولًا.
rate-thanks = شكرًا لك على ملاحظاتك!

## "Your conversations": the visitor's earlier chats and requests

# In the panel's menu, and the list's heading.
threads-title = محادثاتك
threads-back = العودة إلى المحادثة
threads-new = محادثة جديدة
threads-empty = لا توجد محادثات بعد.
# $status: open, pending (the team waits for the visitor) or solved.
threads-status = { $status ->
    [pending] بانتظار ردّك
    [solved] محلولة
   *[open] مفتوحة
}
# $count (number): messages from the team not read yet.
threads-unread = { $count ->
    [zero] لا توجد رسائل غير مقروءة
    [one] رسالة واحدة غير مقروءة
    [two] رسالتان غير مقروءتين
    [few] { $count } رسائل غير مقروءة
    [many] { $count } رسالة غير مقروءة
   *[other] { $count } رسالة غير مقروءة
}
