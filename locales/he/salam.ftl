# הווידג'ט Salam — עברית (המזהים זהים בדיוק לאלה שבקובץ הייחוס באנגלית).

## Launcher
# $unread (number): messages that arrived while the panel was closed.
launcher-label =
    { $unread ->
        [0] דברו איתנו
        [one] דברו איתנו, הודעה אחת שלא נקראה
        [two] דברו איתנו, שתי הודעות שלא נקראו
       *[other] דברו איתנו, { $unread } הודעות שלא נקראו
    }

## Panel header
panel-title-default = תמיכה
panel-subtitle-default = בדרך כלל אנחנו עונים תוך כמה דקות.
close-label = סגירת הצ'אט

## Message log
log-label = שיחה
log-empty = אפשר לשאול אותנו כל דבר, אנחנו כאן כדי לעזור.
author-you = אני
author-bot = בוט
author-agent = נציג/ה
author-system = הודעת מערכת
message-sending = בשליחה…
message-sent = נשלחה
# The support side has read the visitor's message.
message-seen = נקרא
message-failed = לא נשלחה.
message-failed-too-long = לא נשלחה: ההודעה ארוכה מדי.
message-failed-rate-limited = לא נשלחה: נשלחו יותר מדי הודעות בבת אחת. נא להמתין רגע.
message-retry = לנסות שוב
upload-failed = לא נשלחה: לא ניתן היה להעלות את הקובץ.
upload-too-large = לא נשלחה: הקובץ גדול מדי.
upload-type = לא נשלחה: סוג קובץ זה אינו נתמך.
upload-mismatch = לא נשלחה: תוכן הקובץ אינו תואם לשם שלו.
upload-progress = העלאת { $name }
upload-cancel = ביטול

## Composer
composer-label = הודעה
composer-placeholder = כתבו הודעה…
composer-hint = לשליחה מקישים Enter, ולשורה חדשה Shift+Enter.
send-label = שליחה
attach-label = צירוף קובץ
attach-type = לא ניתן לשלוח את { $name }: סוג קובץ זה אינו נתמך.
# $name (string): the file's name. $mb (string): the size limit in megabytes, already formatted.
attach-too-large = לא ניתן לשלוח את { $name }: גודל הקובץ המרבי הוא { $mb } מ"ב.
attach-empty = לא ניתן לשלוח את { $name }: הקובץ ריק.
# The button that takes a file off the "leave a message" form.
attach-remove = הסרת { $name }
# $max (number): the longest message allowed, in characters.
composer-too-long = ההודעה ארוכה מדי: אפשר לכתוב עד { $max } תווים. כדאי לקצר אותה ולשלוח שוב.

## Connection
connection-connecting = מתחבר…
connection-reconnecting = מתחבר מחדש… ההודעות שלך יישלחו כשהחיבור יחזור.
connection-offline = אין חיבור לאינטרנט. ההודעות שלך יישלחו כשהחיבור לאינטרנט יחזור.

## Conversation
# $name (string): the display name of the support agent or bot who is typing.
typing-named = { $name } מקליד/ה…
typing-anonymous = צוות התמיכה מקליד…
status-resolved = השיחה סומנה כפתורה. אפשר לכתוב לנו שוב בכל עת.

## Who answers (under the panel's title)
answering-bot = העוזר שלנו עונה מיד.
answering-waiting = מישהו מצוות התמיכה יצטרף לשיחה בקרוב.
# $position (number): the conversation's place in the queue; 1 is next.
answering-queue =
    { $position ->
        [1] מישהו מצוות התמיכה יצטרף לשיחה בקרוב. אין אף אחד לפניך בתור.
        [one] מישהו מצוות התמיכה יצטרף לשיחה בקרוב. מקומך בתור: { $position }.
        [two] מישהו מצוות התמיכה יצטרף לשיחה בקרוב. מקומך בתור: { $position }.
       *[other] מישהו מצוות התמיכה יצטרף לשיחה בקרוב. מקומך בתור: { $position }.
    }
# Read by screen readers before the agent's name and team in the header.
answering-agent-label = עונה עכשיו:
talk-to-person = דברו עם נציג/ה
# The group of buttons with answers the visitor may pick.
quick-replies-label = תשובות מוצעות

## Availability (the panel's subtitle)
reply-time-few = בדרך כלל אנחנו עונים תוך כמה דקות.
# $minutes (number): the usual minutes to a first reply.
reply-time =
    { $minutes ->
        [one] בדרך כלל אנחנו עונים תוך דקה.
        [two] בדרך כלל אנחנו עונים תוך שתי דקות.
       *[other] בדרך כלל אנחנו עונים תוך { $minutes } דקות.
    }
away-now = אנחנו לא זמינים כרגע.
# $time (string): a time of day, like "9:00"; $in (string): how long until then, like "in 2 hours".
away-back-today = אנחנו לא זמינים כרגע. נחזור { $in }, בשעה { $time }.
# $time (string): a time of day.
away-back-tomorrow = אנחנו לא זמינים כרגע. נחזור מחר בשעה { $time }.
# $day (string): a day of the week, like "Monday"; $time (string): a time of day.
away-back-weekday = אנחנו לא זמינים כרגע. נחזור ב{ $day } בשעה { $time }.
# $date (string): a date, like "December 28, 2026".
away-back-later = אנחנו לא זמינים כרגע. נחזור ב־{ $date }.
# While away and waiting for a person: how the answer will reach the visitor.
answering-waiting-away = מישהו מצוות התמיכה יענה כאן כשנחזור. אפשר להמשיך לכתוב.

## Proactive greeting (beside the launcher)
# The button that hides the greeting.
greeting-dismiss = סגירת ההודעה

## Pre-chat form (before the first message, when the site asks for it)
prechat-title = לפני שמתחילים
prechat-intro = ספרו לנו קצת על עצמכם, כדי שהאדם המתאים יוכל לעזור.
prechat-name = שם
prechat-email = אימייל
prechat-submit = התחלת הצ'אט
# Under a required field left empty.
prechat-required = זהו שדה חובה.
# Under an e-mail field that is not an address.
prechat-email-invalid = נא להזין כתובת אימייל כמו name@example.com.
# Under a select field whose choice is not one of its options.
prechat-option-invalid = נא לבחור אחת מהאפשרויות.
# The first option of a select field, meaning "nothing chosen yet".
prechat-choose = בחרו…
# After "(optional)" style marker next to a field's label when it is not required.
prechat-optional = (לא חובה)

## Leave a message (a ticket, answered by e-mail)

# A button, offered while nobody can answer in the chat.
ticket-offer = השארת הודעה
ticket-title = השאירו לנו הודעה
ticket-intro = נענה באימייל ונשלח אליך עותק עם מספר הפנייה.
ticket-subject = נושא
ticket-message = הודעה
ticket-submit = שליחה
ticket-cancel = ביטול
# $reference (string): the request number, like "#1042". $email (string): where the answer goes.
ticket-sent = תודה! הפנייה שלך { $reference } התקבלה. התשובה תישלח לכתובת { $email }.
ticket-sending = שולחים את ההודעה שלך…
ticket-too-long = ההודעה ארוכה מדי.
# A file of the form could not be uploaded, so the message waits.
ticket-files-failed = לא ניתן היה להעלות את אחד הקבצים. נא להסיר אותו או לצרף אותו שוב.
ticket-failed = לא הצלחנו לשלוח את ההודעה. נא לנסות שוב.

## Other channels (links to the team elsewhere, set by the site owner)

# Names the group of links, for screen readers.
channels-label = דרכים נוספות ליצור איתנו קשר
# The default texts of the links (the owner may give their own). Brand names stay as they are.
channel-whatsapp = WhatsApp
channel-telegram = Telegram
channel-email = אימייל
channel-phone = התקשרו אלינו
channel-link = האתר שלנו

## The panel's menu

# The button that opens the menu, for screen readers (it shows three dots).
menu-label = אפשרויות נוספות
menu-transcript-text = הורדת השיחה (טקסט)
menu-transcript-html = הורדת השיחה (דף אינטרנט)
menu-email = שליחת השיחה אליי באימייל
menu-end = סיום הצ'אט

## Transcripts (the conversation as a file, or by e-mail)

# The file's heading, and its name before the extension.
transcript-title = השיחה שלנו
# Who wrote a message, in the file.
transcript-you = אני
transcript-team = צוות התמיכה
transcript-email-title = שליחת השיחה אליי באימייל
transcript-email-intro = נשלח עותק של השיחה לכתובת הזו.
transcript-email-submit = שליחה
# $email (string): where it goes.
transcript-email-sent = השיחה בדרך אל { $email }.
transcript-failed = לא ניתן לשלוח את השיחה באימייל כרגע.

## Ending a chat, and rating it

# Asked when the team marks the chat solved.
end-ask = אפשר לעזור במשהו נוסף?
end-yes = כן
end-no = לא, זה הכול
end-confirm = לסיים את הצ'אט?
end-confirm-yes = סיום הצ'אט
rate-title = איך היה הצ'אט?
# $score (number): one choice of the five-star scale.
rate-stars = { $score ->
    [one] { $score } כוכב
    [two] { $score } כוכבים
   *[other] { $score } כוכבים
}
rate-up = טוב
rate-down = לא טוב
rate-face-1 = לא טוב
rate-face-2 = בסדר
rate-face-3 = מצוין
# Asked after a low rating, above the reasons to tick.
rate-reasons = מה לא היה בסדר?
rate-reason-slow = זה לקח יותר מדי זמן
rate-reason-unsolved = הבעיה שלי לא נפתרה
rate-reason-unclear = התשובות לא היו ברורות
rate-reason-unfriendly = היחס לא היה אדיב
rate-comment = רוצה להוסיף משהו? (לא חובה)
rate-send = שליחה
# Shown when a comment is sent without a rating.
rate-pick = נא לבחור דירוג קודם.
rate-thanks = תודה על המשוב!

## "Your conversations": the visitor's earlier chats and requests

# In the panel's menu, and the list's heading.
threads-title = השיחות שלך
threads-back = חזרה לצ'אט
threads-new = שיחה חדשה
threads-empty = אין עדיין שיחות.
# $status: open, pending (the team waits for the visitor) or solved.
threads-status = { $status ->
    [pending] ממתינה לתשובה שלך
    [solved] נפתרה
   *[open] פתוחה
}
# $count (number): messages from the team not read yet.
threads-unread = { $count ->
    [one] { $count } הודעה שלא נקראה
    [two] { $count } הודעות שלא נקראו
   *[other] { $count } הודעות שלא נקראו
}
