# Salam widget — Japanese, ja (same message ids as the English reference locale).

## Launcher
# $unread (number): messages that arrived while the panel was closed.
launcher-label =
    { $unread ->
        [0] チャットでお問い合わせ
       *[other] チャットでお問い合わせ（未読メッセージ{ $unread }件）
    }

## Panel header
panel-title-default = サポート
panel-subtitle-default = 通常、数分以内にお返事いたします。
close-label = チャットを閉じる

## Message log
log-label = 会話履歴
log-empty = どんなことでもお気軽にご質問ください。
author-you = あなた
author-bot = チャットボット
author-agent = オペレーター
author-system = お知らせ
message-sending = 送信中…
message-sent = 送信済み
# The support side has read the visitor's message.
message-seen = 既読
message-failed = 送信できませんでした。
message-failed-too-long = 送信できませんでした：メッセージが長すぎます。
message-failed-rate-limited = 送信できませんでした：短時間に送信されたメッセージが多すぎます。少し待ってからもう一度お試しください。
message-retry = 再送信
upload-failed = 送信できませんでした：ファイルのアップロードに失敗しました。
upload-too-large = 送信できませんでした：ファイルサイズが大きすぎます。
upload-type = 送信できませんでした：この形式のファイルは受け付けていません。
upload-mismatch = 送信できませんでした：ファイルの内容がファイル名と一致しません。
upload-progress = { $name }をアップロード中
upload-cancel = キャンセル

## Composer
composer-label = メッセージ
composer-placeholder = メッセージを入力…
composer-hint = Enterで送信、Shift+Enterで改行します。
send-label = 送信
attach-label = ファイルを添付
attach-type = { $name }は送信できません：この形式のファイルは受け付けていません。
# $name (string): the file's name. $mb (string): the size limit in megabytes, already formatted.
attach-too-large = { $name }は送信できません：ファイルサイズは{ $mb }MBまでです。
attach-empty = { $name }は送信できません：ファイルが空です。
# The button that takes a file off the "leave a message" form.
attach-remove = { $name }を削除
# $max (number): the longest message allowed, in characters.
composer-too-long = メッセージが長すぎます（最大{ $max }文字）。短くしてから、もう一度送信してください。

## Connection
connection-connecting = 接続中…
connection-reconnecting = 再接続中…接続が回復しだい、メッセージを送信します。
connection-offline = オフラインです。オンラインに戻りしだい、メッセージを送信します。

## Conversation
# $name (string): the display name of the support agent or bot who is typing.
typing-named = { $name }が入力中…
typing-anonymous = オペレーターが入力中…
status-resolved = このお問い合わせは解決済みとなりました。またいつでもお気軽にご連絡ください。

## Who answers (under the panel's title)
answering-bot = アシスタントがすぐにお答えします。
answering-waiting = まもなくオペレーターが対応いたします。
# $position (number): the conversation's place in the queue; 1 is next.
answering-queue =
    { $position ->
        [1] まもなくオペレーターが対応いたします。次にご案内いたします。
       *[other] まもなくオペレーターが対応いたします。現在の順番は{ $position }番目です。
    }
# Read by screen readers before the agent's name and team in the header.
answering-agent-label = 現在の担当：
talk-to-person = オペレーターと話す
# The group of buttons with answers the visitor may pick.
quick-replies-label = 返信の候補

## Availability (the panel's subtitle)
reply-time-few = 通常、数分以内にお返事いたします。
# $minutes (number): the usual minutes to a first reply.
reply-time =
    { $minutes ->
       *[other] 通常、{ $minutes }分以内にお返事いたします。
    }
away-now = ただいま不在にしております。
# $time (string): a time of day, like "9:00"; $in (string): how long until then, like "in 2 hours".
away-back-today = ただいま不在にしております。{ $time }（{ $in }）に対応を再開します。
# $time (string): a time of day.
away-back-tomorrow = ただいま不在にしております。明日{ $time }に対応を再開します。
# $day (string): a day of the week, like "Monday"; $time (string): a time of day.
away-back-weekday = ただいま不在にしております。{ $day }の{ $time }に対応を再開します。
# $date (string): a date, like "December 28, 2026".
away-back-later = ただいま不在にしております。{ $date }に対応を再開します。
# While away and waiting for a person: how the answer will reach the visitor.
answering-waiting-away = 対応再開後、オペレーターがこちらでお返事いたします。メッセージはそのままご入力いただけます。

## Proactive greeting (beside the launcher)
# The button that hides the greeting.
greeting-dismiss = あいさつを閉じる

## Pre-chat form (before the first message, when the site asks for it)
prechat-title = チャットを始める前に
prechat-intro = 適切な担当者が対応できるよう、お客様について少しお聞かせください。
prechat-name = お名前
prechat-email = メールアドレス
prechat-submit = チャットを開始
# Under a required field left empty.
prechat-required = この項目は必須です。
# Under an e-mail field that is not an address.
prechat-email-invalid = name@example.comのような形式でメールアドレスを入力してください。
# Under a select field whose choice is not one of its options.
prechat-option-invalid = 選択肢の中からお選びください。
# The first option of a select field, meaning "nothing chosen yet".
prechat-choose = 選択してください
# After "(optional)" style marker next to a field's label when it is not required.
prechat-optional = （任意）

## Leave a message (a ticket, answered by e-mail)

# A button, offered while nobody can answer in the chat.
ticket-offer = メッセージを残す
ticket-title = メッセージをお送りください
ticket-intro = メールでお返事いたします。お問い合わせ番号を記載した控えもお送りします。
ticket-subject = 件名
ticket-message = メッセージ
ticket-submit = 送信
ticket-cancel = キャンセル
# $reference (string): the request number, like "#1042". $email (string): where the answer goes.
ticket-sent = ありがとうございます。お問い合わせ（{ $reference }）を受け付けました。{ $email }宛てにお返事いたします。
ticket-sending = メッセージを送信中…
ticket-too-long = メッセージが長すぎます。
# A file of the form could not be uploaded, so the message waits.
ticket-files-failed = アップロードできなかったファイルがあります。削除するか、もう一度添付してください。
ticket-failed = メッセージを送信できませんでした。もう一度お試しください。

## Other channels (links to the team elsewhere, set by the site owner)

# Names the group of links, for screen readers.
channels-label = その他のお問い合わせ方法
# The default texts of the links (the owner may give their own). Brand names stay as they are.
channel-whatsapp = WhatsApp
channel-telegram = Telegram
channel-email = メール
channel-phone = お電話ください
channel-link = 公式サイト

## The panel's menu

# The button that opens the menu, for screen readers (it shows three dots).
menu-label = その他のオプション
menu-transcript-text = 会話をダウンロード（テキスト）
menu-transcript-html = 会話をダウンロード（Webページ）
menu-email = 会話をメールで受け取る
menu-end = チャットを終了

## Transcripts (the conversation as a file, or by e-mail)

# The file's heading, and its name before the extension.
transcript-title = 会話履歴
# Who wrote a message, in the file.
transcript-you = あなた
transcript-team = サポートチーム
transcript-email-title = 会話をメールで受け取る
transcript-email-intro = 入力されたメールアドレス宛てに、この会話の控えをお送りします。
transcript-email-submit = 送信
# $email (string): where it goes.
transcript-email-sent = この会話を{ $email }宛てにお送りしています。
transcript-failed = 現在、この会話をメールでお送りできません。

## Ending a chat, and rating it

# Asked when the team marks the chat solved.
end-ask = ほかにお手伝いできることはありますか？
end-yes = はい
end-no = いいえ、以上です
end-confirm = このチャットを終了しますか？
end-confirm-yes = チャットを終了
rate-title = このチャットはいかがでしたか？
# $score (number): one choice of the five-star scale.
rate-stars = { $score ->
   *[other] { $score }つ星
}
rate-up = 良い
rate-down = 悪い
rate-face-1 = 悪い
rate-face-2 = ふつう
rate-face-3 = とても良い
# Asked after a low rating, above the reasons to tick.
rate-reasons = どのような点がご不満でしたか？
rate-reason-slow = 時間がかかりすぎた
rate-reason-unsolved = 問題が解決していない
rate-reason-unclear = 回答がわかりにくかった
rate-reason-unfriendly = 対応が丁寧ではなかった
rate-comment = ほかにご意見があればお聞かせください（任意）
rate-send = 送信
# Shown when a comment is sent without a rating.
rate-pick = 先に評価を選択してください。
rate-thanks = ご意見をお寄せいただき、ありがとうございます。

## "Your conversations": the visitor's earlier chats and requests

# In the panel's menu, and the list's heading.
threads-title = お問い合わせ履歴
threads-back = チャットに戻る
threads-new = 新しいお問い合わせ
threads-empty = お問い合わせ履歴はまだありません。
# $status: open, pending (the team waits for the visitor) or solved.
threads-status = { $status ->
    [pending] お客様の返信待ち
    [solved] 解決済み
   *[open] 対応中
}
# $count (number): messages from the team not read yet.
threads-unread = { $count ->
   *[other] 未読{ $count }件
}
