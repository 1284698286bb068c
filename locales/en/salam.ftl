# Salam widget — English (the reference locale: every other locale has exactly these ids).

## Launcher
# $unread (number): messages that arrived while the panel was closed.
launcher-label =
    { $unread ->
        [0] Chat with us
        [one] Chat with us, { $unread } unread message
       *[other] Chat with us, { $unread } unread messages
    }

## Panel header
panel-title-default = Support
panel-subtitle-default = We usually reply in a few minutes.
close-label = Close chat

## Message log
log-label = Conversation
log-empty = Ask us anything, we are here to help.
author-you = You
author-bot = Bot
author-agent = Agent
author-system = Notice
message-sending = Sending…
message-sent = Sent
# The support side has read the visitor's message.
message-seen = Seen
message-failed = Not sent.
message-failed-too-long = Not sent: the message is too long.
message-failed-rate-limited = Not sent: too many messages at once. Wait a moment.
message-retry = Try again
upload-failed = Not sent: the file could not be uploaded.
upload-too-large = Not sent: the file is too large.
upload-type = Not sent: this type of file is not accepted.
upload-mismatch = Not sent: the file's content does not match its name.
upload-progress = Uploading { $name }
upload-cancel = Cancel

## Composer
composer-label = Message
composer-placeholder = Write a message…
composer-hint = Enter to send, Shift+Enter for a new line.
send-label = Send
attach-label = Attach a file
attach-type = { $name } cannot be sent: this type of file is not accepted.
# $name (string): the file's name. $mb (string): the size limit in megabytes, already formatted.
attach-too-large = { $name } cannot be sent: files can be { $mb } MB at most.
attach-empty = { $name } cannot be sent: the file is empty.
# The button that takes a file off the "leave a message" form.
attach-remove = Remove { $name }
# $max (number): the longest message allowed, in characters.
composer-too-long = This message is too long: { $max } characters at most. Shorten it and send again.

## Connection
connection-connecting = Connecting…
connection-reconnecting = Reconnecting… Your messages will be sent when the connection is back.
connection-offline = You are offline. Your messages will be sent when you are back online.

## Conversation
# $name (string): the display name of the support agent or bot who is typing.
typing-named = { $name } is typing…
typing-anonymous = Support is typing…
status-resolved = This conversation was marked as resolved. Write to us again any time.

## Who answers (under the panel's title)
answering-bot = Our assistant answers right away.
answering-waiting = A person will join shortly.
# $position (number): the conversation's place in the queue; 1 is next.
answering-queue =
    { $position ->
        [one] A person will join shortly. You are next.
       *[other] A person will join shortly. You are number { $position } in line.
    }
# Read by screen readers before the agent's name and team in the header.
answering-agent-label = Answering now:
talk-to-person = Talk to a person
# The group of buttons with answers the visitor may pick.
quick-replies-label = Suggested replies

## Availability (the panel's subtitle)
reply-time-few = Usually replies in a few minutes.
# $minutes (number): the usual minutes to a first reply.
reply-time =
    { $minutes ->
        [one] Usually replies in { $minutes } minute.
       *[other] Usually replies in { $minutes } minutes.
    }
away-now = We're away right now.
# $time (string): a time of day, like "9:00"; $in (string): how long until then, like "in 2 hours".
away-back-today = We're away. Back at { $time } ({ $in }).
# $time (string): a time of day.
away-back-tomorrow = We're away. Back tomorrow at { $time }.
# $day (string): a day of the week, like "Monday"; $time (string): a time of day.
away-back-weekday = We're away. Back on { $day } at { $time }.
# $date (string): a date, like "December 28, 2026".
away-back-later = We're away. Back on { $date }.
# While away and waiting for a person: how the answer will reach the visitor.
answering-waiting-away = A person will answer here when we're back. You can keep writing.

## Proactive greeting (beside the launcher)
# The button that hides the greeting.
greeting-dismiss = Dismiss the greeting

## Pre-chat form (before the first message, when the site asks for it)
prechat-title = Before we start
prechat-intro = Tell us a little about you, so the right person can help.
prechat-name = Name
prechat-email = E-mail
prechat-submit = Start the chat
# Under a required field left empty (or a box left unticked).
prechat-required = This is required.
# Under an e-mail field that is not an address.
prechat-email-invalid = Enter an e-mail address like name@example.com.
# Under a select field whose choice is not one of its options.
prechat-option-invalid = Choose one of the options.
# The first option of a select field, meaning "nothing chosen yet".
prechat-choose = Choose…
# Next to a field's label when it is not required.
prechat-optional = (optional)

## Leave a message (a ticket, answered by e-mail)

# A button, offered while nobody can answer in the chat.
ticket-offer = Leave a message
ticket-title = Leave us a message
ticket-intro = We'll answer by e-mail, and send you a copy with your request number.
ticket-subject = Subject
ticket-message = Message
ticket-submit = Send
ticket-cancel = Cancel
# $reference (string): the request number, like "#1042". $email (string): where the answer goes.
ticket-sent = Thanks! Your request { $reference } is in. We'll answer at { $email }.
ticket-sending = Sending your message…
ticket-too-long = This message is too long.
# A file of the form could not be uploaded, so the message waits.
ticket-files-failed = A file could not be uploaded. Remove it, or attach it again.
ticket-failed = Your message could not be sent. Please try again.

## Other channels (links to the team elsewhere, set by the site owner)

# Names the group of links, for screen readers.
channels-label = Other ways to reach us
# The default texts of the links (the owner may give their own). Brand names stay as they are.
channel-whatsapp = WhatsApp
channel-telegram = Telegram
channel-email = E-mail
channel-phone = Call us
channel-link = Our website

## The panel's menu

# The button that opens the menu, for screen readers (it shows three dots).
menu-label = More options
menu-transcript-text = Download this conversation (text)
menu-transcript-html = Download this conversation (web page)
menu-email = E-mail me this conversation
menu-end = End chat

## Transcripts (the conversation as a file, or by e-mail)

# The file's heading, and its name before the extension.
transcript-title = Our conversation
# Who wrote a message, in the file.
transcript-you = You
transcript-team = Support team
transcript-email-title = E-mail me this conversation
transcript-email-intro = We'll send a copy of this conversation to this address.
transcript-email-submit = Send
# $email (string): where it goes.
transcript-email-sent = This conversation is on its way to { $email }.
transcript-failed = This conversation cannot be e-mailed now.

## Ending a chat, and rating it

# Asked when the team marks the chat solved.
end-ask = Is there anything else we can help you with?
end-yes = Yes
end-no = No, that's all
end-confirm = End this chat?
end-confirm-yes = End chat
rate-title = How was this chat?
# $score (number): one choice of the five-star scale.
rate-stars = { $score ->
    [one] { $score } star
   *[other] { $score } stars
}
rate-up = Good
rate-down = Bad
rate-face-1 = Bad
rate-face-2 = Okay
rate-face-3 = Great
# Asked after a low rating, above the reasons to tick.
rate-reasons = What went wrong?
rate-reason-slow = It took too long
rate-reason-unsolved = My problem isn't solved
rate-reason-unclear = The answers were unclear
rate-reason-unfriendly = It wasn't friendly
rate-comment = Anything you'd like to add? (optional)
rate-send = Send
# Shown when a comment is sent without a rating.
rate-pick = Choose a rating first.
rate-thanks = Thank you for your feedback!

## "Your conversations": the visitor's earlier chats and requests

# In the panel's menu, and the list's heading.
threads-title = Your conversations
threads-back = Back to the chat
threads-new = New conversation
threads-empty = No conversations yet.
# $status: open, pending (the team waits for the visitor) or solved.
threads-status = { $status ->
    [pending] Waiting for your reply
    [solved] Solved
   *[open] Open
}
# $count (number): messages from the team not read yet.
threads-unread = { $count ->
    [one] { $count } unread
   *[other] { $count } unread
}
