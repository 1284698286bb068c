# ویجت سلام — فارسی (شناسه‌ها دقیقاً همان شناسه‌های فایل مرجع انگلیسی است).

## Launcher
# $unread (number): messages that arrived while the panel was closed.
launcher-label =
    { $unread ->
        [0] گفتگو با ما
        [one] گفتگو با ما، { $unread } پیام خوانده‌نشده
       *[other] گفتگو با ما، { $unread } پیام خوانده‌نشده
    }

## Panel header
panel-title-default = پشتیبانی
panel-subtitle-default = معمولاً ظرف چند دقیقه پاسخ می‌دهیم.
close-label = بستن گفتگو

## Message log
log-label = گفتگو
log-empty = هر سؤالی دارید بپرسید؛ ما اینجا هستیم تا کمکتان کنیم.
author-you = شما
author-bot = ربات
author-agent = پشتیبان
author-system = اطلاعیه
message-sending = در حال ارسال…
message-sent = ارسال شد
# The support side has read the visitor's message.
message-seen = دیده شد
message-failed = ارسال نشد.
message-failed-too-long = ارسال نشد: پیام خیلی طولانی است.
message-failed-rate-limited = ارسال نشد: پیام‌های زیادی پشت سر هم فرستاده‌اید. لطفاً کمی صبر کنید.
message-retry = تلاش دوباره
upload-failed = ارسال نشد: فایل بارگذاری نشد.
upload-too-large = ارسال نشد: حجم فایل خیلی زیاد است.
upload-type = ارسال نشد: این نوع فایل پذیرفته نمی‌شود.
upload-mismatch = ارسال نشد: محتوای فایل با نام آن همخوانی ندارد.
upload-progress = در حال بارگذاری { $name }
upload-cancel = لغو

## Composer
composer-label = پیام
composer-placeholder = پیامی بنویسید…
composer-hint = برای ارسال Enter و برای رفتن به خط بعد Shift+Enter را بزنید.
send-label = ارسال
attach-label = پیوست کردن فایل
attach-type = { $name } را نمی‌توان ارسال کرد: این نوع فایل پذیرفته نمی‌شود.
# $name (string): the file's name. $mb (string): the size limit in megabytes, already formatted.
attach-too-large = { $name } را نمی‌توان ارسال کرد: حجم فایل حداکثر می‌تواند { $mb } مگابایت باشد.
attach-empty = { $name } را نمی‌توان ارسال کرد: فایل خالی است.
# The button that takes a file off the "leave a message" form.
attach-remove = حذف { $name }
# $max (number): the longest message allowed, in characters.
composer-too-long = این پیام خیلی طولانی است: حداکثر { $max } نویسه مجاز است. لطفاً آن را کوتاه‌تر کنید و دوباره بفرستید.

## Connection
connection-connecting = در حال اتصال…
connection-reconnecting = در حال اتصال دوباره… پیام‌هایتان پس از برقراری اتصال ارسال می‌شوند.
connection-offline = شما آفلاین هستید. پیام‌هایتان وقتی دوباره آنلاین شوید ارسال می‌شوند.

## Conversation
# $name (string): the display name of the support agent or bot who is typing.
typing-named = { $name } در حال نوشتن است…
typing-anonymous = پشتیبان در حال نوشتن است…
status-resolved = این گفتگو به‌عنوان «حل‌شده» علامت‌گذاری شد. هر وقت خواستید دوباره برای ما بنویسید.

## Who answers (under the panel's title)
answering-bot = دستیار ما بی‌درنگ پاسخ می‌دهد.
answering-waiting = به‌زودی یک پشتیبان به گفتگو می‌پیوندد.
# $position (number): the conversation's place in the queue; 1 is next.
answering-queue =
    { $position ->
        [1] به‌زودی یک پشتیبان به گفتگو می‌پیوندد. نفر بعدی شما هستید.
        [one] به‌زودی یک پشتیبان به گفتگو می‌پیوندد. نوبت شما در صف: { $position }.
       *[other] به‌زودی یک پشتیبان به گفتگو می‌پیوندد. نوبت شما در صف: { $position }.
    }
# Read by screen readers before the agent's name and team in the header.
answering-agent-label = در حال پاسخ‌گویی:
talk-to-person = گفتگو با پشتیبان
# The group of buttons with answers the visitor may pick.
quick-replies-label = پاسخ‌های پیشنهادی

## Availability (the panel's subtitle)
reply-time-few = معمولاً ظرف چند دقیقه پاسخ می‌دهیم.
# $minutes (number): the usual minutes to a first reply.
reply-time =
    { $minutes ->
        [one] معمولاً ظرف { $minutes } دقیقه پاسخ می‌دهیم.
       *[other] معمولاً ظرف { $minutes } دقیقه پاسخ می‌دهیم.
    }
away-now = در حال حاضر در دسترس نیستیم.
# $time (string): a time of day, like "9:00"; $in (string): how long until then, like "in 2 hours".
away-back-today = در حال حاضر در دسترس نیستیم. ساعت { $time } ({ $in }) برمی‌گردیم.
# $time (string): a time of day.
away-back-tomorrow = در حال حاضر در دسترس نیستیم. فردا ساعت { $time } برمی‌گردیم.
# $day (string): a day of the week, like "Monday"; $time (string): a time of day.
away-back-weekday = در حال حاضر در دسترس نیستیم. { $day } ساعت { $time } برمی‌گردیم.
# $date (string): a date, like "December 28, 2026".
away-back-later = در حال حاضر در دسترس نیستیم. { $date } برمی‌گردیم.
# While away and waiting for a person: how the answer will reach the visitor.
answering-waiting-away = وقتی برگردیم، یک پشتیبان همین‌جا پاسخ‌تان را می‌دهد. می‌توانید به نوشتن ادامه دهید.

## Proactive greeting (beside the launcher)
# The button that hides the greeting.
greeting-dismiss = بستن پیام خوشامد

## Pre-chat form (before the first message, when the site asks for it)
prechat-title = پیش از شروع
prechat-intro = کمی درباره خودتان بگویید تا فرد مناسب بتواند به شما کمک کند.
prechat-name = نام
prechat-email = ایمیل
prechat-submit = شروع گفتگو
# Under a required field left empty.
prechat-required = این قسمت الزامی است.
# Under an e-mail field that is not an address.
prechat-email-invalid = لطفاً نشانی ایمیلی مانند name@example.com وارد کنید.
# Under a select field whose choice is not one of its options.
prechat-option-invalid = لطفاً یکی از گزینه‌ها را انتخاب کنید.
# The first option of a select field, meaning "nothing chosen yet".
prechat-choose = انتخاب کنید…
# After "(optional)" style marker next to a field's label when it is not required.
prechat-optional = (اختیاری)

## Leave a message (a ticket, answered by e-mail)

# A button, offered while nobody can answer in the chat.
ticket-offer = پیام بگذارید
ticket-title = برای ما پیام بگذارید
ticket-intro = از طریق ایمیل پاسخ می‌دهیم و رونوشتی همراه با شماره درخواست برایتان می‌فرستیم.
ticket-subject = موضوع
ticket-message = پیام
ticket-submit = ارسال
ticket-cancel = انصراف
# $reference (string): the request number, like "#1042". $email (string): where the answer goes.
ticket-sent = سپاسگزاریم! درخواست { $reference } شما ثبت شد. پاسخ را به { $email } می‌فرستیم.
ticket-sending = در حال ارسال پیام شما…
ticket-too-long = این پیام خیلی طولانی است.
# A file of the form could not be uploaded, so the message waits.
ticket-files-failed = یکی از فایل‌ها بارگذاری نشد. آن را حذف کنید یا دوباره پیوست کنید.
ticket-failed = پیام شما ارسال نشد. لطفاً دوباره تلاش کنید.

## Other channels (links to the team elsewhere, set by the site owner)

# Names the group of links, for screen readers.
channels-label = راه‌های دیگر ارتباط با ما
# The default texts of the links (the owner may give their own). Brand names stay as they are.
channel-whatsapp = WhatsApp
channel-telegram = تلگرام
channel-email = ایمیل
channel-phone = با ما تماس بگیرید
channel-link = وب‌سایت ما

## The panel's menu

# The button that opens the menu, for screen readers (it shows three dots).
menu-label = گزینه‌های بیشتر
menu-transcript-text = دانلود گفتگو (متن)
menu-transcript-html = دانلود گفتگو (صفحه وب)
menu-email = ارسال گفتگو به ایمیل من
menu-end = پایان گفتگو

## Transcripts (the conversation as a file, or by e-mail)

# The file's heading, and its name before the extension.
transcript-title = گفتگوی ما
# Who wrote a message, in the file.
transcript-you = شما
transcript-team = تیم پشتیبانی
transcript-email-title = ارسال گفتگو به ایمیل من
transcript-email-intro = رونوشتی از این گفتگو را به این نشانی می‌فرستیم.
transcript-email-submit = ارسال
# $email (string): where it goes.
transcript-email-sent = این گفتگو در حال ارسال به { $email } است.
transcript-failed = در حال حاضر نمی‌توانیم این گفتگو را ایمیل کنیم.

## Ending a chat, and rating it

# Asked when the team marks the chat solved.
end-ask = کار دیگری هست که بتوانیم برایتان انجام دهیم؟
end-yes = بله
end-no = نه، کار دیگری ندارم
end-confirm = این گفتگو را پایان می‌دهید؟
end-confirm-yes = پایان گفتگو
rate-title = این گفتگو چطور بود؟
# $score (number): one choice of the five-star scale.
rate-stars = { $score ->
    [one] { $score } ستاره
   *[other] { $score } ستاره
}
rate-up = خوب
rate-down = بد
rate-face-1 = بد
rate-face-2 = معمولی
rate-face-3 = عالی
# Asked after a low rating, above the reasons to tick.
rate-reasons = چه چیزی خوب پیش نرفت؟
rate-reason-slow = خیلی طول کشید
rate-reason-unsolved = مشکلم حل نشد
rate-reason-unclear = پاسخ‌ها روشن نبودند
rate-reason-unfriendly = برخورد دوستانه نبود
rate-comment = نکته‌ای هست که بخواهید اضافه کنید؟ (اختیاری)
rate-send = ارسال
# Shown when a comment is sent without a rating.
rate-pick = لطفاً ابتدا یک امتیاز انتخاب کنید.
rate-thanks = از بازخورد شما سپاسگزاریم!

## "Your conversations": the visitor's earlier chats and requests

# In the panel's menu, and the list's heading.
threads-title = گفتگوهای شما
threads-back = بازگشت به گفتگو
threads-new = گفتگوی جدید
threads-empty = هنوز گفتگویی ندارید.
# $status: open, pending (the team waits for the visitor) or solved.
threads-status = { $status ->
    [pending] در انتظار پاسخ شما
    [solved] حل‌شده
   *[open] باز
}
# $count (number): messages from the team not read yet.
threads-unread = { $count ->
    [one] { $count } خوانده‌نشده
   *[other] { $count } خوانده‌نشده
}
