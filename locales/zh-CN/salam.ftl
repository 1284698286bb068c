# Salam widget — Simplified Chinese, zh-CN (same message ids as the English reference locale).

## Launcher
# $unread (number): messages that arrived while the panel was closed.
launcher-label =
    { $unread ->
        [0] 联系我们
       *[other] 联系我们，{ $unread } 条未读消息
    }

## Panel header
panel-title-default = 在线客服
panel-subtitle-default = 我们通常会在几分钟内回复。
close-label = 关闭聊天窗口

## Message log
log-label = 聊天记录
log-empty = 有问题尽管问，我们随时为您服务。
author-you = 我
author-bot = 智能客服
author-agent = 人工客服
author-system = 系统消息
message-sending = 正在发送…
message-sent = 已发送
# The support side has read the visitor's message.
message-seen = 已读
message-failed = 发送失败。
message-failed-too-long = 发送失败：消息过长。
message-failed-rate-limited = 发送失败：发送过于频繁，请稍后再试。
message-retry = 重试
upload-failed = 发送失败：无法上传文件。
upload-too-large = 发送失败：文件过大。
upload-type = 发送失败：不支持此类型的文件。
upload-mismatch = 发送失败：文件内容与文件名不符。
upload-progress = 正在上传 { $name }
upload-cancel = 取消

## Composer
composer-label = 消息
composer-placeholder = 输入消息…
composer-hint = 按 Enter 发送，Shift+Enter 换行。
send-label = 发送
attach-label = 添加附件
attach-type = 无法发送 { $name }：不支持此类型的文件。
# $name (string): the file's name. $mb (string): the size limit in megabytes, already formatted.
attach-too-large = 无法发送 { $name }：文件大小不能超过 { $mb } MB。
attach-empty = 无法发送 { $name }：文件为空。
# The button that takes a file off the "leave a message" form.
attach-remove = 移除 { $name }
# $max (number): the longest message allowed, in characters.
composer-too-long = 消息过长：最多 { $max } 个字符。请精简后再发送。

## Connection
connection-connecting = 正在连接…
connection-reconnecting = 正在重新连接…连接恢复后，您的消息将自动发送。
connection-offline = 您已离线。恢复联网后，您的消息将自动发送。

## Conversation
# $name (string): the display name of the support agent or bot who is typing.
typing-named = { $name } 正在输入…
typing-anonymous = 客服正在输入…
status-resolved = 此会话已标记为已解决。如有需要，欢迎随时再联系我们。

## Who answers (under the panel's title)
answering-bot = 智能助手将立即为您解答。
answering-waiting = 人工客服即将为您服务。
# $position (number): the conversation's place in the queue; 1 is next.
answering-queue =
    { $position ->
        [1] 人工客服即将为您服务。下一位就是您。
       *[other] 人工客服即将为您服务。您当前排在第 { $position } 位。
    }
# Read by screen readers before the agent's name and team in the header.
answering-agent-label = 当前接待：
talk-to-person = 转人工客服
# The group of buttons with answers the visitor may pick.
quick-replies-label = 推荐回复

## Availability (the panel's subtitle)
reply-time-few = 我们通常会在几分钟内回复。
# $minutes (number): the usual minutes to a first reply.
reply-time =
    { $minutes ->
       *[other] 我们通常会在 { $minutes } 分钟内回复。
    }
away-now = 客服暂时不在线。
# $time (string): a time of day, like "9:00"; $in (string): how long until then, like "in 2 hours".
away-back-today = 客服暂时不在线，将于 { $time }（{ $in }）恢复服务。
# $time (string): a time of day.
away-back-tomorrow = 客服暂时不在线，将于明天 { $time } 恢复服务。
# $day (string): a day of the week, like "Monday"; $time (string): a time of day.
away-back-weekday = 客服暂时不在线，将于{ $day } { $time } 恢复服务。
# $date (string): a date, like "December 28, 2026".
away-back-later = 客服暂时不在线，将于 { $date } 恢复服务。
# While away and waiting for a person: how the answer will reach the visitor.
answering-waiting-away = 人工客服恢复服务后将在此回复您，您可以继续留言。

## Proactive greeting (beside the launcher)
# The button that hides the greeting.
greeting-dismiss = 关闭问候

## Pre-chat form (before the first message, when the site asks for it)
prechat-title = 开始之前
prechat-intro = 请简单介绍一下您的情况，以便由合适的客服人员为您服务。
prechat-name = 姓名
prechat-email = 电子邮箱
prechat-submit = 开始聊天
# Under a required field left empty.
prechat-required = 此项为必填项。
# Under an e-mail field that is not an address.
prechat-email-invalid = 请输入正确的邮箱地址，例如 name@example.com。
# Under a select field whose choice is not one of its options.
prechat-option-invalid = 请从选项中选择一项。
# The first option of a select field, meaning "nothing chosen yet".
prechat-choose = 请选择…
# After "(optional)" style marker next to a field's label when it is not required.
prechat-optional = （选填）

## Leave a message (a ticket, answered by e-mail)

# A button, offered while nobody can answer in the chat.
ticket-offer = 留言
ticket-title = 给我们留言
ticket-intro = 我们会通过电子邮件回复您，并向您发送一份附有工单编号的副本。
ticket-subject = 主题
ticket-message = 留言内容
ticket-submit = 发送
ticket-cancel = 取消
# $reference (string): the request number, like "#1042". $email (string): where the answer goes.
ticket-sent = 感谢您的留言！您的工单 { $reference } 已提交，我们会回复至 { $email }。
ticket-sending = 正在发送留言…
ticket-too-long = 留言内容过长。
# A file of the form could not be uploaded, so the message waits.
ticket-files-failed = 有一个文件无法上传，请移除该文件或重新添加。
ticket-failed = 留言发送失败，请重试。

## Other channels (links to the team elsewhere, set by the site owner)

# Names the group of links, for screen readers.
channels-label = 其他联系方式
# The default texts of the links (the owner may give their own). Brand names stay as they are.
channel-whatsapp = WhatsApp
channel-telegram = Telegram
channel-email = 电子邮箱
channel-phone = 给我们打电话
channel-link = 官方网站

## The panel's menu

# The button that opens the menu, for screen readers (it shows three dots).
menu-label = 更多选项
menu-transcript-text = 下载聊天记录（文本）
menu-transcript-html = 下载聊天记录（网页）
menu-email = 将聊天记录发送到我的邮箱
menu-end = 结束聊天

## Transcripts (the conversation as a file, or by e-mail)

# The file's heading, and its name before the extension.
transcript-title = 聊天记录
# Who wrote a message, in the file.
transcript-you = 我
transcript-team = 客服团队
transcript-email-title = 将聊天记录发送到我的邮箱
transcript-email-intro = 我们会将本次聊天记录的副本发送到此邮箱地址。
transcript-email-submit = 发送
# $email (string): where it goes.
transcript-email-sent = 聊天记录正在发送至 { $email }。
transcript-failed = 暂时无法通过邮件发送聊天记录。

## Ending a chat, and rating it

# Asked when the team marks the chat solved.
end-ask = 还有其他需要我们帮助的吗？
end-yes = 有
end-no = 没有了，谢谢
end-confirm = 要结束本次聊天吗？
end-confirm-yes = 结束聊天
rate-title = 本次聊天体验如何？
# $score (number): one choice of the five-star scale.
rate-stars = { $score ->
   *[other] { $score } 星
}
rate-up = 满意
rate-down = 不满意
rate-face-1 = 不满意
rate-face-2 = 一般
rate-face-3 = 非常满意
# Asked after a low rating, above the reasons to tick.
rate-reasons = 哪些方面让您不满意？
rate-reason-slow = 等待时间太长
rate-reason-unsolved = 问题没有解决
rate-reason-unclear = 回答不够清楚
rate-reason-unfriendly = 服务态度不好
rate-comment = 还有其他想告诉我们的吗？（选填）
rate-send = 发送
# Shown when a comment is sent without a rating.
rate-pick = 请先选择评分。
rate-thanks = 感谢您的反馈！

## "Your conversations": the visitor's earlier chats and requests

# In the panel's menu, and the list's heading.
threads-title = 我的会话
threads-back = 返回聊天
threads-new = 新建会话
threads-empty = 暂无会话。
# $status: open, pending (the team waits for the visitor) or solved.
threads-status = { $status ->
    [pending] 待您回复
    [solved] 已解决
   *[open] 进行中
}
# $count (number): messages from the team not read yet.
threads-unread = { $count ->
   *[other] { $count } 条未读
}
