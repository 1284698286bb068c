# E-mails the reference server sends (the widget never loads this file).
# Every locale has exactly these ids. Variables: $reference ("#1042"),
# $name (the visitor's name), $email (their address), $subject (the
# request's subject), $text (the message), $agent (who answered).

# To the visitor, at once, when they leave a message.
mail-ack-subject = 我们已收到您的留言 { $reference }
mail-ack-body =
    { $name }，您好：

    感谢您联系我们。您的工单编号为 { $reference }。我们会尽快通过此邮箱地址回复您。

    您的留言：

    { $text }
# To the visitor, with each answer of the team.
mail-reply-subject = Re: { $subject } { $reference }
mail-reply-body =
    { $agent } 已回复您的工单 { $reference }：

    { $text }

    如需回复，请再次打开我们网站上的聊天窗口。
# To the team's address (sent in English, the console's language).
mail-team-subject = 来自 { $name } 的新工单 { $reference }：{ $subject }
mail-team-body =
    { $name } <{ $email }> 提交了一条留言（{ $reference }）：

    { $text }

    请在客服控制台中回复。
# To the visitor who asked "e-mail me this conversation"; the body is the
# subject, then each message under who wrote it (you, or the team when
# the writer has no name) and when, in UTC.
mail-transcript-subject = 您与我们的聊天记录
mail-transcript-you = 您
mail-transcript-team = 客服团队
